package io.landline.gateway.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A deliberately simple MQTT client on a real TLS socket, for the cases no well-behaved library
 * will produce: raw bytes after the handshake, a second CONNECT, silence past the keep-alive.
 * Packets are encoded and decoded with Netty's codec in a channel of its own.
 */
final class RawMqttClient implements AutoCloseable {

    private final SSLSocket socket;
    private final EmbeddedChannel codec = new EmbeddedChannel(MqttEncoder.INSTANCE, new MqttDecoder(1 << 20, 1024));

    RawMqttClient(SSLContext context, int port) throws IOException {
        socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
    }

    static MqttConnectMessage connect(String clientId, int keepAliveSeconds) {
        return MqttMessageBuilders.connect().clientId(clientId).protocolVersion(MqttVersion.MQTT_5).cleanSession(true)
                .keepAlive(keepAliveSeconds).build();
    }

    void send(MqttMessage message) throws IOException {
        codec.writeOutbound(message);
        for (ByteBuf b; (b = codec.readOutbound()) != null; ) {
            try {
                sendBytes(ByteBufUtil.getBytes(b));
            } finally {
                b.release();
            }
        }
    }

    /** Sends {@code messages} in one write, so the server reads them together. */
    void sendTogether(MqttMessage... messages) throws IOException {
        codec.writeOutbound((Object[]) messages);
        ByteBuf all = Unpooled.buffer();
        try {
            for (ByteBuf b; (b = codec.readOutbound()) != null; ) {
                all.writeBytes(b);
                b.release();
            }
            sendBytes(ByteBufUtil.getBytes(all));
        } finally {
            all.release();
        }
    }

    void sendBytes(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** The next packet, or null once the server closed the connection; fails after {@code timeout}. */
    MqttMessage read(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[4096];
        for (;;) {
            Object ready = codec.readInbound();
            if (ready != null) {
                return (MqttMessage) ready;
            }
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no packet and no close within " + timeout);
            } catch (IOException e) {
                return null; // reset: closed
            }
            if (n < 0) {
                return null;
            }
            codec.writeInbound(Unpooled.copiedBuffer(buf, 0, n));
        }
    }

    /** Connects as {@code clientId} and returns the CONNACK (or null if closed). */
    MqttMessage connectAs(String clientId, int keepAliveSeconds) throws IOException {
        send(connect(clientId, keepAliveSeconds));
        return read(Duration.ofSeconds(10));
    }

    void subscribe(String filter) throws IOException {
        send(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_LEAST_ONCE, filter).build());
    }

    static MqttProperties noProperties() {
        return MqttProperties.NO_PROPERTIES;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Object o; (o = codec.readInbound()) != null; ) {
            ReferenceCountUtil.release(o);
        }
        codec.finishAndReleaseAll();
    }
}
