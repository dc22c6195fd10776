package io.landline.appliance.config;

import io.landline.cluster.ClusterSettings.Member;
import io.landline.net.PortRange;
import io.netty.util.NetUtil;
import java.util.regex.Pattern;

/**
 * Syntax of the addresses a config may name. Purely textual: no DNS look-up, so a check
 * gives the same answer on the build host, in CI and on the appliance.
 */
final class Addresses {

    /** Hazelcast's membership port, taken when a member is written without one. */
    static final int DEFAULT_MEMBER_PORT = 5701;

    /** RFC 1123 section 2.1: letters, digits and inner hyphens; a label may start with a digit. */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern DOTTED_NUMBERS = Pattern.compile("[0-9.]+");
    private static final Pattern DECIMAL_OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final int MAX_HOST_NAME = 253;

    private Addresses() {
    }

    /** An IPv4 literal, an IPv6 literal (no brackets) or an RFC 1123 host name. */
    static boolean isHost(String text) {
        if (text.indexOf(':') >= 0) {
            return !text.startsWith("[") && NetUtil.isValidIpV6Address(text);
        }
        // "1.2.3" and "300.1.2.3" are valid host names to the letter of RFC 1123, but every
        // resolver reads dotted numbers as an address, so they must be a valid one.
        if (DOTTED_NUMBERS.matcher(text).matches()) {
            return isIpv4(text);
        }
        return isHostName(text);
    }

    /** A name for a certificate's subjectAltName: a host, or a wildcard {@code *.example.com}. */
    static boolean isServerName(String text) {
        return isHost(text.startsWith("*.") ? text.substring(2) : text);
    }

    static boolean isIpv4(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String octet : octets) {
            // Leading zeros are refused: some parsers read them as octal.
            if (!DECIMAL_OCTET.matcher(octet).matches() || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isHostName(String text) {
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (name.isEmpty() || name.length() > MAX_HOST_NAME) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses one join-list entry: {@code host:port}, {@code [v6]:port}, {@code host} or a bare
     * IPv6 literal (both without a port take {@link #DEFAULT_MEMBER_PORT}); throws
     * {@link IllegalArgumentException} whose message completes "'ENTRY' ...".
     */
    static Member parseMember(String text) {
        String host;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("has '[' without ']' (expected [IPv6]:port)");
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("has text after ']' that is not ':port'");
                }
                port = rest.substring(1);
            }
            if (host.indexOf(':') < 0 || !isHost(host)) {
                throw new IllegalArgumentException("has no IPv6 address between '[' and ']'");
            }
        } else {
            int colon = text.indexOf(':');
            boolean bareIpv6 = colon >= 0 && text.indexOf(':', colon + 1) >= 0;
            host = colon < 0 || bareIpv6 ? text : text.substring(0, colon);
            port = colon < 0 || bareIpv6 ? null : text.substring(colon + 1);
            if (!isHost(host)) {
                throw new IllegalArgumentException("has a bad host '" + host + "' (expected an IP address or host name)");
            }
        }
        return new Member(host, port == null ? DEFAULT_MEMBER_PORT : parsePort(port));
    }

    private static int parsePort(String text) {
        if (text.matches("[0-9]{1,5}") && PortRange.isPort(Integer.parseInt(text))) {
            return Integer.parseInt(text);
        }
        throw new IllegalArgumentException("has a bad port '" + text + "' (expected 1-65535)");
    }
}
