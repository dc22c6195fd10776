package io.landline.appliance.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code systemd-analyze verify} of a unit inside a root directory that holds what the
 * unit refers to, plus this machine's systemd units, so that verify checks ExecStart= and
 * the dependencies instead of failing on their absence.
 */
final class SystemdVerify {

    static final Path ANALYZE = Path.of("/usr/bin/systemd-analyze");

    private SystemdVerify() {
    }

    /** Returns what verify printed; it exits 0 even for unknown keys, so an empty output is the verdict. */
    static String verify(Path root, Path unit) throws IOException, InterruptedException {
        Path units = root.resolve("usr/lib/systemd/system");
        Files.createDirectories(units);
        try (Stream<Path> system = Files.list(Path.of("/lib/systemd/system"))) {
            for (Path p : (Iterable<Path>) system::iterator) {
                if (Files.isRegularFile(p) && !Files.exists(units.resolve(p.getFileName()))) {
                    Files.copy(p, units.resolve(p.getFileName()));
                }
            }
        }
        Process verify = new ProcessBuilder(ANALYZE.toString(), "verify", "--man=no", "--root=" + root, unit.toString())
                .redirectErrorStream(true).start();
        String out = new String(verify.getInputStream().readAllBytes());
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(verify.exitValue()).as("systemd-analyze verify: %s", out).isZero();
        return out;
    }
}
