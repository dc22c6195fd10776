package io.landline.protocol.stun.attribute;

import java.util.Arrays;
import java.util.HexFormat;

/** MESSAGE-INTEGRITY (RFC 8489 §14.5): HMAC-SHA1 of the message up to this attribute, with the header length adjusted to end after it. */
public record MessageIntegrity(byte[] value) implements StunAttribute {

    public static final int MIN_BYTES = 20;
    public static final int MAX_BYTES = 20;

    public MessageIntegrity {
        if (value.length < MIN_BYTES || value.length > MAX_BYTES || value.length % 4 != 0) {
            throw new IllegalArgumentException("MessageIntegrity takes " + MIN_BYTES + ".." + MAX_BYTES + " bytes, not " + value.length);
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
        return AttributeType.MESSAGE_INTEGRITY;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageIntegrity other && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "MessageIntegrity[" + HexFormat.of().formatHex(value) + "]";
    }
}
