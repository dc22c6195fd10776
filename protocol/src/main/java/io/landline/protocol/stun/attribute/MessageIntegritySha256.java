package io.landline.protocol.stun.attribute;

import java.util.Arrays;
import java.util.HexFormat;

/** MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6): HMAC-SHA256 as for MESSAGE-INTEGRITY, possibly truncated to 16..32 bytes in steps of 4. */
public record MessageIntegritySha256(byte[] value) implements StunAttribute {

    public static final int MIN_BYTES = 16;
    public static final int MAX_BYTES = 32;

    public MessageIntegritySha256 {
        if (value.length < MIN_BYTES || value.length > MAX_BYTES || value.length % 4 != 0) {
            throw new IllegalArgumentException("MessageIntegritySha256 takes " + MIN_BYTES + ".." + MAX_BYTES + " bytes, not " + value.length);
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
        return AttributeType.MESSAGE_INTEGRITY_SHA256;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageIntegritySha256 other && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "MessageIntegritySha256[" + HexFormat.of().formatHex(value) + "]";
    }
}
