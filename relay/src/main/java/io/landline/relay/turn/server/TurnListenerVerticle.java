package io.landline.relay.turn.server;

import io.landline.net.PortRange;
import io.landline.protocol.turn.StreamFramer;
import io.landline.relay.turn.allocation.Transport;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The STUN/TURN listeners of one event loop. Deployed once per event loop: with the native
 * transport every instance binds every UDP port with SO_REUSEPORT, so the kernel spreads
 * clients over all loops; without it each UDP port is bound once, the ports dealt out over the
 * instances. The TCP and TLS servers are shared by Vert.x across the instances, which take
 * accepted connections in turn.
 */
final class TurnListenerVerticle extends VerticleBase {

    private final TurnService service;
    private final InetAddress host;
    private final PortRange ports;
    private final int tlsPort;
    private final Consumer<NetServerOptions> tls;
    private final int instance;
    private final int instances;
    private final EventLoop udpLoop;
    private final StreamFramer framer = new StreamFramer(StreamFramer.DEFAULT_MAX_STUN_MESSAGE_SIZE,
            StreamFramer.DEFAULT_MAX_CHANNEL_DATA_LENGTH, PacketPath.CHANNELS);
    private final List<io.netty.channel.Channel> udp = new ArrayList<>();
    private final List<NetServer> servers = new ArrayList<>();
    private PacketPath path;

    TurnListenerVerticle(TurnService service, InetAddress host, PortRange ports, int tlsPort, Consumer<NetServerOptions> tls,
                         int instance, int instances, EventLoop udpLoop) {
        this.service = service;
        this.host = host;
        this.ports = ports;
        this.tlsPort = tlsPort;
        this.tls = tls;
        this.instance = instance;
        this.instances = instances;
        this.udpLoop = udpLoop;
    }

    /** Whether several sockets can share a UDP port here: Vert.x's native (epoll) transport offers SO_REUSEPORT. */
    static boolean reusePort(VertxInternal vertx) {
        return vertx.isNativeTransportEnabled();
    }

    @Override
    public Future<?> start() {
        path = new PacketPath(service);
        VertxInternal internal = (VertxInternal) vertx;
        EventLoop loop = udpLoop != null ? udpLoop : ((ContextInternal) context).nettyEventLoop();
        // Its own path when the UDP sockets run on a relay loop of their own: a path serves one thread.
        PacketPath udpPath = udpLoop != null ? new PacketPath(service) : path;
        boolean shared = reusePort(internal);
        List<Future<?>> bound = new ArrayList<>();
        for (int port = ports.first(); port <= ports.last(); port++) {
            if (shared || (port - ports.first()) % instances == instance) {
                bound.add(bindUdp(internal.transport(), loop, udpPath, port, shared));
            }
        }
        for (int port = ports.first(); port <= ports.last(); port++) {
            bound.add(listen(new NetServerOptions(), port, Transport.TCP));
        }
        NetServerOptions tlsOptions = new NetServerOptions().setSslHandshakeTimeout(10);
        tls.accept(tlsOptions);
        bound.add(listen(tlsOptions, tlsPort, Transport.TLS));
        return Future.all(bound);
    }

    private Future<?> bindUdp(io.vertx.core.spi.transport.Transport transport, EventLoop loop, PacketPath udpPath, int port, boolean shared) {
        Promise<Void> promise = Promise.promise();
        DatagramChannel channel = transport.datagramChannel(host instanceof Inet6Address ? InternetProtocolFamily.IPv6 : InternetProtocolFamily.IPv4);
        transport.configure(channel, new DatagramSocketOptions().setReusePort(shared).setReuseAddress(shared)
                .setReceiveBufferSize(4 << 20).setSendBufferSize(4 << 20));
        Datagrams.sizeReads(channel);
        channel.pipeline().addLast(new UdpListener(udpPath));
        loop.register(channel).addListener(registered -> {
            if (!registered.isSuccess()) {
                promise.fail(registered.cause());
                return;
            }
            channel.bind(new InetSocketAddress(host, port)).addListener(f -> {
                if (f.isSuccess()) {
                    udp.add(channel);
                    promise.complete();
                } else {
                    channel.close();
                    promise.fail("cannot bind UDP " + host.getHostAddress() + ":" + port + ": " + f.cause().getMessage());
                }
            });
        });
        return promise.future();
    }

    private Future<?> listen(NetServerOptions options, int port, Transport transport) {
        options.setHost(host.getHostAddress()).setPort(port);
        NetServer server = vertx.createNetServer(options);
        server.connectHandler(socket -> new StreamConnection((NetSocketInternal) socket, transport, path, service, framer).start());
        servers.add(server);
        return server.listen().recover(e -> Future.failedFuture("cannot listen on " + transport + " "
                + host.getHostAddress() + ":" + port + ": " + e.getMessage()));
    }

    @Override
    public Future<?> stop() {
        List<Future<?>> closed = new ArrayList<>();
        for (io.netty.channel.Channel channel : udp) {
            Promise<Void> promise = Promise.promise();
            channel.close().addListener(f -> promise.complete());
            closed.add(promise.future());
        }
        for (NetServer server : servers) {
            closed.add(server.close());
        }
        return Future.join(closed);
    }
}
