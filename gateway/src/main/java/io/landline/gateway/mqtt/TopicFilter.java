package io.landline.gateway.mqtt;

/**
 * Topic filters in Landline's profile (MQTT 5 §4.7): a device may subscribe only inside
 * {@code push/#} and {@code call/#}. Wildcards are allowed after that first level; a filter
 * naming another first level, a leading wildcard, {@code $share/...} and {@code $SYS/...} are
 * out of scope.
 */
final class TopicFilter {

    /** Notifications arrive on {@code push/<apns-topic>}. */
    static final String PUSH = "push/";
    /** Call signaling, both ways. */
    static final String CALL = "call/";

    private TopicFilter() {
    }

    /** Whether {@code filter} is well-formed (§4.7.1: '#' last and alone in its level, '+' alone in its level). */
    static boolean isValid(String filter) {
        if (filter.isEmpty()) {
            return false;
        }
        int levelStart = 0;
        for (int i = 0; i <= filter.length(); i++) {
            if (i == filter.length() || filter.charAt(i) == '/') {
                String level = filter.substring(levelStart, i);
                if (level.contains("#") && (!level.equals("#") || i != filter.length())) {
                    return false;
                }
                if (level.contains("+") && !level.equals("+")) {
                    return false;
                }
                levelStart = i + 1;
            } else if (filter.charAt(i) == '\0') {
                return false;
            }
        }
        return true;
    }

    /** Whether a well-formed {@code filter} stays inside {@code push/#} or {@code call/#}. */
    static boolean inScope(String filter) {
        return filter.startsWith(PUSH) || filter.startsWith(CALL);
    }

    /** Whether {@code filter} covers some notification topic, i.e. is a push filter. */
    static boolean isPush(String filter) {
        return filter.startsWith(PUSH);
    }

    /** Whether the well-formed {@code filter} matches the topic name {@code topic} (§4.7.1). */
    static boolean matches(String filter, String topic) {
        int f = 0;
        int t = 0;
        while (f < filter.length()) {
            char c = filter.charAt(f);
            if (c == '#') {
                return true;
            }
            if (c == '+') {
                while (t < topic.length() && topic.charAt(t) != '/') {
                    t++;
                }
                f++;
            } else {
                if (t >= topic.length() || topic.charAt(t) != c) {
                    // "push/#" also matches "push" itself (§4.7.1.2).
                    return t == topic.length() && filter.startsWith("/#", f);
                }
                f++;
                t++;
            }
        }
        return t == topic.length();
    }
}
