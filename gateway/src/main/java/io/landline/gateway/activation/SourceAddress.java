package io.landline.gateway.activation;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Whom the rate limit counts: an IPv4 address, or an IPv6 /64 prefix, since one IPv6 host
 * usually holds a whole /64 (RFC 4291 §2.5.4) and could otherwise take a fresh address per request.
 *
 * @param ipv6 whether {@code bits} is an IPv6 prefix
 * @param bits the IPv4 address, or the upper 64 bits of the IPv6 address
 */
record SourceAddress(boolean ipv6, long bits) {

    /** The source of an IP literal as Vert.x reports it; empty for anything else. IPv4-mapped IPv6 counts as IPv4. */
    static Optional<SourceAddress> of(String ipLiteral) {
        if (ipLiteral == null || ipLiteral.isEmpty() || !isIpLiteral(ipLiteral)) {
            return Optional.empty();
        }
        try {
            // A literal is parsed, never looked up.
            InetAddress address = InetAddress.getByName(ipLiteral);
            byte[] bytes = address.getAddress();
            if (address instanceof Inet4Address) {
                return Optional.of(new SourceAddress(false, ByteBuffer.wrap(bytes).getInt() & 0xffff_ffffL));
            }
            return Optional.of(new SourceAddress(true, ByteBuffer.wrap(bytes).getLong()));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Digits, hex digits, dots, colons and a zone after '%': no name that would need DNS. */
    private static boolean isIpLiteral(String text) {
        int zone = text.indexOf('%');
        String address = zone < 0 ? text : text.substring(0, zone);
        if (address.isEmpty() || address.length() > 45) {
            return false;
        }
        boolean colon = address.indexOf(':') >= 0;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || c == '.' || (colon && (c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
