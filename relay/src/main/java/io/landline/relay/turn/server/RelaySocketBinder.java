package io.landline.relay.turn.server;

import io.landline.relay.turn.allocation.RelayPortPool;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.spi.transport.Transport;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Binds relayed UDP sockets on ports of the {@link RelayPortPool} (RFC 8656 §7.2 step 7). A
 * port the operating system refuses is skipped and another one tried, a few times, since the
 * relay range may share ports with other programs' ephemeral ports.
 */
final class RelaySocketBinder {

    /** Ports tried for one relayed socket before the Allocate gets 508. */
    static final int ATTEMPTS = 16;

    private final Transport transport;
    private final RelayPortPool pool;

    RelaySocketBinder(Transport transport, RelayPortPool pool) {
        this.transport = transport;
        this.pool = pool;
    }

    RelayPortPool pool() {
        return pool;
    }

    /**
     * Binds a socket at {@code address} on a free port of the pool (an even one with
     * {@code even}), registered on {@code loop} with {@code handler}; then calls {@code done}
     * with the bound channel, or null when no port could be bound.
     */
    void bind(EventLoop loop, InetAddress address, boolean even, ChannelHandler handler, Consumer<Channel> done) {
        attempt(loop, address, handler, done, ATTEMPTS, attempt -> pool.take(even));
    }

    /** Binds the given {@code port}, already taken from the pool, e.g. the successor of an even port. */
    void bindTaken(EventLoop loop, InetAddress address, int port, ChannelHandler handler, Consumer<Channel> done) {
        attempt(loop, address, handler, done, 1, attempt -> OptionalInt.of(port));
    }

    private void attempt(EventLoop loop, InetAddress address, ChannelHandler handler, Consumer<Channel> done,
                         int left, IntFunction<OptionalInt> nextPort) {
        OptionalInt port = left > 0 ? nextPort.apply(left) : OptionalInt.empty();
        if (port.isEmpty()) {
            done.accept(null);
            return;
        }
        DatagramChannel channel = transport.datagramChannel(address instanceof Inet6Address
                ? InternetProtocolFamily.IPv6 : InternetProtocolFamily.IPv4);
        transport.configure(channel, new DatagramSocketOptions().setReuseAddress(false));
        Datagrams.sizeReads(channel);
        channel.pipeline().addLast(handler);
        loop.register(channel).addListener(registered -> {
            if (!registered.isSuccess()) {
                pool.release(port.getAsInt());
                done.accept(null);
                return;
            }
            channel.bind(new InetSocketAddress(address, port.getAsInt())).addListener(bound -> {
                if (bound.isSuccess()) {
                    done.accept(channel);
                } else {
                    channel.close();
                    pool.release(port.getAsInt());
                    attempt(loop, address, handler, done, left - 1, nextPort);
                }
            });
        });
    }
}
