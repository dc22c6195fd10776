package io.landline.appliance.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdUnitTest {

    static final Path ROOT = Path.of(System.getProperty("landline.root", "..")).toAbsolutePath().normalize();
    static final Path UNIT = ROOT.resolve("systemd/landline.service");

    @TempDir
    Path root;

    @Test
    void unitDeclaresNotifyWatchdogLimitsAndSandbox() throws Exception {
        List<String> lines = Files.readAllLines(UNIT);
        assertThat(lines).contains("Type=notify", "WatchdogSec=30s", "LimitNOFILE=1048576",
                "AmbientCapabilities=CAP_NET_BIND_SERVICE", "ProtectSystem=strict", "StateDirectory=landline",
                "User=landline", "ExecStart=/usr/bin/landline start --config /etc/landline/landline.yaml", "WorkingDirectory=/var/lib/landline");
        assertThat(Files.readString(ROOT.resolve("systemd/landline.sysusers"))).contains("u landline ");
    }

    @Test
    void systemdAnalyzeVerifyFindsNothingToSay() throws Exception {
        Path analyze = Stream.of("/usr/bin/systemd-analyze", "/bin/systemd-analyze").map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(analyze != null, "systemd-analyze is not installed (bin/test installs package systemd)");
        // A root holding the unit, the launcher it starts and systemd's own units, so that
        // verify checks ExecStart= and the dependencies instead of failing on their absence.
        Path units = root.resolve("usr/lib/systemd/system");
        Files.createDirectories(units);
        try (Stream<Path> system = Files.list(Path.of("/lib/systemd/system"))) {
            for (Path p : (Iterable<Path>) system::iterator) {
                if (Files.isRegularFile(p)) {
                    Files.copy(p, units.resolve(p.getFileName()));
                }
            }
        }
        Files.createDirectories(root.resolve("usr/bin"));
        Files.copy(ROOT.resolve("bin/landline"), root.resolve("usr/bin/landline"), StandardCopyOption.COPY_ATTRIBUTES);
        Path unit = root.resolve("etc/systemd/system/landline.service");
        Files.createDirectories(unit.getParent());
        Files.copy(UNIT, unit);

        Process verify = new ProcessBuilder(analyze.toString(), "verify", "--man=no", "--root=" + root, unit.toString())
                .redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes());
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // verify exits 0 even for unknown keys, so its silence is the real verdict.
        assertThat(output).as("systemd-analyze verify output").isEmpty();
        assertThat(verify.exitValue()).isZero();
    }
}
