package io.landline.protocol.token;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A device token: 32 random bytes naming one device, written as 64 lower-case hex digits.
 * It is the MQTT ClientID of the device's connection and the path segment of the
 * provider API ({@code POST /3/device/<token>}).
 *
 * <p>Every connected device keeps one token for its connection's life (its session and the
 * node's map of sessions share it), so the 32 bytes are held as four longs: 48 bytes of heap,
 * where an array and the cached hex string took 176. {@link #hex()} formats on each call.
 */
public final class DeviceToken {

    public static final int BYTES = 32;
    public static final int HEX_LENGTH = BYTES * 2;

    private static final HexFormat HEX = HexFormat.of();
    private static final int WORDS = BYTES / Long.BYTES;
    private static final int HEX_PER_WORD = HEX_LENGTH / WORDS;

    /** The bytes in order, big-endian: {@code w0} holds bytes 0–7. */
    private final long w0;
    private final long w1;
    private final long w2;
    private final long w3;

    private DeviceToken(long w0, long w1, long w2, long w3) {
        this.w0 = w0;
        this.w1 = w1;
        this.w2 = w2;
        this.w3 = w3;
    }

    /** A fresh token from {@code random}. */
    public static DeviceToken random(SecureRandom random) {
        byte[] b = new byte[BYTES];
        random.nextBytes(b);
        return new DeviceToken(word(b, 0), word(b, 1), word(b, 2), word(b, 3));
    }

    /** The token written as {@code text}, if it is exactly 64 hex digits (either case). */
    public static Optional<DeviceToken> parse(CharSequence text) {
        if (text == null || text.length() != HEX_LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < HEX_LENGTH; i++) {
            // ASCII only: Character.digit also accepts other scripts' digits, which parseHex refuses.
            if (!isAsciiHex(text.charAt(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(new DeviceToken(hexWord(text, 0), hexWord(text, 1), hexWord(text, 2), hexWord(text, 3)));
    }

    private static boolean isAsciiHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    public static boolean isValid(CharSequence text) {
        return parse(text).isPresent();
    }

    private static long word(byte[] b, int index) {
        long v = 0;
        for (int i = index * Long.BYTES, end = i + Long.BYTES; i < end; i++) {
            v = (v << 8) | (b[i] & 0xFF);
        }
        return v;
    }

    private static long hexWord(CharSequence text, int index) {
        return HexFormat.fromHexDigitsToLong(text, index * HEX_PER_WORD, (index + 1) * HEX_PER_WORD);
    }

    public byte[] toBytes() {
        byte[] b = new byte[BYTES];
        long[] words = {w0, w1, w2, w3};
        for (int w = 0; w < WORDS; w++) {
            for (int i = 0; i < Long.BYTES; i++) {
                b[w * Long.BYTES + i] = (byte) (words[w] >>> (56 - 8 * i));
            }
        }
        return b;
    }

    /** The canonical form: 64 lower-case hex digits. */
    public String hex() {
        return new StringBuilder(HEX_LENGTH).append(HEX.toHexDigits(w0)).append(HEX.toHexDigits(w1))
                .append(HEX.toHexDigits(w2)).append(HEX.toHexDigits(w3)).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceToken other && w0 == other.w0 && w1 == other.w1 && w2 == other.w2 && w3 == other.w3;
    }

    @Override
    public int hashCode() {
        // The bytes are random, so any of their bits hash well; all are mixed in anyway.
        return Long.hashCode(w0 ^ Long.rotateLeft(w1, 16) ^ Long.rotateLeft(w2, 32) ^ Long.rotateLeft(w3, 48));
    }

    @Override
    public String toString() {
        return hex();
    }
}
