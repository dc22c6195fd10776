package io.landline.gateway.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * MQTT over WebSocket (MQTT 5 §6): binary frames carry the byte stream, which the same Netty
 * decoder and encoder turn into packets, here in a channel of their own. Packets decoded while
 * the session is paused wait in a queue, as the socket's own would over TLS. Browsers are few
 * next to native devices, so this transport favours sharing the session over leanness.
 */
final class WebSocketTransport implements Transport {

    private final ServerWebSocket socket;
    private final EmbeddedChannel codec;
    private final ArrayDeque<Object> held = new ArrayDeque<>(2);
    private MqttSession session;
    private boolean paused;

    WebSocketTransport(ServerWebSocket socket, int maxPacketSize) {
        this.socket = socket;
        this.codec = new EmbeddedChannel(MqttEncoder.INSTANCE, new MqttDecoder(maxPacketSize, MqttVerticle.MAX_CLIENT_ID_LENGTH));
    }

    void attach(MqttSession session) {
        this.session = session;
    }

    /** Bytes of binary frames, in order; they may split or join MQTT packets freely. */
    void onBytes(Buffer bytes) {
        codec.writeInbound(Unpooled.wrappedBuffer(bytes.getBytes()));
        for (Object msg; (msg = codec.readInbound()) != null; ) {
            held.add(msg);
        }
        drainHeld();
    }

    private void drainHeld() {
        while (!paused && !held.isEmpty()) {
            session.onMessage(held.poll());
        }
    }

    @Override
    public MqttMetrics.Transport kind() {
        return MqttMetrics.Transport.WEBSOCKET;
    }

    @Override
    public void write(MqttMessage message) {
        if (socket.isClosed()) {
            ReferenceCountUtil.release(message);
            return;
        }
        codec.writeOutbound(message);
        for (ByteBuf encoded; (encoded = codec.readOutbound()) != null; ) {
            try {
                socket.writeBinaryMessage(Buffer.buffer(ByteBufUtil.getBytes(encoded)));
            } finally {
                encoded.release();
            }
        }
    }

    @Override
    public Future<Void> writeAndClose(MqttMessage message) {
        if (message != null) {
            write(message);
        }
        Future<Void> closed = socket.isClosed() ? Future.succeededFuture() : socket.close();
        return closed.onComplete(done -> release());
    }

    void release() {
        for (Object msg; (msg = held.poll()) != null; ) {
            ReferenceCountUtil.release(msg);
        }
        codec.finishAndReleaseAll();
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        paused = false;
        drainHeld();
    }

    @Override
    public Optional<String> clientCertificateCommonName() {
        return Optional.empty();
    }

    @Override
    public String remote() {
        return String.valueOf(socket.remoteAddress());
    }
}
