package io.landline.relay.turn.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramChannel;

/**
 * How big a datagram the UDP sockets (listening and relayed) read, and what happens to a bigger
 * one. Each read takes one pooled buffer of {@link #RECEIVE_BYTES}; a datagram that fills it
 * may have been cut by the kernel, so it is dropped and counted as {@link #OVERSIZE}, never
 * relayed or parsed truncated. 8 KiB covers every STUN message and every ChannelData packet
 * of a 1500-byte or 9000-byte-MTU path short of jumbo frames' last bytes (RFC 8656 §3.7: TURN
 * over UDP avoids IP fragmentation, so datagrams beyond the path MTU are rare).
 *
 * <p>The size must be set after Vert.x's {@code Transport.configure}: given a receive buffer
 * size (SO_RCVBUF), Vert.x also installs a receive allocator of that size, so a 4 MiB socket
 * buffer became a 4 MiB unpooled, zeroed buffer per datagram read.
 */
final class Datagrams {

    /** The largest datagram read whole. */
    static final int MAX_BYTES = 8192;

    /** One byte more than {@link #MAX_BYTES}, so that a full read reveals a cut datagram. */
    static final int RECEIVE_BYTES = MAX_BYTES + 1;

    /** Drop reason of a datagram longer than {@link #MAX_BYTES}. */
    static final String OVERSIZE = "oversize_datagram";

    private Datagrams() {
    }

    /** Reads of {@code channel} take one pooled {@link #RECEIVE_BYTES} buffer each. */
    static void sizeReads(DatagramChannel channel) {
        channel.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(RECEIVE_BYTES));
    }

    /** Whether {@code content} filled the read buffer, so the datagram may have been longer. */
    static boolean cut(ByteBuf content) {
        return content.readableBytes() > MAX_BYTES;
    }
}
