package io.landline.protocol.stun.attribute;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** NONCE (RFC 8489 §14.10): the server's nonce, under 128 characters and at most 763 bytes. */
public record Nonce(String value) implements TextAttribute {

    /** The most bytes of UTF-8 the value may take. */
    public static final int MAX_BYTES = 763;

    public Nonce {
        Objects.requireNonNull(value, "value");
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("Nonce is limited to " + MAX_BYTES + " bytes of UTF-8");
        }
    }

    @Override
    public int type() {
        return AttributeType.NONCE;
    }
}
