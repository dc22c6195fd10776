package io.landline.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.landline.testkit.FreePorts;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node that stops tells each connected device to go elsewhere, over its own TLS connection. */
class DrainTest {

    @TempDir
    Path dir;

    @Test
    void drainSendsDisconnectUseAnotherServerToEveryDeviceAndClosesThem() throws Exception {
        try (MqttTestNode node = MqttTestNode.start(dir, MqttTestNode.settings(FreePorts.next()))) {
            TestDevice one = node.newDevice();
            TestDevice two = node.newDevice();
            try (RawMqttClient a = HostileDeviceTest.clientOf(node, one); RawMqttClient b = HostileDeviceTest.clientOf(node, two)) {
                connectAndSubscribe(a, one);
                connectAndSubscribe(b, two);
                assertThat(node.gauge("landline.mqtt.connections", "transport", "tcp")).isEqualTo(2.0);

                Future<Void> drained = node.endpoint.drain();

                // MQTT 5 §4.13 / reason code 0x9C: Use another server, then the server closes.
                assertThat(HostileDeviceTest.disconnectCode(a)).isEqualTo(0x9C);
                assertThat(HostileDeviceTest.disconnectCode(b)).isEqualTo(0x9C);
                MqttTestNode.await(drained);
                await().atMost(Duration.ofSeconds(5))
                        .untilAsserted(() -> assertThat(node.gauge("landline.mqtt.connections", "transport", "tcp")).isZero());
            }
        }
    }

    private static void connectAndSubscribe(RawMqttClient client, TestDevice device) throws Exception {
        assertThat(HostileDeviceTest.code(client.connectAs(device.clientId(), 30))).isEqualTo(0x00);
        client.subscribe("push/#");
        assertThat(client.read(Duration.ofSeconds(5))).isInstanceOf(MqttSubAckMessage.class);
    }
}
