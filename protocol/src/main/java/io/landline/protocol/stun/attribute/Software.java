package io.landline.protocol.stun.attribute;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** SOFTWARE (RFC 8489 §14.14): the agent's name and version, under 128 characters. */
public record Software(String value) implements TextAttribute {

    /** The most bytes of UTF-8 the value may take. */
    public static final int MAX_BYTES = 763;

    public Software {
        Objects.requireNonNull(value, "value");
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("Software is limited to " + MAX_BYTES + " bytes of UTF-8");
        }
    }

    @Override
    public int type() {
        return AttributeType.SOFTWARE;
    }
}
