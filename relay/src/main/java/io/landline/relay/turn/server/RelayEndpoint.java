package io.landline.relay.turn.server;

import io.landline.relay.turn.allocation.RelayPortPool;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The sockets of one allocation: where its client is, and its relayed UDP socket per address
 * family. Everything here runs on the client channel's event loop.
 */
final class RelayEndpoint {

    final ClientChannel client;
    final InetSocketAddress clientAddress;
    private final RelayPortPool pool;
    private Channel ipv4;
    private Channel ipv6;

    RelayEndpoint(ClientChannel client, InetSocketAddress clientAddress, RelayPortPool pool) {
        this.client = client;
        this.clientAddress = clientAddress;
        this.pool = pool;
    }

    void add(Channel relayed) {
        if (((InetSocketAddress) relayed.localAddress()).getAddress().getAddress().length == 4) {
            ipv4 = relayed;
        } else {
            ipv6 = relayed;
        }
    }

    /**
     * The relayed socket that reaches {@code peer}, or null when the allocation has none of its
     * family. Called per relayed packet: the family is the address's class (an IPv4-mapped IPv6
     * address is an Inet4Address too), not {@code getAddress().length}, which copies the bytes.
     */
    Channel towards(InetAddress peer) {
        return peer instanceof Inet4Address ? ipv4 : ipv6;
    }

    EventLoop eventLoop() {
        return client.eventLoop();
    }

    /** Closes the relayed sockets and gives their ports back. */
    void close() {
        close(ipv4);
        close(ipv6);
        ipv4 = null;
        ipv6 = null;
    }

    private void close(Channel channel) {
        if (channel != null) {
            int port = ((InetSocketAddress) channel.localAddress()).getPort();
            channel.close().addListener(f -> pool.release(port));
        }
    }
}
