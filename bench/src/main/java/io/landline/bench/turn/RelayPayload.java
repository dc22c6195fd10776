package io.landline.bench.turn;

import io.netty.buffer.ByteBuf;

/**
 * The application data of a measured datagram: what an audio RTP packet of the same size
 * would be to the relay, with the generator's bookkeeping at its front.
 *
 * <pre>
 *  0                   1                   2                   3
 * |                         MAGIC "LLbn"                          |
 * |     epoch     |                 flow (24 bits)                |
 * |                         sequence                              |
 * |                                                               |
 * |                 send time (System.nanoTime)                   |
 * /                      zero padding to the size                 /
 * </pre>
 *
 * System.nanoTime is CLOCK_MONOTONIC on Linux, one clock for every thread of the machine,
 * so sender and receiver stamps subtract to a one-way latency.
 */
final class RelayPayload {

    static final int MAGIC = 0x4C4C626E;
    /** The header above; a payload is at least this long. */
    static final int HEADER_BYTES = 20;
    static final int MAX_FLOWS = 1 << 24;

    private RelayPayload() {
    }

    /** Appends {@code size} bytes (at least {@link #HEADER_BYTES}) to {@code out}. */
    static void write(ByteBuf out, int size, int epoch, int flow, int sequence, long sentNanos) {
        out.writeInt(MAGIC).writeInt(epoch << 24 | flow & 0xFFFFFF).writeInt(sequence).writeLong(sentNanos)
                .writeZero(size - HEADER_BYTES);
    }

    /** Whether the readable bytes of {@code in} start like a payload of this generator. */
    static boolean isPayload(ByteBuf in) {
        return in.readableBytes() >= HEADER_BYTES && in.getInt(in.readerIndex()) == MAGIC;
    }

    static int epoch(ByteBuf in) {
        return in.getUnsignedByte(in.readerIndex() + 4);
    }

    static int flow(ByteBuf in) {
        return in.getInt(in.readerIndex() + 4) & 0xFFFFFF;
    }

    static int sequence(ByteBuf in) {
        return in.getInt(in.readerIndex() + 8);
    }

    static long sentNanos(ByteBuf in) {
        return in.getLong(in.readerIndex() + 12);
    }
}
