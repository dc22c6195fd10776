package io.landline.net;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An inclusive range of port numbers, written {@code first-last} (or a single {@code port}).
 */
public record PortRange(int first, int last) {

    /** One or two port numbers; nine digits at most, so that parsing never overflows an int. */
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,9})(?:\\s*-\\s*(\\d{1,9}))?");

    public PortRange {
        if (!isPort(first) || !isPort(last)) {
            throw new IllegalArgumentException("has a port outside 1-65535");
        }
        if (first > last) {
            throw new IllegalArgumentException("is a reversed port range (first port above last)");
        }
    }

    public static PortRange single(int port) {
        return new PortRange(port, port);
    }

    /**
     * Parses {@code 3478-3497} or {@code 3478}. A malformed text throws
     * {@link IllegalArgumentException} whose message completes "'TEXT' ...", e.g.
     * "is a reversed port range (first port above last)".
     */
    public static PortRange parse(String text) {
        Matcher m = SYNTAX.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("is not a port or port range (expected e.g. 3478-3497)");
        }
        int first = Integer.parseInt(m.group(1));
        return new PortRange(first, m.group(2) == null ? first : Integer.parseInt(m.group(2)));
    }

    public static boolean isPort(int port) {
        return port >= 1 && port <= 65535;
    }

    public int size() {
        return last - first + 1;
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    public boolean overlaps(PortRange other) {
        return first <= other.last && other.first <= last;
    }

    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}
