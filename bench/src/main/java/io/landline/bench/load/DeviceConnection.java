package io.landline.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One device on the wire: after the TLS handshake, CONNECT (MQTT 5, ClientID = token), then
 * SUBSCRIBE to the device's filter at QoS 1; each PUBLISH is acknowledged and reported to
 * the {@link Receiver}. Keeps the keep-alive the server asks for with PINGREQ.
 */
final class DeviceConnection extends SimpleChannelInboundHandler<MqttMessage> {

    /** Gets every PUBLISH's payload at arrival time; runs on the connection's event loop. */
    interface Receiver {
        void received(String token, ByteBuf payload, long arrivalNanos);
    }

    private final String token;
    private final String filter;
    private final int keepAliveSeconds;
    private final Receiver receiver;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    DeviceConnection(String token, String filter, int keepAliveSeconds, Receiver receiver) {
        super(false);
        this.token = token;
        this.filter = filter;
        this.keepAliveSeconds = keepAliveSeconds;
        this.receiver = receiver;
    }

    /** Completes when SUBACK granted the subscription; fails on any refusal or close before. */
    CompletableFuture<Void> ready() {
        return ready;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (!handshake.isSuccess()) {
                ready.completeExceptionally(new IllegalStateException("TLS handshake failed: " + handshake.cause()));
                ctx.close();
                return;
            }
            ctx.writeAndFlush(MqttMessageBuilders.connect()
                    .protocolVersion(MqttVersion.MQTT_5)
                    .clientId(token)
                    .cleanSession(true)
                    .keepAlive(keepAliveSeconds)
                    .build());
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, MqttMessage message) {
        if (message.decoderResult().isFailure()) {
            ready.completeExceptionally(new IllegalStateException("undecodable packet: " + message.decoderResult().cause()));
            ctx.close();
            return;
        }
        MqttMessageType type = message.fixedHeader().messageType();
        switch (type) {
            case CONNACK -> connAck(ctx, (MqttConnAckMessage) message);
            case SUBACK -> subAck(ctx, (MqttSubAckMessage) message);
            case PUBLISH -> publish(ctx, (MqttPublishMessage) message);
            case DISCONNECT -> {
                ready.completeExceptionally(new IllegalStateException("server sent DISCONNECT"));
                ctx.close();
            }
            default -> {
            }
        }
    }

    private void connAck(ChannelHandlerContext ctx, MqttConnAckMessage ack) {
        if (ack.variableHeader().connectReturnCode() != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            ready.completeExceptionally(new IllegalStateException("CONNACK " + ack.variableHeader().connectReturnCode()));
            ctx.close();
            return;
        }
        int keepAlive = keepAliveSeconds;
        MqttProperties.MqttProperty<?> serverKeepAlive = ack.variableHeader().properties()
                .getProperty(MqttProperties.MqttPropertyType.SERVER_KEEP_ALIVE.value());
        if (serverKeepAlive != null) {
            keepAlive = (Integer) serverKeepAlive.value();
        }
        if (keepAlive > 0) {
            long every = Math.max(1, keepAlive * 3L / 4);
            ctx.executor().scheduleAtFixedRate(() -> {
                if (ctx.channel().isActive()) {
                    ctx.writeAndFlush(MqttMessage.PINGREQ);
                }
            }, every, every, TimeUnit.SECONDS);
        }
        ctx.writeAndFlush(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_LEAST_ONCE, filter).build());
    }

    private void subAck(ChannelHandlerContext ctx, MqttSubAckMessage ack) {
        int granted = ack.payload().reasonCodes().get(0);
        if (granted > 1) {
            ready.completeExceptionally(new IllegalStateException("SUBACK refused " + filter + ": 0x" + Integer.toHexString(granted)));
            ctx.close();
            return;
        }
        ready.complete(null);
    }

    private void publish(ChannelHandlerContext ctx, MqttPublishMessage publish) {
        long now = System.nanoTime();
        try {
            receiver.received(token, publish.content(), now);
            if (publish.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
                ctx.write(MqttMessageBuilders.pubAck().packetId(publish.variableHeader().packetId()).build());
            }
        } finally {
            publish.release();
        }
    }

    /** PUBACKs of one read go out in one flush. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ready.completeExceptionally(new IllegalStateException("connection closed"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ready.completeExceptionally(cause);
        ctx.close();
    }
}
