package io.landline.bench.turn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A server process's CPU time (utime + stime of every thread, in clock ticks) and resident
 * memory at one instant, read from /proc/PID/stat and /proc/PID/status (proc(5)).
 *
 * @param cpuTicks user plus system time, in units of {@code getconf CLK_TCK}
 * @param rssKib   VmRSS
 */
record ProcessSample(long cpuTicks, long rssKib) {

    static ProcessSample of(long pid) {
        try {
            return new ProcessSample(cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))),
                    rssKib(Files.readString(Path.of("/proc", Long.toString(pid), "status"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + " (has the server exited?)", e);
        }
    }

    /**
     * Fields 14 and 15 of a stat line. The second field, the command name in parentheses, may
     * itself hold spaces and parentheses, so fields are counted from the last ')'.
     */
    static long cpuTicks(String statLine) {
        int close = statLine.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line");
        }
        String[] rest = statLine.substring(close + 2).trim().split(" +");
        // rest[0] is field 3 (state): utime is field 14, stime field 15
        return Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
    }

    /** The VmRSS line of /proc/PID/status, in KiB. */
    static long rssKib(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).trim().split(" +")[0]);
            }
        }
        throw new IllegalArgumentException("no VmRSS line");
    }
}
