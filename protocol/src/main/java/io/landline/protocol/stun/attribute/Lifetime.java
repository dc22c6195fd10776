package io.landline.protocol.stun.attribute;

import java.time.Duration;

/** LIFETIME (RFC 8656 §18.2): the seconds an allocation is asked for or granted, 32 bits unsigned. */
public record Lifetime(Duration value) implements StunAttribute {

    public static final long MAX_SECONDS = 0xFFFF_FFFFL;

    public Lifetime {
        if (value.isNegative() || value.getSeconds() > MAX_SECONDS) {
            throw new IllegalArgumentException("LIFETIME takes 0.." + MAX_SECONDS + " seconds: " + value);
        }
    }

    public static Lifetime ofSeconds(long seconds) {
        return new Lifetime(Duration.ofSeconds(seconds));
    }

    /** Whole seconds, as on the wire. */
    public long seconds() {
        return value.getSeconds();
    }

    @Override
    public int type() {
        return AttributeType.LIFETIME;
    }
}
