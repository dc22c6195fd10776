package io.landline.protocol.stun.attribute;

/**
 * EVEN-PORT (RFC 8656 §18.7): ask for an even relayed port, and with the R bit for the next
 * port to be reserved as well.
 */
public record EvenPort(boolean reserveNext) implements StunAttribute {

    @Override
    public int type() {
        return AttributeType.EVEN_PORT;
    }
}
