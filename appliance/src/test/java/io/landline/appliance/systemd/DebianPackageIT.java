package io.landline.appliance.systemd;

import static io.landline.testkit.Commands.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.landline.testkit.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .deb that operators install: its layout, its scripts, and its files working together once unpacked. */
class DebianPackageIT {

    static Path deb;

    @TempDir
    static Path root;

    @BeforeAll
    static void unpack() throws Exception {
        try (Stream<Path> files = Files.list(NodeProcess.projectRoot().resolve("appliance/target"))) {
            // Snapshot builds stamp the version with the build time; the newest is this build's.
            deb = files.filter(p -> p.getFileName().toString().matches("landline_.*_amd64\\.deb"))
                    .max(java.util.Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new AssertionError("no landline_*_amd64.deb in appliance/target: mvn package builds it"));
        }
        run(List.of("dpkg-deb", "-x", deb.toString(), root.toString()));
    }

    @Test
    void controlNamesPackageDependenciesAndConffile() throws Exception {
        assertThat(run(List.of("dpkg-deb", "--field", deb.toString(), "Package", "Architecture", "Depends")))
                .contains("Package: landline", "Architecture: amd64", "openjdk-17-jre-headless");
        Path control = Files.createTempDirectory("control");
        run(List.of("dpkg-deb", "-e", deb.toString(), control.toString()));
        assertThat(Files.readString(control.resolve("conffiles")).strip()).isEqualTo("/etc/landline/landline.yaml");
        assertThat(Files.readString(control.resolve("postinst"))).contains("systemd-sysusers landline.conf", "systemd-tmpfiles --create landline.conf");
        for (String script : List.of("postinst", "prerm", "postrm")) {
            run(List.of("sh", "-n", control.resolve(script).toString()));
        }
    }

    @Test
    void installedLayoutHasLauncherJarUnitAndUserDefinitions() {
        assertThat(root.resolve("usr/share/landline/landline.jar")).isRegularFile();
        assertThat(root.resolve("usr/share/landline/bin/landline")).isExecutable();
        assertThat(root.resolve("usr/bin/landline")).isSymbolicLink();
        assertThat(root.resolve("lib/systemd/system/landline.service")).isRegularFile();
        assertThat(root.resolve("usr/lib/sysusers.d/landline.conf")).content().contains("u landline");
        assertThat(root.resolve("usr/lib/tmpfiles.d/landline.conf")).content().contains("/var/lib/landline");
        assertThat(root.resolve("usr/share/doc/landline/operators.md")).isRegularFile();
    }

    @Test
    void shippedProductionConfigIsValid() throws Exception {
        String out = run(List.of(root.resolve("usr/share/landline/bin/landline").toString(), "check-config",
                root.resolve("etc/landline/landline.yaml").toString()));
        assertThat(out).contains("valid").contains("https 443");
    }

    @Test
    void unitVerifiesAgainstTheUnpackedPackage() throws Exception {
        assertThat(SystemdVerify.ANALYZE).as("systemd-analyze (package systemd, installed by bin/test)").isExecutable();
        // The package's /usr/bin/landline points outside the unpacked tree; point it inside.
        Files.delete(root.resolve("usr/bin/landline"));
        Files.createSymbolicLink(root.resolve("usr/bin/landline"), Path.of("../share/landline/bin/landline"));
        assertThat(SystemdVerify.verify(root, root.resolve("lib/systemd/system/landline.service"))).as("systemd-analyze verify output").isEmpty();
    }
}
