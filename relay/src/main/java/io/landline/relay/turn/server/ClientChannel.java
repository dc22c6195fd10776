package io.landline.relay.turn.server;

import io.landline.relay.turn.allocation.Allocation;
import io.landline.relay.turn.allocation.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;

/**
 * The server's side of a client's 5-tuple: a UDP listening socket (many clients) or one TCP or
 * TLS connection (one client). Used from its own event loop only, which is also the loop of
 * every relayed socket of its allocations, so allocation state needs no locks.
 */
interface ClientChannel {

    Transport transport();

    /** The server's transport address of the 5-tuple. */
    InetSocketAddress localAddress();

    EventLoop eventLoop();

    ByteBufAllocator alloc();

    /** Sends one message to {@code client}, taking ownership of {@code message}. */
    void send(ByteBuf message, InetSocketAddress client);

    /** Whether ChannelData to this client is padded to 4 bytes (RFC 8656 §12.5: over TCP and TLS). */
    boolean padsChannelData();

    /** The allocation of {@code client} on this channel, or null: the data path's lookup, free of allocation. */
    Allocation<RelayEndpoint> allocation(InetSocketAddress client);

    void attach(InetSocketAddress client, Allocation<RelayEndpoint> allocation);

    void detach(InetSocketAddress client, Allocation<RelayEndpoint> allocation);
}
