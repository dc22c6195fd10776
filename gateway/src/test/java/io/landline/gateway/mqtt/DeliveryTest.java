package io.landline.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.landline.gateway.push.DeviceDelivery;
import io.landline.notification.Notification;
import io.landline.protocol.token.DeviceToken;
import io.landline.testkit.FreePorts;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notifications reach real MQTT 5 clients (Eclipse Paho, mosquitto_sub) over TLS with client certificates. */
class DeliveryTest {

    @TempDir
    static Path dir;
    static MqttTestNode node;

    @BeforeAll
    static void startNode() throws Exception {
        node = MqttTestNode.start(dir, MqttTestNode.settings(FreePorts.next()));
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    static Notification notification(DeviceToken token, String topic, String payload, Optional<Instant> expiration) {
        return new Notification(UUID.randomUUID(), token, topic, "alert", 10, expiration, Optional.of("c1"),
                payload.getBytes(StandardCharsets.UTF_8), Instant.now());
    }

    /** A Paho client of {@code device}, subscribed to {@code push/#}; arrivals go to {@code inbox}. */
    static MqttClient paho(MqttTestNode node, TestDevice device, LinkedBlockingQueue<Object[]> inbox) throws Exception {
        MqttClient client = new MqttClient("ssl://localhost:" + node.mqttPort, device.clientId(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(DeviceTls.context(device, node.tls.certificateAuthority().certificate()).getSocketFactory());
        options.setCleanStart(true);
        options.setKeepAliveInterval(30);
        options.setAutomaticReconnect(false);
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                inbox.add(new Object[] {"disconnected", response.getReturnCode()});
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                inbox.add(new Object[] {topic, message});
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        client.connect(options);
        client.subscribe("push/#", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> node.ready.contains(device.clientId()));
        return client;
    }

    @Test
    void pahoDeviceReceivesItsNotificationAndPubackCompletesTheDelivery() throws Exception {
        TestDevice device = node.newDevice();
        LinkedBlockingQueue<Object[]> inbox = new LinkedBlockingQueue<>();
        MqttClient client = paho(node, device, inbox);
        try {
            Notification n = notification(device.token(), "com.example.app", "{\"aps\":{\"alert\":\"hi\"}}",
                    Optional.of(Instant.now().plusSeconds(3600)));
            double delivered = node.counter("landline.mqtt.publishes.delivered");

            node.endpoint.delivery().deliver(n).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

            Object[] arrival = inbox.poll(5, TimeUnit.SECONDS);
            assertThat(arrival).isNotNull();
            assertThat(arrival[0]).isEqualTo("push/com.example.app");
            MqttMessage message = (MqttMessage) arrival[1];
            assertThat(new String(message.getPayload(), StandardCharsets.UTF_8)).isEqualTo("{\"aps\":{\"alert\":\"hi\"}}");
            assertThat(message.getQos()).isEqualTo(1);
            assertThat(message.getProperties().getMessageExpiryInterval()).isBetween(3590L, 3600L);
            assertThat(message.getProperties().getUserProperties()).contains(new UserProperty("apns-id", n.id().toString()),
                    new UserProperty("apns-push-type", "alert"), new UserProperty("apns-priority", "10"),
                    new UserProperty("apns-collapse-id", "c1"));
            assertThat(node.counter("landline.mqtt.publishes.delivered")).isEqualTo(delivered + 1);
            assertThat(node.gauge("landline.mqtt.connections", "transport", "tcp")).isGreaterThanOrEqualTo(1);
        } finally {
            client.disconnect();
            client.close();
        }
    }

    @Test
    void mosquittoSubReceivesANotification() throws Exception {
        TestDevice device = node.newDevice();
        Path ca = node.tls.caCertificatePath();
        Process sub = new ProcessBuilder("mosquitto_sub", "-V", "mqttv5", "-h", "localhost", "-p", Integer.toString(node.mqttPort),
                "--cafile", ca.toString(), "--cert", device.certificateFile().toString(), "--key", device.keyFile().toString(),
                "-i", device.clientId(), "-t", "push/#", "-q", "1", "-C", "1", "-F", "%t %p", "-W", "20")
                .redirectErrorStream(true).start();
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> node.ready.contains(device.clientId()));
            node.endpoint.delivery().deliver(notification(device.token(), "org.example.chat", "{\"m\":1}", Optional.empty()))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(sub.waitFor(15, TimeUnit.SECONDS)).isTrue();
            String out = new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(out).isEqualTo("push/org.example.chat {\"m\":1}");
            assertThat(sub.exitValue()).isZero();
        } finally {
            sub.destroyForcibly();
        }
    }

    @Test
    void aNotificationForOneDeviceNeverReachesAnother() throws Exception {
        TestDevice alice = node.newDevice();
        TestDevice bob = node.newDevice();
        LinkedBlockingQueue<Object[]> aliceInbox = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<Object[]> bobInbox = new LinkedBlockingQueue<>();
        MqttClient a = paho(node, alice, aliceInbox);
        MqttClient b = paho(node, bob, bobInbox);
        try {
            for (int i = 0; i < 20; i++) {
                node.endpoint.delivery().deliver(notification(alice.token(), "t", "for-alice-" + i, Optional.empty()))
                        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            for (int i = 0; i < 20; i++) {
                Object[] arrival = aliceInbox.poll(5, TimeUnit.SECONDS);
                assertThat(new String(((MqttMessage) arrival[1]).getPayload(), StandardCharsets.UTF_8)).isEqualTo("for-alice-" + i);
            }
            assertThat(bobInbox.poll(500, TimeUnit.MILLISECONDS)).isNull();
        } finally {
            a.disconnect();
            b.disconnect();
            a.close();
            b.close();
        }
    }

    @Test
    void deliveryToADeviceNotConnectedHereFails() throws Exception {
        TestDevice device = node.newDevice();

        assertThat(node.endpoint.delivery().deliver(notification(device.token(), "t", "x", Optional.empty()))
                .toCompletionStage().toCompletableFuture())
                .failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(DeviceDelivery.DeviceNotConnected.class);
    }

    @Test
    void deliveryFailsWhenTheConnectionClosesBeforeThePuback() throws Exception {
        TestDevice device = node.newDevice();
        RawMqttClient raw = new RawMqttClient(DeviceTls.context(device, node.tls.certificateAuthority().certificate()), node.mqttPort);
        MqttConnAckMessage connack = (MqttConnAckMessage) raw.connectAs(device.clientId(), 30);
        assertThat(connack.variableHeader().connectReturnCode()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        raw.subscribe("push/#");
        assertThat(raw.read(Duration.ofSeconds(5)).fixedHeader().messageType()).isEqualTo(MqttMessageType.SUBACK);
        await().atMost(Duration.ofSeconds(5)).until(() -> node.ready.contains(device.clientId()));

        var delivery = node.endpoint.delivery().deliver(notification(device.token(), "t", "never acked", Optional.empty()))
                .toCompletionStage().toCompletableFuture();
        var publish = raw.read(Duration.ofSeconds(5));
        assertThat(publish.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBLISH);
        io.netty.util.ReferenceCountUtil.release(publish);
        assertThat(delivery).isNotDone();
        raw.close();

        assertThat(delivery).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(DeviceDelivery.DeviceNotConnected.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> node.gone.contains(device.clientId()));
    }

    @Test
    void routerDeliversThroughPresenceOnThisNode() throws Exception {
        TestDevice device = node.newDevice();
        LinkedBlockingQueue<Object[]> inbox = new LinkedBlockingQueue<>();
        MqttClient client = paho(node, device, inbox);
        try {
            node.router.deliver(notification(device.token(), "routed", "r", Optional.empty()))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(inbox.poll(5, TimeUnit.SECONDS)[0]).isEqualTo("push/routed");
        } finally {
            client.disconnect();
            client.close();
        }
        assertThat(List.of()).isEmpty();
    }
}
