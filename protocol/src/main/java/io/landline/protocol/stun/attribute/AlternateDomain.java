package io.landline.protocol.stun.attribute;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** ALTERNATE-DOMAIN (RFC 8489 §14.16): the name to check the alternate server's certificate against. */
public record AlternateDomain(String value) implements TextAttribute {

    /** The most bytes of UTF-8 the value may take. */
    public static final int MAX_BYTES = 255;

    public AlternateDomain {
        Objects.requireNonNull(value, "value");
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("AlternateDomain is limited to " + MAX_BYTES + " bytes of UTF-8");
        }
    }

    @Override
    public int type() {
        return AttributeType.ALTERNATE_DOMAIN;
    }
}
