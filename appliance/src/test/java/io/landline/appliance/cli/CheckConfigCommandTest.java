package io.landline.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.appliance.Landline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckConfigCommandTest {

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void brokenFilePrintsOneLineNamingFileKeyAndValueAndExits2() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "relay:\n  turn:\n    ports: 3497-3478\n");
        CliRun run = run("check-config", broken.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").contains(broken.toString()).contains("relay.turn.ports").contains("3497-3478");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void misspelledKeyGetsADidYouMean() throws Exception {
        Path broken = Files.writeString(dir.resolve("typo.yaml"), "https:\n  prot: 443\n");
        CliRun run = run("check-config", broken.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("https.prot").contains("did you mean 'https.port'");
    }

    @Test
    void missingFileIsAConfigError() {
        CliRun run = run("check-config", dir.resolve("absent.yaml").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").contains("absent.yaml");
    }

    @Test
    void validFileExits0AndSummarisesIt() throws Exception {
        Path ok = Files.writeString(dir.resolve("ok.yaml"), "https:\n  port: 443\ncluster:\n  members: [10.0.0.1:5701, 10.0.0.2:5701]\n");
        CliRun run = run("check-config", ok.toString());
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("valid").contains("https 443").contains("2 member(s)");
    }

    @Test
    void unknownCommandLineOptionExits2() {
        assertThat(run("start", "--no-such-option").code()).isEqualTo(2);
    }

    @Test
    void noCommandPrintsUsageAndExits2() {
        CliRun run = run();
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("Usage: landline").contains("check-config").contains("start");
    }

    @Test
    void versionNamesTheRuntime() {
        CliRun run = run("version");
        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("landline ").contains("vert.x 5.").contains("hazelcast 5.");
    }
}
