package io.landline.appliance.logging;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One line per record. Under systemd (journald reads stderr) the line starts with the
 * sd-daemon priority prefix ({@code <4>}) and carries no time stamp, since the journal
 * adds its own; on a terminal it starts with an ISO-8601 UTC time and the level.
 */
final class LineFormatter extends Formatter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final boolean journal;

    LineFormatter(boolean journal) {
        this.journal = journal;
    }

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160);
        if (journal) {
            line.append('<').append(priority(record.getLevel())).append('>');
        } else {
            line.append(TIME.format(Instant.ofEpochMilli(record.getMillis()))).append(' ')
                    .append(String.format("%-7s", record.getLevel().getName())).append(' ');
        }
        line.append(shortName(record.getLoggerName())).append(": ").append(formatMessage(record));
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            line.append(": ").append(thrown);
            // Unexpected failures keep their stack trace; expected ones stay one line.
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                for (StackTraceElement e : thrown.getStackTrace()) {
                    line.append(System.lineSeparator()).append("\tat ").append(e);
                }
            }
        }
        return line.append(System.lineSeparator()).toString();
    }

    /** syslog priorities: err 3, warning 4, info 6, debug 7. */
    static int priority(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return 3;
        }
        if (v >= Level.WARNING.intValue()) {
            return 4;
        }
        if (v >= Level.INFO.intValue()) {
            return 6;
        }
        return 7;
    }

    private static String shortName(String name) {
        if (name == null) {
            return "-";
        }
        if (name.startsWith("landline.")) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }
}
