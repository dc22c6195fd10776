package io.landline.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes QoS 1 messages to a plain MQTT broker (Mosquitto) on each device's own topic
 * {@code dev/<token>}, over several connections, honouring the broker's Receive Maximum:
 * messages beyond the window wait in a local queue (and their wait counts as latency).
 */
final class MqttPublisher implements Publisher {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    private final List<Connection> connections = new ArrayList<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile String lastRefusal = "";
    private int next;

    MqttPublisher(InetSocketAddress server, File ca, List<Fleet.Member> identities) throws Exception {
        for (Fleet.Member identity : identities) {
            FleetKeyManager keys = new FleetKeyManager(List.of(identity));
            SslContext ssl = SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL).trustManager(ca)
                    .keyManager(new DeviceConnector.SingleKeyManagerFactory(keys)).build();
            Connection connection = new Connection(identity.token());
            Channel channel = new Bootstrap().group(group).channel(EpollSocketChannel.class).handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    var engine = ssl.newEngine(ch.alloc(), server.getHostString(), server.getPort());
                    keys.assign(engine, identity.token());
                    ch.pipeline().addLast(new io.netty.handler.ssl.SslHandler(engine), new MqttDecoder(1 << 20), MqttEncoder.INSTANCE, connection);
                }
            }).connect(server).sync().channel();
            connection.ready.get(15, TimeUnit.SECONDS);
            connection.channel = channel;
            connections.add(connection);
        }
    }

    @Override
    public void send(Fleet.Member device, long intendedNanos) {
        Connection c = connections.get(next++ % connections.size());
        byte[] payload = Publisher.payload(intendedNanos).getBytes(StandardCharsets.US_ASCII);
        String topic = "dev/" + device.token();
        c.channel.eventLoop().execute(() -> c.publish(topic, payload));
    }

    @Override
    public void sendAll(List<Fleet.Member> devices, long first, long end, long t0, long intervalNanos) {
        // one task per connection per tick, one flush (one TLS record write) per task
        int n = connections.size();
        for (int k = 0; k < n; k++) {
            Connection c = connections.get((next + k) % n);
            long start = first + k;
            c.channel.eventLoop().execute(() -> {
                for (long i = start; i < end; i += n) {
                    Fleet.Member device = devices.get((int) (i % devices.size()));
                    c.enqueue("dev/" + device.token(), Publisher.payload(t0 + i * intervalNanos).getBytes(StandardCharsets.US_ASCII));
                }
                c.ctx.flush();
            });
        }
        next += (int) ((end - first) % n);
    }

    @Override
    public long accepted() {
        return accepted.get();
    }

    @Override
    public long refused() {
        return refused.get();
    }

    @Override
    public String lastRefusal() {
        return lastRefusal;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Connection extends SimpleChannelInboundHandler<MqttMessage> {
        private final String clientId;
        private final CompletableFuture<Void> ready = new CompletableFuture<>();
        private final ArrayDeque<Object[]> waiting = new ArrayDeque<>();
        private final BitSet inUse = new BitSet(65536);
        private Channel channel;
        private ChannelHandlerContext ctx;
        private int window = 20;
        private int inFlight;
        private int nextId = 1;

        Connection(String clientId) {
            this.clientId = clientId;
        }

        void publish(String topic, byte[] payload) {
            enqueue(topic, payload);
            ctx.flush();
        }

        /** Writes without flushing when the window allows, else queues. */
        void enqueue(String topic, byte[] payload) {
            if (inFlight >= window) {
                waiting.add(new Object[] {topic, payload});
                return;
            }
            inFlight++;
            int id = nextId();
            ctx.write(MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.AT_LEAST_ONCE).messageId(id)
                    .payload(Unpooled.wrappedBuffer(payload)).build());
        }

        private int nextId() {
            while (inUse.get(nextId)) {
                nextId = nextId == 65535 ? 1 : nextId + 1;
            }
            int id = nextId;
            inUse.set(id);
            nextId = nextId == 65535 ? 1 : nextId + 1;
            return id;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            this.ctx = ctx;
            super.channelActive(ctx);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof SslHandshakeCompletionEvent hs && hs.isSuccess()) {
                ctx.writeAndFlush(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId(clientId)
                        .cleanSession(true).keepAlive(0).build());
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MqttMessage message) {
            MqttMessageType type = message.fixedHeader().messageType();
            if (type == MqttMessageType.CONNACK) {
                MqttConnAckMessage ack = (MqttConnAckMessage) message;
                if (ack.variableHeader().connectReturnCode() != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                    ready.completeExceptionally(new IllegalStateException("CONNACK " + ack.variableHeader().connectReturnCode()));
                    return;
                }
                MqttProperties.MqttProperty<?> max = ack.variableHeader().properties().getProperty(MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value());
                window = max == null ? 65535 : (Integer) max.value();
                ready.complete(null);
            } else if (type == MqttMessageType.PUBACK) {
                Object header = message.variableHeader();
                int id = header instanceof MqttPubReplyMessageVariableHeader reply ? reply.messageId()
                        : ((io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader) header).messageId();
                int reason = header instanceof MqttPubReplyMessageVariableHeader reply ? reply.reasonCode() : 0;
                inUse.clear(id);
                inFlight--;
                if (reason < 0x80) {
                    accepted.incrementAndGet();
                } else {
                    refused.incrementAndGet();
                    lastRefusal = "PUBACK 0x" + Integer.toHexString(reason);
                }
                Object[] queued = waiting.poll();
                if (queued != null) {
                    enqueue((String) queued[0], (byte[]) queued[1]);
                }
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            ready.completeExceptionally(new IllegalStateException("publisher connection closed"));
            lastRefusal = "publisher connection closed";
        }
    }
}
