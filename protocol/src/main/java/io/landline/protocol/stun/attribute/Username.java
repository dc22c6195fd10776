package io.landline.protocol.stun.attribute;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** USERNAME (RFC 8489 §14.3): the user, at most 513 bytes of UTF-8. */
public record Username(String value) implements TextAttribute {

    /** The most bytes of UTF-8 the value may take. */
    public static final int MAX_BYTES = 513;

    public Username {
        Objects.requireNonNull(value, "value");
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("Username is limited to " + MAX_BYTES + " bytes of UTF-8");
        }
    }

    @Override
    public int type() {
        return AttributeType.USERNAME;
    }
}
