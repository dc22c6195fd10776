package io.landline.bench.turn;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One measured figure as a single line, {@code RESULT figure=... server=... key=value ...}, that
 * the comparison scripts grep for; numbers with a fixed, locale-free format.
 */
final class Result {

    private final Map<String, String> fields = new LinkedHashMap<>();

    Result(String figure, String server) {
        fields.put("figure", figure);
        fields.put("server", server);
    }

    Result put(String key, long value) {
        fields.put(key, Long.toString(value));
        return this;
    }

    Result put(String key, double value) {
        fields.put(key, Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%.3f", value));
        return this;
    }

    Result put(String key, String value) {
        fields.put(key, value.replace(' ', '_'));
        return this;
    }

    String line() {
        StringBuilder b = new StringBuilder("RESULT");
        fields.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        return b.toString();
    }

    /** Prints the line to the command's output (picocli's {@code CommandLine.getOut()}). */
    void print(PrintWriter out) {
        out.println(line());
        out.flush();
    }
}
