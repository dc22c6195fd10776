package io.landline.appliance.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
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
        assumeTrue(Files.isExecutable(SystemdVerify.ANALYZE), "systemd-analyze is not installed (bin/test installs package systemd)");
        Files.createDirectories(root.resolve("usr/bin"));
        Files.copy(ROOT.resolve("bin/landline"), root.resolve("usr/bin/landline"), StandardCopyOption.COPY_ATTRIBUTES);
        Path unit = root.resolve("etc/systemd/system/landline.service");
        Files.createDirectories(unit.getParent());
        Files.copy(UNIT, unit);
        assertThat(SystemdVerify.verify(root, unit)).as("systemd-analyze verify output").isEmpty();
    }
}
