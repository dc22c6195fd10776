package io.landline.protocol.stun;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.HexFormat;

/** Byte fixtures written as commented hex, and pooled buffers holding them. */
public final class Hex {

    private Hex() {
    }

    /** Hex digits of {@code text}; whitespace is ignored and {@code #} starts a comment to the end of the line. */
    public static byte[] bytes(String text) {
        StringBuilder digits = new StringBuilder();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            digits.append((hash < 0 ? line : line.substring(0, hash)).replaceAll("\\s+", ""));
        }
        return HexFormat.of().parseHex(digits);
    }

    /** A pooled direct buffer holding {@code bytes}, as the relay's sockets deliver them. */
    public static ByteBuf pooled(byte[] bytes) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(Math.max(bytes.length, 1));
        return buf.writeBytes(bytes);
    }

    public static byte[] toArray(ByteBuf buf) {
        byte[] b = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), b);
        return b;
    }
}
