package io.landline.relay.turn.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramChannel;

/**
 * How big a datagram the UDP sockets (listening and relayed) read, and what happens to a bigger
 * one. Each datagram gets {@link #RECEIVE_BYTES} of a pooled read buffer; a datagram that fills
 * them may have been cut by the kernel, so it is dropped and counted as {@link #OVERSIZE}, never
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

    /**
     * Datagrams taken from the kernel per read call where the native transport offers
     * recvmmsg: one call returns every queued datagram up to this many, each in its own
     * {@link #RECEIVE_BYTES} part of one pooled buffer, instead of one recvmsg each.
     */
    static final int READ_BATCH = 16;

    /**
     * Netty's epoll option that turns on recvmmsg: the size of one datagram's part of the read
     * buffer. Looked up by name, since the epoll classes are a runtime dependency only.
     */
    private static final ChannelOption<Integer> MAX_DATAGRAM_PAYLOAD_SIZE = ChannelOption.valueOf("MAX_DATAGRAM_PAYLOAD_SIZE");

    /**
     * Reads of {@code channel} take pooled buffers with room for {@link #READ_BATCH} datagrams
     * of {@link #RECEIVE_BYTES} (epoll, recvmmsg), or for one elsewhere.
     */
    static void sizeReads(DatagramChannel channel) {
        boolean batched = channel.config().setOption(MAX_DATAGRAM_PAYLOAD_SIZE, RECEIVE_BYTES);
        channel.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(batched ? RECEIVE_BYTES * READ_BATCH : RECEIVE_BYTES));
    }

    /** Whether {@code content} filled the read buffer, so the datagram may have been longer. */
    static boolean cut(ByteBuf content) {
        return content.readableBytes() > MAX_BYTES;
    }
}
