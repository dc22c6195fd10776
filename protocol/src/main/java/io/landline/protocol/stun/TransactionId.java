package io.landline.protocol.stun;

import io.netty.buffer.ByteBuf;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The 96-bit transaction ID of a STUN message (RFC 8489 §5, §6.3.1), held as two primitives
 * so that it is cheap to decode and usable as a map key (a server's retransmission cache).
 *
 * @param high the first 32 bits on the wire
 * @param low  the last 64 bits on the wire
 */
public record TransactionId(int high, long low) {

    /** Length on the wire. */
    public static final int BYTES = 12;

    /** A fresh ID; RFC 8489 §5 asks for a cryptographically random one, so pass a SecureRandom. */
    public static TransactionId random(RandomGenerator random) {
        return new TransactionId(random.nextInt(), random.nextLong());
    }

    /** The ID written in {@code bytes}, which must be exactly 12 bytes long. */
    public static TransactionId of(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a transaction ID is 12 bytes, not " + bytes.length);
        }
        int high = 0;
        for (int i = 0; i < 4; i++) {
            high = high << 8 | bytes[i] & 0xFF;
        }
        long low = 0;
        for (int i = 4; i < BYTES; i++) {
            low = low << 8 | bytes[i] & 0xFF;
        }
        return new TransactionId(high, low);
    }

    /** The ID at absolute {@code index} of {@code buf}; the indexes of the buffer do not move. */
    public static TransactionId read(ByteBuf buf, int index) {
        return new TransactionId(buf.getInt(index), buf.getLong(index + 4));
    }

    /** Writes the 12 bytes at the writer index of {@code out}. */
    public void writeTo(ByteBuf out) {
        out.writeInt(high).writeLong(low);
    }

    public byte[] toBytes() {
        byte[] b = new byte[BYTES];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) (high >>> (24 - 8 * i));
        }
        for (int i = 0; i < 8; i++) {
            b[4 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return b;
    }

    /** 24 lower-case hex digits, as packet captures show it. */
    @Override
    public String toString() {
        return HexFormat.of().formatHex(toBytes());
    }
}
