package io.landline.protocol.stun.attribute;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** REALM (RFC 8489 §14.9): the realm of long-term credentials, under 128 characters and at most 763 bytes. */
public record Realm(String value) implements TextAttribute {

    /** The most bytes of UTF-8 the value may take. */
    public static final int MAX_BYTES = 763;

    public Realm {
        Objects.requireNonNull(value, "value");
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("Realm is limited to " + MAX_BYTES + " bytes of UTF-8");
        }
    }

    @Override
    public int type() {
        return AttributeType.REALM;
    }
}
