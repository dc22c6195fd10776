package io.landline.protocol.stun.attribute;

/**
 * ICMP (RFC 8656 §18.13): an ICMP error from the peer, relayed in a Data indication.
 *
 * <pre>
 * |  Reserved                     |  ICMP Type    |  ICMP Code    |
 * |                          Error Data                           |
 * </pre>
 */
public record Icmp(int icmpType, int icmpCode, int errorData) implements StunAttribute {

    public Icmp {
        if (icmpType < 0 || icmpType > 0xFF || icmpCode < 0 || icmpCode > 0xFF) {
            throw new IllegalArgumentException("ICMP type and code have 8 bits: " + icmpType + "/" + icmpCode);
        }
    }

    @Override
    public int type() {
        return AttributeType.ICMP;
    }
}
