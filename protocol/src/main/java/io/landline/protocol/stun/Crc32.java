package io.landline.protocol.stun;

import io.netty.buffer.ByteBuf;

/** CRC-32 (ISO 3309, the polynomial of RFC 1952) over buffer bytes, table-driven, no allocation. */
final class Crc32 {

    private static final int[] TABLE = new int[256];

    static {
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xEDB88320 ^ c >>> 1 : c >>> 1;
            }
            TABLE[n] = c;
        }
    }

    private Crc32() {
    }

    /** Starting value; finish with {@link #finish}. */
    static int start() {
        return 0xFFFFFFFF;
    }

    static int update(int crc, ByteBuf buf, int index, int length) {
        int c = crc;
        for (int i = index, end = index + length; i < end; i++) {
            c = TABLE[(c ^ buf.getByte(i)) & 0xFF] ^ c >>> 8;
        }
        return c;
    }

    static int update(int crc, int b) {
        return TABLE[(crc ^ b) & 0xFF] ^ crc >>> 8;
    }

    static int finish(int crc) {
        return ~crc;
    }
}
