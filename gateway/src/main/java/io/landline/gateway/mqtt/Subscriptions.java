package io.landline.gateway.mqtt;

import java.util.Arrays;

/**
 * A session's topic filters with their granted QoS, as a small immutable array: a device holds
 * one or two filters, so a linear scan beats any map and keeps an idle session small. A session
 * with just one whole-tree filter ({@code push/#} or {@code call/#}), which is what nearly every
 * device subscribes, shares one instance per filter and QoS instead of 120 bytes of its own.
 */
record Subscriptions(String[] filters, byte[] qos) {

    static final Subscriptions NONE = new Subscriptions(new String[0], new byte[0]);
    private static final Subscriptions[] SHARED = {
        single(TopicFilter.PUSH + "#", 0), single(TopicFilter.PUSH + "#", 1),
        single(TopicFilter.CALL + "#", 0), single(TopicFilter.CALL + "#", 1),
    };

    private static Subscriptions single(String filter, int grantedQos) {
        return new Subscriptions(new String[] {filter}, new byte[] {(byte) grantedQos});
    }

    Subscriptions with(String filter, int grantedQos) {
        if (filters.length == 0) {
            for (Subscriptions shared : SHARED) {
                if (shared.qos[0] == grantedQos && shared.filters[0].equals(filter)) {
                    return shared;
                }
            }
        }
        int i = indexOf(filter);
        if (i >= 0) {
            byte[] q = qos.clone();
            q[i] = (byte) grantedQos;
            return new Subscriptions(filters, q);
        }
        String[] f = Arrays.copyOf(filters, filters.length + 1);
        byte[] q = Arrays.copyOf(qos, qos.length + 1);
        f[filters.length] = filter;
        q[qos.length] = (byte) grantedQos;
        return new Subscriptions(f, q);
    }

    Subscriptions without(String filter) {
        int i = indexOf(filter);
        if (i < 0) {
            return this;
        }
        if (filters.length == 1) {
            return NONE;
        }
        String[] f = new String[filters.length - 1];
        byte[] q = new byte[qos.length - 1];
        for (int j = 0, k = 0; j < filters.length; j++) {
            if (j != i) {
                f[k] = filters[j];
                q[k++] = qos[j];
            }
        }
        return new Subscriptions(f, q);
    }

    boolean contains(String filter) {
        return indexOf(filter) >= 0;
    }

    /** Whether some filter covers notification topics. */
    boolean coversPush() {
        for (String f : filters) {
            if (TopicFilter.isPush(f)) {
                return true;
            }
        }
        return false;
    }

    /** Whether some filter matches {@code topic}. */
    boolean matches(String topic) {
        for (String f : filters) {
            if (TopicFilter.matches(f, topic)) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return filters.length == 0;
    }

    /** One line per filter, {@code <qos> <filter>}: the stored form of a kept session. */
    String encode() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < filters.length; i++) {
            b.append(qos[i]).append(' ').append(filters[i]).append('\n');
        }
        return b.toString();
    }

    /** The inverse of {@link #encode}; lines that do not parse or are out of scope are skipped. */
    static Subscriptions decode(String text) {
        Subscriptions s = NONE;
        for (String line : text.split("\n")) {
            if (line.length() > 2 && line.charAt(1) == ' ' && (line.charAt(0) == '0' || line.charAt(0) == '1')) {
                String filter = line.substring(2);
                if (TopicFilter.isValid(filter) && TopicFilter.inScope(filter)) {
                    s = s.with(filter, line.charAt(0) - '0');
                }
            }
        }
        return s;
    }

    private int indexOf(String filter) {
        for (int i = 0; i < filters.length; i++) {
            if (filters[i].equals(filter)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Subscriptions s && Arrays.equals(filters, s.filters) && Arrays.equals(qos, s.qos);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(filters) + Arrays.hashCode(qos);
    }

    @Override
    public String toString() {
        return encode().replace('\n', ';');
    }
}
