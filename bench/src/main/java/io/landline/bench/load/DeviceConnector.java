package io.landline.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import java.security.KeyStore;

/**
 * Opens device connections (TLS with each device's client certificate, MQTT 5) from a set of
 * local source addresses, a bounded number of handshakes in flight at once.
 */
final class DeviceConnector implements AutoCloseable {

    private final EventLoopGroup group;
    private final SslContext ssl;
    private final FleetKeyManager keys;
    private final InetSocketAddress server;
    private final List<String> sources;
    private final AtomicInteger nextSource = new AtomicInteger();

    DeviceConnector(InetSocketAddress server, File caFile, List<Fleet.Member> members, List<String> sources, int threads) throws Exception {
        this.server = server;
        this.sources = sources;
        this.keys = new FleetKeyManager(members);
        this.group = new MultiThreadIoEventLoopGroup(threads, EpollIoHandler.newFactory());
        this.ssl = SslContextBuilder.forClient()
                .sslProvider(SslProvider.OPENSSL)
                .trustManager(caFile)
                .keyManager(new SingleKeyManagerFactory(keys))
                .protocols("TLSv1.3", "TLSv1.2")
                .build();
    }

    /** A connection that is ready (CONNACK accepted, subscription granted), or why not. */
    record Outcome(Channel channel, Throwable failure) {
    }

    /**
     * Connects every member, at most {@code inFlight} handshakes at a time; returns when all
     * have succeeded or failed (each bounded by {@code timeoutSeconds}).
     */
    List<Outcome> connectAll(List<Fleet.Member> members, java.util.function.Function<Fleet.Member, String> filter, int keepAlive, int inFlight, int timeoutSeconds,
                             DeviceConnection.Receiver receiver) throws InterruptedException {
        Semaphore permits = new Semaphore(inFlight);
        List<CompletableFuture<Outcome>> all = new ArrayList<>(members.size());
        for (Fleet.Member member : members) {
            permits.acquire();
            CompletableFuture<Outcome> outcome = connect(member, filter.apply(member), keepAlive, receiver)
                    .orTimeout(timeoutSeconds, TimeUnit.SECONDS);
            outcome.whenComplete((o, e) -> permits.release());
            all.add(outcome.exceptionally(e -> new Outcome(null, e)));
        }
        return all.stream().map(CompletableFuture::join).toList();
    }

    CompletableFuture<Outcome> connect(Fleet.Member member, String filter, int keepAlive, DeviceConnection.Receiver receiver) {
        DeviceConnection device = new DeviceConnection(member.token(), filter, keepAlive, receiver);
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        String source = sources.get(Math.floorMod(nextSource.getAndIncrement(), sources.size()));
        Bootstrap bootstrap = new Bootstrap().group(group).channel(EpollSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 15_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SSLEngine engine = ssl.newEngine(ch.alloc(), server.getHostString(), server.getPort());
                        keys.assign(engine, member.token());
                        ch.closeFuture().addListener(f -> keys.release(engine));
                        ch.pipeline().addLast("tls", new SslHandler(engine));
                        ch.pipeline().addLast("mqtt-decoder", new MqttDecoder(1 << 20));
                        ch.pipeline().addLast("mqtt-encoder", MqttEncoder.INSTANCE);
                        ch.pipeline().addLast("device", device);
                    }
                });
        ChannelFuture connect = bootstrap.connect(server, new InetSocketAddress(source, 0));
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                result.complete(new Outcome(null, f.cause()));
            }
        });
        device.ready().whenComplete((ok, e) -> result.complete(e == null ? new Outcome(connect.channel(), null) : new Outcome(null, e)));
        return result;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Hands the one engine-aware key manager to Netty's SslContextBuilder. */
    static final class SingleKeyManagerFactory extends KeyManagerFactory {
        SingleKeyManagerFactory(FleetKeyManager manager) {
            super(new KeyManagerFactorySpi() {
                @Override
                protected void engineInit(KeyStore ks, char[] password) {
                }

                @Override
                protected void engineInit(ManagerFactoryParameters spec) {
                }

                @Override
                protected javax.net.ssl.KeyManager[] engineGetKeyManagers() {
                    return new javax.net.ssl.KeyManager[] {manager};
                }
            }, null, "fleet");
        }
    }
}
