package io.landline.relay.turn.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 prefix, written {@code 10.0.0.0/8}, {@code fc00::/7}, or a bare address for
 * one host. Parsing never resolves a name: only IP literals are accepted.
 *
 * @param network      the prefix's address, host bits cleared
 * @param prefixLength bits that must match, 0 to 32 for IPv4 and 0 to 128 for IPv6
 */
public record Cidr(InetAddress network, int prefixLength) {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    public Cidr {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("has a prefix length outside 0-" + bits);
        }
    }

    /**
     * Parses {@code address[/length]}. A malformed text throws {@link IllegalArgumentException}
     * whose message completes "'TEXT' ...".
     */
    public static Cidr parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = literal(address);
        int length = bytes.length * 8;
        if (slash >= 0) {
            String digits = trimmed.substring(slash + 1);
            if (!digits.matches("\\d{1,3}")) {
                throw new IllegalArgumentException("is not a CIDR prefix (expected e.g. 10.0.0.0/8 or fc00::/7)");
            }
            length = Integer.parseInt(digits);
            if (length > bytes.length * 8) {
                throw new IllegalArgumentException("has a prefix length outside 0-" + bytes.length * 8);
            }
        }
        return new Cidr(address(mask(bytes, length)), length);
    }

    /** The bytes of an IPv4 or IPv6 literal, never looked up in DNS. */
    private static byte[] literal(String address) {
        try {
            if (IPV4.matcher(address).matches()) {
                return InetAddress.getByName(address).getAddress();
            }
            if (address.indexOf(':') >= 0 && IPV6.matcher(address).matches()) {
                // With a ':' Java parses an IPv6 literal or fails; it never asks DNS. A mapped
                // literal (::ffff:a.b.c.d) comes back as 4 bytes, so rebuild the 16 bytes.
                InetAddress parsed = InetAddress.getByName(address);
                return parsed.getAddress().length == 16 ? parsed.getAddress() : Addresses.mapped(parsed.getAddress());
            }
        } catch (UnknownHostException e) {
            // fall through to the one message below
        }
        throw new IllegalArgumentException("is not an IP address or CIDR prefix (expected e.g. 10.0.0.0/8 or fc00::/7)");
    }

    /** Whether {@code address} (4 or 16 bytes) lies in this prefix; a different family never matches. */
    public boolean contains(byte[] address) {
        byte[] net = network.getAddress();
        if (address.length != net.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != net[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (address[full] & mask) == (net[full] & mask);
    }

    private static byte[] mask(byte[] bytes, int length) {
        byte[] masked = Arrays.copyOf(bytes, bytes.length);
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, length - i * 8));
            masked[i] &= (byte) (0xff << (8 - keep));
        }
        return masked;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return bytes.length == 16 ? java.net.Inet6Address.getByAddress(null, bytes, -1) : InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("is not an IP address", e);
        }
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
