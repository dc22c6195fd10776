package io.landline.bench.turn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live Java heap of a JVM server after a full collection, through {@code jcmd PID GC.run}
 * and {@code GC.heap_info}. A JVM's RSS grows with the heap it has committed, not with what
 * its allocations retain, so RSS alone says little per allocation once a benchmark has run.
 */
final class HeapProbe {

    /** G1's first heap_info line: " garbage-first heap   total 262144K, used 23456K [...". */
    private static final Pattern USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    private HeapProbe() {
    }

    /** KiB of heap in use after a full GC, or -1 when jcmd cannot tell (not a JVM, no attach). */
    static long liveHeapKib(long pid) {
        if (run(List.of("jcmd", Long.toString(pid), "GC.run")) == null) {
            return -1;
        }
        String info = run(List.of("jcmd", Long.toString(pid), "GC.heap_info"));
        return info == null ? -1 : usedKib(info);
    }

    /** The used KiB of a GC.heap_info output, -1 if it has none. */
    static long usedKib(String heapInfo) {
        Matcher m = USED.matcher(heapInfo);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
