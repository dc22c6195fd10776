package io.landline.protocol.stun.attribute;

import java.util.Arrays;
import java.util.HexFormat;

/** USERHASH (RFC 8489 §14.4): SHA-256 of OpaqueString(username) ":" OpaqueString(realm), sent in place of USERNAME for username anonymity. */
public record UserHash(byte[] value) implements StunAttribute {

    public static final int MIN_BYTES = 32;
    public static final int MAX_BYTES = 32;

    public UserHash {
        if (value.length < MIN_BYTES || value.length > MAX_BYTES || value.length % 4 != 0) {
            throw new IllegalArgumentException("UserHash takes " + MIN_BYTES + ".." + MAX_BYTES + " bytes, not " + value.length);
        }
        value = value.clone();
    }

    /** A copy: the record stays immutable. */
    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public int type() {
        return AttributeType.USERHASH;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserHash other && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "UserHash[" + HexFormat.of().formatHex(value) + "]";
    }
}
