package io.landline.protocol.token;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A device token: 32 random bytes naming one device, written as 64 lower-case hex digits.
 * It is the MQTT ClientID of the device's connection and the path segment of the
 * provider API ({@code POST /3/device/<token>}).
 */
public final class DeviceToken {

    public static final int BYTES = 32;
    public static final int HEX_LENGTH = BYTES * 2;

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;
    private final String hex;

    private DeviceToken(byte[] bytes) {
        this.bytes = bytes;
        this.hex = HEX.formatHex(bytes);
    }

    /** A fresh token from {@code random}. */
    public static DeviceToken random(SecureRandom random) {
        byte[] b = new byte[BYTES];
        random.nextBytes(b);
        return new DeviceToken(b);
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
        return Optional.of(new DeviceToken(HEX.parseHex(text.toString().toLowerCase(java.util.Locale.ROOT))));
    }

    private static boolean isAsciiHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    public static boolean isValid(CharSequence text) {
        return parse(text).isPresent();
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /** The canonical form: 64 lower-case hex digits. */
    public String hex() {
        return hex;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceToken other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex;
    }
}
