package io.landline.relay.turn.policy;

/** Byte-level views of IPv6 addresses that carry an IPv4 address inside. */
final class Addresses {

    private Addresses() {
    }

    /** {@code ::ffff:a.b.c.d} for a 4-byte address. */
    static byte[] mapped(byte[] ipv4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(ipv4, 0, v6, 12, 4);
        return v6;
    }

    /**
     * The IPv4 address embedded in a 16-byte address that routes to IPv4, or null: the
     * IPv4-mapped ({@code ::ffff:0:0/96}, RFC 4291 §2.5.5.2), IPv4-compatible ({@code ::/96},
     * RFC 4291 §2.5.5.1, deprecated but still parsed by stacks) and NAT64 well-known
     * ({@code 64:ff9b::/96}, RFC 6052 §2.1) forms. A relay that judged only the IPv6 form
     * would let {@code ::ffff:127.0.0.1} reach its own loopback.
     */
    static byte[] embeddedIpv4(byte[] v6) {
        if (v6.length != 16) {
            return null;
        }
        boolean zeroTo10 = true;
        for (int i = 0; i < 10; i++) {
            zeroTo10 &= v6[i] == 0;
        }
        boolean mapped = zeroTo10 && v6[10] == (byte) 0xff && v6[11] == (byte) 0xff;
        boolean compatible = zeroTo10 && v6[10] == 0 && v6[11] == 0;
        boolean nat64 = v6[0] == 0 && v6[1] == 0x64 && v6[2] == (byte) 0xff && v6[3] == (byte) 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = v6[i] == 0;
        }
        if (!mapped && !compatible && !nat64) {
            return null;
        }
        return new byte[] {v6[12], v6[13], v6[14], v6[15]};
    }
}
