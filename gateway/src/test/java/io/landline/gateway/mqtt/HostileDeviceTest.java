package io.landline.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.landline.device.DeviceEvents;
import io.landline.testkit.FreePorts;
import io.landline.testkit.HostileCertificates;
import io.landline.tls.DeviceCertificateCheck;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Devices that break the profile, each on a real TLS socket: every one is refused with the MQTT 5
 * reason code that fits and counted, and after each the next well-behaved device is served.
 */
class HostileDeviceTest {

    @TempDir
    static Path dir;
    static MqttTestNode node;
    static TestDevice good;

    @BeforeAll
    static void startNode() throws Exception {
        MqttSettings defaults = MqttTestNode.settings(FreePorts.next());
        // Small limits so the tests are quick: 4 KiB packets, keep-alive capped at 2 s, 2 s to CONNECT.
        node = MqttTestNode.start(dir, new MqttSettings(defaults.host(), defaults.port(), 4096, Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofDays(1)));
        good = node.newDevice();
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @AfterEach
    void aWellBehavedDeviceIsStillServed() throws Exception {
        try (RawMqttClient client = client(good)) {
            assertThat(code(client.connectAs(good.clientId(), 30))).isEqualTo(0x00);
            client.subscribe("push/#");
            MqttSubAckMessage suback = (MqttSubAckMessage) client.read(Duration.ofSeconds(5));
            assertThat(suback.payload().reasonCodes()).containsExactly(1);
        }
    }

    static RawMqttClient client(TestDevice device) throws Exception {
        return clientOf(node, device);
    }

    static RawMqttClient clientOf(MqttTestNode node, TestDevice device) throws Exception {
        return new RawMqttClient(DeviceTls.context(device, node.tls.certificateAuthority().certificate()), node.mqttPort);
    }

    static int code(MqttMessage message) {
        assertThat(message).as("a CONNACK, not a close").isNotNull();
        return ((MqttConnAckMessage) message).variableHeader().connectReturnCode().byteValue() & 0xFF;
    }

    /** The DISCONNECT reason code of {@code message}, after which the server closes. */
    static int disconnectCode(RawMqttClient client) throws Exception {
        MqttMessage message = client.read(Duration.ofSeconds(8));
        assertThat(message).as("a DISCONNECT before the close").isNotNull();
        assertThat(message.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
        int code = ((MqttReasonCodeAndPropertiesVariableHeader) message.variableHeader()).reasonCode() & 0xFF;
        assertThat(client.read(Duration.ofSeconds(5))).as("closed after the DISCONNECT").isNull();
        return code;
    }

    double refused(String reason) {
        return node.counter("landline.mqtt.connects", "outcome", "refused", "reason", reason);
    }

    @Test
    void tlsWithoutAClientCertificateIsRefusedAtTheHandshake() throws Exception {
        double before = node.counter("landline.mqtt.connection.errors", "kind", "tls");
        try (RawMqttClient anonymous = client(null)) {
            // TLS 1.3 finishes the client's side of the handshake before the server checks; the refusal shows on the first read.
            anonymous.send(RawMqttClient.connect(good.clientId(), 30));
            assertThat(anonymous.read(Duration.ofSeconds(5))).as("no CONNACK without a certificate").isNull();
        } catch (java.io.IOException refusedInHandshake) {
            // refused before a byte of MQTT: what we want
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> node.counter("landline.mqtt.connection.errors", "kind", "tls") > before);
    }

    @Test
    void certificateOfAnotherCaWithTheAppliancesNameIsRefusedAtTheHandshake() throws Exception {
        X509Certificate ca = node.tls.certificateAuthority().certificate();
        HostileCertificates.Ca impostor = HostileCertificates.ca(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()));
        KeyPair keys = HostileCertificates.p256();
        // The good device's token as CN, issued by a CA that copies the appliance CA's name.
        X509Certificate forged = HostileCertificates.device(impostor, keys.getPublic()).commonName(good.clientId()).build();
        TestDevice forger = new TestDevice(good.token(), keys, forged, null, null);
        double errorsBefore = node.counter("landline.mqtt.connection.errors", "kind", "tls");
        long refusedBefore = node.tls.deviceCertificateTrust().count(DeviceCertificateCheck.OTHER_ISSUER);
        try (RawMqttClient client = client(forger)) {
            client.send(RawMqttClient.connect(good.clientId(), 30));
            assertThat(client.read(Duration.ofSeconds(5))).as("no CONNACK for another CA's certificate").isNull();
        } catch (java.io.IOException refusedInHandshake) {
            // refused before a byte of MQTT: what we want
        }
        assertThat(node.tls.deviceCertificateTrust().count(DeviceCertificateCheck.OTHER_ISSUER)).isEqualTo(refusedBefore + 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> node.counter("landline.mqtt.connection.errors", "kind", "tls") > errorsBefore);
    }

    @Test
    void clientIdOfAnotherDeviceIsRefusedWith0x85() throws Exception {
        TestDevice other = node.newDevice();
        double before = refused("client_identifier_not_valid");
        try (RawMqttClient client = client(good)) {
            assertThat(code(client.connectAs(other.clientId(), 30))).isEqualTo(0x85);
            assertThat(client.read(Duration.ofSeconds(5))).isNull();
        }
        assertThat(refused("client_identifier_not_valid")).isEqualTo(before + 1);
    }

    @Test
    void emptyClientIdIsRefusedWith0x85() throws Exception {
        try (RawMqttClient client = client(good)) {
            assertThat(code(client.connectAs("", 30))).isEqualTo(0x85);
        }
    }

    @Test
    void revokedDeviceIsRefusedWith0x8AAndClosedWith0x87WhenRevokedWhileConnected() throws Exception {
        TestDevice device = node.newDevice();
        try (RawMqttClient client = client(device)) {
            assertThat(code(client.connectAs(device.clientId(), 30))).isZero();
            node.devices.revoke(device.token(), Instant.now());
            node.cluster.vertx().eventBus().publish(DeviceEvents.REVOKED, device.token().hex());
            assertThat(disconnectCode(client)).isEqualTo(0x87);
        }
        try (RawMqttClient client = client(device)) {
            assertThat(code(client.connectAs(device.clientId(), 30))).isEqualTo(0x8A);
        }
        assertThat(node.counter("landline.mqtt.disconnects", "reason", "revoked")).isEqualTo(1);
    }

    @Test
    void deviceUnknownToTheRepositoryIsRefusedWith0x87() throws Exception {
        TestDevice device = node.newDevice();
        node.database.dataSource().getConnection().createStatement().execute("DELETE FROM device WHERE token = '" + device.clientId() + "'");
        try (RawMqttClient client = client(device)) {
            assertThat(code(client.connectAs(device.clientId(), 30))).isEqualTo(0x87);
        }
    }

    @Test
    void mqtt311ClientGetsReturnCode1InItsOwnVersion() throws Exception {
        try (RawMqttClient client = client(good)) {
            client.send(MqttMessageBuilders.connect().clientId(good.clientId()).protocolVersion(MqttVersion.MQTT_3_1_1).keepAlive(30).build());
            MqttConnAckMessage connack = (MqttConnAckMessage) client.read(Duration.ofSeconds(5));
            assertThat(connack.variableHeader().connectReturnCode()).isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION);
        }
    }

    @Test
    void willMessageIsRefused() throws Exception {
        try (RawMqttClient client = client(good)) {
            client.send(MqttMessageBuilders.connect().clientId(good.clientId()).protocolVersion(MqttVersion.MQTT_5).keepAlive(30)
                    .willFlag(true).willTopic("push/x").willMessage(new byte[] {1}).willQoS(MqttQoS.AT_MOST_ONCE).build());
            assertThat(code(client.read(Duration.ofSeconds(5)))).isEqualTo(0x83);
        }
    }

    @Test
    void subscriptionOutsidePushAndCallIsRefusedWith0x87PerFilter() throws Exception {
        try (RawMqttClient client = client(good)) {
            assertThat(code(client.connectAs(good.clientId(), 30))).isZero();
            client.send(MqttMessageBuilders.subscribe().messageId(7)
                    .addSubscription(MqttQoS.AT_LEAST_ONCE, "push/#")
                    .addSubscription(MqttQoS.AT_LEAST_ONCE, "#")
                    .addSubscription(MqttQoS.AT_LEAST_ONCE, "other/device/push")
                    .addSubscription(MqttQoS.AT_LEAST_ONCE, "$share/g/push/#")
                    .addSubscription(MqttQoS.EXACTLY_ONCE, "call/#")
                    .addSubscription(MqttQoS.AT_LEAST_ONCE, "push/a#")
                    .build());
            MqttSubAckMessage suback = (MqttSubAckMessage) client.read(Duration.ofSeconds(5));
            assertThat(suback.variableHeader().messageId()).isEqualTo(7);
            assertThat(suback.payload().reasonCodes()).containsExactly(0x01, 0x87, 0x87, 0x87, 0x01, 0x8F);
        }
    }

    @Test
    void publishOutsideCallIsAnsweredWith0x87AndCallSignalingIsAccepted() throws Exception {
        try (RawMqttClient client = client(good)) {
            assertThat(code(client.connectAs(good.clientId(), 30))).isZero();
            client.send(MqttMessageBuilders.publish().topicName("push/someone.else").qos(MqttQoS.AT_LEAST_ONCE).messageId(3)
                    .payload(Unpooled.wrappedBuffer(new byte[] {1})).build());
            MqttMessage puback = client.read(Duration.ofSeconds(5));
            assertThat(((io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader) puback.variableHeader()).reasonCode() & 0xFF).isEqualTo(0x87);
            client.send(MqttMessageBuilders.publish().topicName("call/invite").qos(MqttQoS.AT_LEAST_ONCE).messageId(4)
                    .payload(Unpooled.wrappedBuffer(new byte[] {1})).build());
            puback = client.read(Duration.ofSeconds(5));
            assertThat(((io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader) puback.variableHeader()).reasonCode() & 0xFF).isEqualTo(0x10);
        }
    }

    @Test
    void garbageAfterTheHandshakeClosesOnlyThatConnection() throws Exception {
        double before = node.counter("landline.mqtt.packets.rejected", "kind", "not_mqtt");
        byte[] garbage = new byte[2048];
        new Random(11).nextBytes(garbage);
        garbage[0] = (byte) 0xF0; // reserved packet type 15 with flags: never a valid first byte
        try (RawMqttClient client = client(good)) {
            client.sendBytes(garbage);
            assertThat(client.read(Duration.ofSeconds(5))).isNull();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> node.counter("landline.mqtt.packets.rejected", "kind", "not_mqtt") > before);
    }

    @Test
    void malformedRemainingLengthAfterConnackIsDisconnectedWith0x81() throws Exception {
        double before = node.counter("landline.mqtt.packets.rejected", "kind", "malformed");
        try (RawMqttClient client = client(good)) {
            assertThat(code(client.connectAs(good.clientId(), 30))).isZero();
            // PINGREQ with a five-byte Remaining Length: MQTT 5 §1.5.5 allows four at most.
            client.sendBytes(new byte[] {(byte) 0xC0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01});
            assertThat(disconnectCode(client)).isEqualTo(0x81);
        }
        assertThat(node.counter("landline.mqtt.packets.rejected", "kind", "malformed")).isEqualTo(before + 1);
    }

    @Test
    void packetOverTheMaximumPacketSizeIsDisconnectedWith0x95() throws Exception {
        double before = node.counter("landline.mqtt.packets.rejected", "kind", "too_large");
        try (RawMqttClient client = client(good)) {
            MqttConnAckMessage connack = (MqttConnAckMessage) client.connectAs(good.clientId(), 30);
            assertThat(connack.variableHeader().properties().getProperty(io.netty.handler.codec.mqtt.MqttProperties.MAXIMUM_PACKET_SIZE).value())
                    .isEqualTo(4096);
            client.send(MqttMessageBuilders.publish().topicName("call/big").qos(MqttQoS.AT_MOST_ONCE)
                    .payload(Unpooled.wrappedBuffer(new byte[10_000])).build());
            assertThat(disconnectCode(client)).isEqualTo(0x95);
        }
        assertThat(node.counter("landline.mqtt.packets.rejected", "kind", "too_large")).isEqualTo(before + 1);
    }

    @Test
    void secondConnectIsAProtocolError0x82() throws Exception {
        try (RawMqttClient client = client(good)) {
            assertThat(code(client.connectAs(good.clientId(), 30))).isZero();
            client.send(RawMqttClient.connect(good.clientId(), 30));
            assertThat(disconnectCode(client)).isEqualTo(0x82);
        }
    }

    @Test
    void silenceBeyondOneAndAHalfKeepAlivesIsDisconnectedWith0x8D() throws Exception {
        double before = node.counter("landline.mqtt.disconnects", "reason", "keep_alive_timeout");
        try (RawMqttClient client = client(good)) {
            MqttConnAckMessage connack = (MqttConnAckMessage) client.connectAs(good.clientId(), 0);
            // No keep-alive asked for: the server imposes its maximum (2 s here) as Server Keep Alive.
            assertThat(connack.variableHeader().properties().getProperty(io.netty.handler.codec.mqtt.MqttProperties.SERVER_KEEP_ALIVE).value())
                    .isEqualTo(2);
            long t0 = System.nanoTime();
            assertThat(disconnectCode(client)).isEqualTo(0x8D);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isBetween(2_000L, 6_000L);
        }
        assertThat(node.counter("landline.mqtt.disconnects", "reason", "keep_alive_timeout")).isEqualTo(before + 1);
    }

    @Test
    void connectionThatNeverSendsConnectIsClosedAfterTheDeadline() throws Exception {
        double before = refused("connect_timeout");
        try (RawMqttClient client = client(good)) {
            assertThat(client.read(Duration.ofSeconds(6))).isNull();
        }
        assertThat(refused("connect_timeout")).isEqualTo(before + 1);
    }

    @Test
    void secondConnectionWithTheSameTokenTakesOverWith0x8E() throws Exception {
        TestDevice device = node.newDevice();
        try (RawMqttClient first = client(device); RawMqttClient second = client(device)) {
            assertThat(code(first.connectAs(device.clientId(), 30))).isZero();
            assertThat(code(second.connectAs(device.clientId(), 30))).isZero();
            assertThat(disconnectCode(first)).isEqualTo(0x8E);
            second.send(MqttMessage.PINGREQ);
            assertThat(second.read(Duration.ofSeconds(5)).fixedHeader().messageType()).isEqualTo(MqttMessageType.PINGRESP);
            node.endpoint.delivery().deliver(DeliveryTest.notification(device.token(), "t", "x", Optional.empty()));
        }
        assertThat(node.counter("landline.mqtt.takeovers", "scope", "node")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void firstPacketOtherThanConnectIsClosedWithoutAnswer() throws Exception {
        try (RawMqttClient client = client(good)) {
            client.send(MqttMessage.PINGREQ);
            MqttMessage answer = client.read(Duration.ofSeconds(5));
            ReferenceCountUtil.release(answer);
            assertThat(answer).isNull();
        }
    }

    @Test
    void packetsPipelinedBehindTheConnectWaitForItsConnack() throws Exception {
        // CONNECT, SUBSCRIBE and PINGREQ in one write: reading pauses while the CONNECT is checked
        // (MQTT 5 §3.1.4), so the two decoded with it must be held and answered after the CONNACK.
        try (RawMqttClient client = client(good)) {
            client.sendTogether(RawMqttClient.connect(good.clientId(), 30),
                    MqttMessageBuilders.subscribe().messageId(7).addSubscription(MqttQoS.AT_LEAST_ONCE, "push/#").build(),
                    MqttMessage.PINGREQ);
            assertThat(code(client.read(Duration.ofSeconds(10)))).isEqualTo(0x00);
            MqttSubAckMessage suback = (MqttSubAckMessage) client.read(Duration.ofSeconds(5));
            assertThat(suback.variableHeader().messageId()).isEqualTo(7);
            assertThat(suback.payload().reasonCodes()).containsExactly(1);
            assertThat(client.read(Duration.ofSeconds(5)).fixedHeader().messageType()).isEqualTo(MqttMessageType.PINGRESP);
        }
    }
}
