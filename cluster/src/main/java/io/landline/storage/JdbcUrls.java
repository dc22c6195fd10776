package io.landline.storage;

import java.util.regex.Pattern;

/** JDBC URLs made fit to print. */
final class JdbcUrls {

    /** {@code password=...} as a PostgreSQL query parameter ({@code &}) or an H2 setting ({@code ;}). */
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

    private JdbcUrls() {
    }

    /** {@code url} with any password parameter replaced by {@code ****}. */
    static String redact(String url) {
        return PASSWORD.matcher(url).replaceAll("$1****");
    }
}
