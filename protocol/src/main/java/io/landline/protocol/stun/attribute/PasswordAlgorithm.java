package io.landline.protocol.stun.attribute;

/**
 * PASSWORD-ALGORITHM (RFC 8489 §14.12): the algorithm the client chose to derive the
 * long-term key. Both registered algorithms take no parameters; parameters of others are
 * skipped on decode.
 *
 * @param algorithm {@link #MD5} or {@link #SHA_256}, or an unregistered number
 */
public record PasswordAlgorithm(int algorithm) implements StunAttribute {

    /** RFC 8489 §18.5: MD5(username ":" realm ":" password). */
    public static final int MD5 = 0x0001;
    /** RFC 8489 §18.5: SHA-256 of the same string. */
    public static final int SHA_256 = 0x0002;

    public PasswordAlgorithm {
        if (algorithm < 0 || algorithm > 0xFFFF) {
            throw new IllegalArgumentException("an algorithm number has 16 bits: " + algorithm);
        }
    }

    public boolean isKnown() {
        return algorithm == MD5 || algorithm == SHA_256;
    }

    @Override
    public int type() {
        return AttributeType.PASSWORD_ALGORITHM;
    }
}
