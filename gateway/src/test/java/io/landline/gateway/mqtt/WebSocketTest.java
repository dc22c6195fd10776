package io.landline.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.client.jws.JwsSigner;
import io.landline.testkit.FreePorts;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MQTT over WebSocket at /mqtt: a device assertion in the password instead of a client certificate. */
class WebSocketTest {

    @TempDir
    static Path dir;
    static MqttTestNode node;
    static Vertx clientVertx;
    static WebSocketClient client;

    @BeforeAll
    static void start() throws Exception {
        node = MqttTestNode.start(dir, MqttTestNode.settings(FreePorts.next()));
        clientVertx = Vertx.vertx();
        client = clientVertx.createWebSocketClient(new WebSocketClientOptions().setSsl(true)
                .setTrustOptions(new PemTrustOptions().addCertPath(node.tls.caCertificatePath().toString())));
    }

    @AfterAll
    static void stop() throws Exception {
        if (clientVertx != null) {
            clientVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (node != null) {
            node.close();
        }
    }

    /** An MQTT session over a Vert.x WebSocket; packets coded by Netty's codec. */
    static final class WsMqtt implements AutoCloseable {
        final WebSocket ws;
        final EmbeddedChannel codec = new EmbeddedChannel(MqttEncoder.INSTANCE, new MqttDecoder(1 << 20, 1024));
        final LinkedBlockingQueue<Object> inbound = new LinkedBlockingQueue<>();

        WsMqtt(WebSocket ws) {
            this.ws = ws;
            ws.binaryMessageHandler(buffer -> {
                synchronized (codec) {
                    codec.writeInbound(Unpooled.wrappedBuffer(buffer.getBytes()));
                    for (Object m; (m = codec.readInbound()) != null; ) {
                        inbound.add(m);
                    }
                }
            });
            ws.closeHandler(v -> inbound.add("closed"));
        }

        void send(MqttMessage message) {
            synchronized (codec) {
                codec.writeOutbound(message);
                for (ByteBuf b; (b = codec.readOutbound()) != null; ) {
                    ws.writeBinaryMessage(Buffer.buffer(ByteBufUtil.getBytes(b)));
                    b.release();
                }
            }
        }

        Object next() throws InterruptedException {
            Object next = inbound.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("a packet or a close").isNotNull();
            return next;
        }

        @Override
        public void close() {
            ws.close();
        }
    }

    static WsMqtt open() throws Exception {
        WebSocket ws = client.connect(new WebSocketConnectOptions().setHost("localhost").setPort(node.httpsPort).setURI("/mqtt")
                .setSubProtocols(List.of("mqtt"))).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(ws.subProtocol()).isEqualTo("mqtt");
        return new WsMqtt(ws);
    }

    static String assertion(TestDevice signer, String subject, long iat, long exp) {
        return new JwsSigner(signer.keys().getPrivate()).sign(Map.of(), Map.of("sub", subject, "iat", iat, "exp", exp));
    }

    static int connect(WsMqtt mqtt, TestDevice device, String password) throws Exception {
        mqtt.send(MqttMessageBuilders.connect().clientId(device.clientId()).protocolVersion(MqttVersion.MQTT_5).keepAlive(30)
                .password(password.getBytes(StandardCharsets.US_ASCII)).build());
        Object answer = mqtt.next();
        assertThat(answer).isInstanceOf(MqttConnAckMessage.class);
        return ((MqttConnAckMessage) answer).variableHeader().connectReturnCode().byteValue() & 0xFF;
    }

    @Test
    void browserWithAValidAssertionReceivesAPush() throws Exception {
        TestDevice device = node.newDevice();
        long now = Instant.now().getEpochSecond();
        try (WsMqtt mqtt = open()) {
            assertThat(connect(mqtt, device, assertion(device, device.clientId(), now, now + 120))).isZero();
            mqtt.send(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_LEAST_ONCE, "push/#").build());
            assertThat(((MqttMessage) mqtt.next()).fixedHeader().messageType().name()).isEqualTo("SUBACK");
            var delivery = node.endpoint.delivery().deliver(DeliveryTest.notification(device.token(), "web", "{\"w\":1}", Optional.empty()))
                    .toCompletionStage().toCompletableFuture();
            MqttPublishMessage publish = (MqttPublishMessage) mqtt.next();
            try {
                assertThat(publish.variableHeader().topicName()).isEqualTo("push/web");
                assertThat(publish.payload().toString(StandardCharsets.UTF_8)).isEqualTo("{\"w\":1}");
                mqtt.send(MqttMessageBuilders.pubAck().packetId(publish.variableHeader().packetId()).build());
            } finally {
                ReferenceCountUtil.release(publish);
            }
            delivery.get(10, TimeUnit.SECONDS);
            assertThat(node.gauge("landline.mqtt.connections", "transport", "websocket")).isEqualTo(1);
        }
    }

    @Test
    void expiredAssertionIsRefusedWith0x86() throws Exception {
        TestDevice device = node.newDevice();
        long now = Instant.now().getEpochSecond();
        try (WsMqtt mqtt = open()) {
            assertThat(connect(mqtt, device, assertion(device, device.clientId(), now - 600, now - 300))).isEqualTo(0x86);
        }
    }

    @Test
    void assertionValidForLongerThanFiveMinutesIsRefused() throws Exception {
        TestDevice device = node.newDevice();
        long now = Instant.now().getEpochSecond();
        try (WsMqtt mqtt = open()) {
            assertThat(connect(mqtt, device, assertion(device, device.clientId(), now, now + 3600))).isEqualTo(0x86);
        }
    }

    @Test
    void assertionSignedByAnotherKeyIsRefusedWith0x86() throws Exception {
        TestDevice device = node.newDevice();
        TestDevice impostor = node.newDevice();
        long now = Instant.now().getEpochSecond();
        try (WsMqtt mqtt = open()) {
            assertThat(connect(mqtt, device, assertion(impostor, device.clientId(), now, now + 60))).isEqualTo(0x86);
        }
    }

    @Test
    void assertionForAnotherTokenIsRefusedWith0x86() throws Exception {
        TestDevice device = node.newDevice();
        TestDevice other = node.newDevice();
        long now = Instant.now().getEpochSecond();
        try (WsMqtt mqtt = open()) {
            assertThat(connect(mqtt, device, assertion(device, other.clientId(), now, now + 60))).isEqualTo(0x86);
        }
    }

    @Test
    void webSocketWithoutTheMqttSubprotocolIsRefused() throws Exception {
        var failed = client.connect(new WebSocketConnectOptions().setHost("localhost").setPort(node.httpsPort).setURI("/mqtt"))
                .toCompletionStage().toCompletableFuture();
        assertThat(failed).failsWithin(Duration.ofSeconds(10));
    }
}
