package io.landline.net;

/**
 * An inclusive range of port numbers, written {@code first-last} (or a single {@code port}).
 */
public record PortRange(int first, int last) {

    public PortRange {
        if (!isPort(first) || !isPort(last)) {
            throw new IllegalArgumentException("ports must be within 1-65535");
        }
        if (first > last) {
            throw new IllegalArgumentException("reversed range: first port above last");
        }
    }

    public static PortRange single(int port) {
        return new PortRange(port, port);
    }

    /** Parses {@code 3478-3497} or {@code 3478}; throws {@link IllegalArgumentException} with the reason. */
    public static PortRange parse(String text) {
        String s = text.trim();
        int dash = s.indexOf('-', 1);
        try {
            if (dash < 0) {
                return single(Integer.parseInt(s));
            }
            return new PortRange(Integer.parseInt(s.substring(0, dash).trim()), Integer.parseInt(s.substring(dash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port or port range (expected e.g. 3478-3497)");
        }
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
