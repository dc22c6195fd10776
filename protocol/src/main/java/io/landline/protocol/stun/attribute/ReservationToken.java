package io.landline.protocol.stun.attribute;

/** RESERVATION-TOKEN (RFC 8656 §18.10): 8 bytes naming a relayed port reserved by EVEN-PORT. */
public record ReservationToken(long value) implements StunAttribute {

    @Override
    public int type() {
        return AttributeType.RESERVATION_TOKEN;
    }

    @Override
    public String toString() {
        return String.format("ReservationToken[%016x]", value);
    }
}
