package io.landline.bench.turn;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The generator's UDP sockets: Netty's native epoll transport, pooled direct buffers, large
 * socket buffers (a burst the kernel drops here would be counted against the server), each
 * socket bound to the next free port from a base below the kernel's ephemeral range, so that
 * the generator never holds a port a server wants for a relayed address.
 */
final class UdpTransport implements AutoCloseable {

    /** Bytes of kernel buffer asked for per socket; net.core.rmem_max and wmem_max cap it. */
    static final int SOCKET_BUFFER_BYTES = 4 << 20;
    /** A datagram of the benchmark is at most a few hundred bytes; 2 KiB leaves room for any STUN answer. */
    static final int RECEIVE_BYTES = 2048;

    private final EventLoopGroup group;
    private final InetAddress host;
    private int nextPort;
    private final int lastPort;

    /**
     * @param threads  event loops of the generator
     * @param host     address every socket binds (loopback)
     * @param portBase first local port tried
     */
    UdpTransport(int threads, InetAddress host, int portBase) {
        if (!Epoll.isAvailable()) {
            throw new IllegalStateException("Netty's native epoll transport is unavailable: " + Epoll.unavailabilityCause());
        }
        this.group = new MultiThreadIoEventLoopGroup(threads, EpollIoHandler.newFactory());
        this.host = host;
        this.nextPort = portBase;
        this.lastPort = 65535;
    }

    EventLoopGroup group() {
        return group;
    }

    /** Binds the next free local port, connected to {@code remote} when it is not null. */
    Channel open(ChannelHandler handler, InetSocketAddress remote) {
        while (nextPort <= lastPort) {
            int port = nextPort++;
            Bootstrap bootstrap = new Bootstrap().group(group).channel(EpollDatagramChannel.class)
                    .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                    .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(RECEIVE_BYTES))
                    .handler(handler);
            var future = remote == null ? bootstrap.bind(host, port)
                    : bootstrap.connect(remote, new InetSocketAddress(host, port));
            if (future.awaitUninterruptibly(5, TimeUnit.SECONDS) && future.isSuccess()) {
                return future.channel();
            }
            if (future.channel().isRegistered()) {
                future.channel().close(); // the port was taken: try the next one
            }
        }
        throw new IllegalStateException("no free local UDP port left below 65536");
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
