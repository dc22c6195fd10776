package io.landline.protocol.stun.attribute;

/**
 * FINGERPRINT (RFC 8489 §14.7): CRC-32 of the message up to this attribute XOR 0x5354554E.
 * Always the last attribute. The decoder checks it; the encoder computes it.
 *
 * @param value the 32 bits as on the wire (already XOR-ed)
 */
public record Fingerprint(int value) implements StunAttribute {

    /** "STUN" in ASCII, XOR-ed into the CRC so that it differs from other protocols' CRCs. */
    public static final int XOR = 0x5354554E;

    @Override
    public int type() {
        return AttributeType.FINGERPRINT;
    }
}
