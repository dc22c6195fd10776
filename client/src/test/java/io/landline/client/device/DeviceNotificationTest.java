package io.landline.client.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.List;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;

/** How a PUBLISH becomes a {@link DeviceNotification}, whatever properties it carries. */
class DeviceNotificationTest {

    private static MqttMessage publish(String payload, Long expiry, UserProperty... user) {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        MqttProperties properties = new MqttProperties();
        properties.setUserProperties(List.of(user));
        if (expiry != null) {
            properties.setMessageExpiryInterval(expiry);
        }
        message.setProperties(properties);
        return message;
    }

    @Test
    void everyApnsPropertyAndTheExpiryIntervalAreRead() {
        DeviceNotification n = DeviceConnection.notification("push/com.example.app.voip", publish("{\"call\":1}", 3599L,
                new UserProperty("apns-id", "0a1b2c3d-0000-4000-8000-000000000001"), new UserProperty("apns-push-type", "voip"),
                new UserProperty("apns-priority", "5"), new UserProperty("apns-collapse-id", "call-1")));

        assertThat(n.apnsTopic()).isEqualTo("com.example.app.voip");
        assertThat(n.payloadText()).isEqualTo("{\"call\":1}");
        assertThat(n.apnsId()).isEqualTo("0a1b2c3d-0000-4000-8000-000000000001");
        assertThat(n.pushType()).isEqualTo("voip");
        assertThat(n.priority()).isEqualTo(5);
        assertThat(n.collapseId()).contains("call-1");
        assertThat(n.expiryIntervalSeconds()).hasValue(3599);
    }

    @Test
    void absentPropertiesGiveTheApnsDefaultsAndNoExpiry() {
        DeviceNotification n = DeviceConnection.notification("push/a", new MqttMessage(new byte[0]));

        assertThat(n.apnsId()).isNull();
        assertThat(n.pushType()).isEqualTo("alert");
        assertThat(n.priority()).isEqualTo(10);
        assertThat(n.collapseId()).isEmpty();
        assertThat(n.expiryIntervalSeconds()).isEmpty();
    }

    @Test
    void aPriorityThatIsNoNumberAndUnknownPropertiesAreIgnored() {
        DeviceNotification n = DeviceConnection.notification("push/a", publish("{}", null,
                new UserProperty("apns-priority", "high"), new UserProperty("x-future", "1")));

        assertThat(n.priority()).isEqualTo(10);
    }

    @Test
    void aTopicOutsidePushIsKeptWhole() {
        assertThat(DeviceConnection.notification("call/x", new MqttMessage(new byte[0])).apnsTopic()).isEqualTo("call/x");
    }

    @Test
    void garbledCertificateFilesAreAnIoErrorBeforeAnyConnection() throws Exception {
        var key = KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate();
        ActivatedDevice broken = new ActivatedDevice("00".repeat(32), "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n",
                "garbage", key);

        assertThatThrownBy(() -> DeviceConnection.open(broken, "localhost", 1, n -> { }))
                .isInstanceOf(IOException.class).isNotInstanceOf(DeviceConnection.Refused.class);
    }
}
