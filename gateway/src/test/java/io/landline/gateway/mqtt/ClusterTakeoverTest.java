package io.landline.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.landline.cluster.ClusterSettings;
import io.landline.testkit.FreePorts;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two clustered nodes in one JVM: one connection per token cluster-wide, and deliveries routed to the node that holds it. */
class ClusterTakeoverTest {

    @TempDir
    static Path dir;
    static MqttTestNode a;
    static MqttTestNode b;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        int portA = FreePorts.next();
        int portB = FreePorts.next();
        List<ClusterSettings.Member> members = List.of(new ClusterSettings.Member("127.0.0.1", portA), new ClusterSettings.Member("127.0.0.1", portB));
        String name = "takeover-" + portA;
        a = MqttTestNode.start(dir, name, portA, members, MqttTestNode.settings(FreePorts.next()));
        b = MqttTestNode.start(dir, name, portB, members, MqttTestNode.settings(FreePorts.next()));
        await().atMost(Duration.ofSeconds(30)).until(() -> a.cluster.memberCount() == 2 && b.cluster.memberCount() == 2);
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    static RawMqttClient connected(MqttTestNode node, TestDevice device) throws Exception {
        RawMqttClient client = new RawMqttClient(DeviceTls.context(device, node.tls.certificateAuthority().certificate()), node.mqttPort);
        MqttConnAckMessage connack = (MqttConnAckMessage) client.connectAs(device.clientId(), 30);
        assertThat(connack.variableHeader().connectReturnCode().byteValue()).isZero();
        client.subscribe("push/#");
        assertThat(client.read(Duration.ofSeconds(5)).fixedHeader().messageType()).isEqualTo(MqttMessageType.SUBACK);
        return client;
    }

    @Test
    void connectionOnAnotherNodeTakesOverAndTheFirstGets0x8E() throws Exception {
        TestDevice device = a.newDevice();
        try (RawMqttClient onA = connected(a, device)) {
            try (RawMqttClient onB = connected(b, device)) {
                MqttMessage disconnect = onA.read(Duration.ofSeconds(10));
                assertThat(disconnect.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
                assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode() & 0xFF).isEqualTo(0x8E);
                assertThat(onA.read(Duration.ofSeconds(5))).isNull();
                // counted once the takeover is done, which may be just after the DISCONNECT went out
                await().atMost(Duration.ofSeconds(5)).until(() -> a.counter("landline.mqtt.takeovers", "scope", "cluster") == 1);
                await().atMost(Duration.ofSeconds(5)).until(() -> a.gone.contains(device.clientId()));

                // A notification handed to node A's router reaches the device on node B, and B's PUBACK completes it.
                var delivery = a.router.deliver(DeliveryTest.notification(device.token(), "routed", "across", Optional.empty()))
                        .toCompletionStage().toCompletableFuture();
                MqttPublishMessage publish = (MqttPublishMessage) onB.read(Duration.ofSeconds(10));
                try {
                    assertThat(publish.variableHeader().topicName()).isEqualTo("push/routed");
                    assertThat(publish.payload().toString(StandardCharsets.UTF_8)).isEqualTo("across");
                    onB.send(io.netty.handler.codec.mqtt.MqttMessageBuilders.pubAck().packetId(publish.variableHeader().packetId()).build());
                } finally {
                    ReferenceCountUtil.release(publish);
                }
                delivery.get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void presenceIsReleasedWhenTheDeviceLeaves() throws Exception {
        TestDevice device = a.newDevice();
        try (RawMqttClient onB = connected(b, device)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> b.ready.contains(device.clientId()));
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(a.router.deliver(
                DeliveryTest.notification(device.token(), "t", "x", Optional.empty())).toCompletionStage().toCompletableFuture())
                .failsWithin(Duration.ofSeconds(5)));
    }
}
