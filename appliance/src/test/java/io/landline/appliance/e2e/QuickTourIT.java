package io.landline.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.testkit.NodePorts;
import io.landline.testkit.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/quick-tour.md cannot rot: its shell blocks run, as written, in bash against a node
 * started with {@code bin/landline start} on the embedded defaults, only on other ports. The
 * device is mosquitto_sub, the provider is curl with a JWT made by OpenSSL, and the tour ends
 * with a delivered receipt and a revoked device.
 */
class QuickTourIT {

    @TempDir
    Path dir;

    @Test
    void theQuickTourRunsAsWrittenFromActivationToDeliveredReceipt() throws Exception {
        for (String tool : List.of("openssl", "curl", "mosquitto_sub")) {
            assertThat(Files.isExecutable(Path.of("/usr/bin", tool)))
                    .as("%s is missing: bin/test installs it (Debian packages openssl curl mosquitto-clients)", tool).isTrue();
        }
        String tour = Files.readString(NodeProcess.projectRoot().resolve("docs/quick-tour.md"));
        NodePorts ports = NodePorts.free();
        Map<String, String> env = ports.environment("tour-" + ports.cluster());
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("landline"), NodeProcess.launcher());

        try (NodeProcess node = NodeProcess.start(dir, List.of("start"), env)) {
            assertThat(node.awaitReady(ports.admin(), Duration.ofSeconds(90))).as("log:%n%s", node.log()).isTrue();
            Path script = Files.writeString(dir.resolve("tour.sh"),
                    QuickTour.script(tour, Map.of("HTTPS_PORT", Integer.toString(ports.https()), "MQTT_PORT", Integer.toString(ports.mqtt()))));

            ProcessBuilder bash = new ProcessBuilder("bash", script.toString()).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("tour.out").toFile());
            Map<String, String> scriptEnv = new HashMap<>(env);
            scriptEnv.put("JAVA_HOME", System.getProperty("java.home"));
            bash.environment().putAll(scriptEnv);
            Process run = bash.start();
            boolean ended = run.waitFor(120, TimeUnit.SECONDS);
            if (!ended) {
                run.destroyForcibly();
            }
            String out = Files.readString(dir.resolve("tour.out"));
            assertThat(ended).as("the tour ends within 120 s; output:%n%s", out).isTrue();
            assertThat(run.exitValue()).as("tour output:%n%s%nnode log:%n%s", out, node.log()).isZero();

            assertThat(Files.readString(dir.resolve("received.txt")).strip())
                    .matches("push/com\\.example\\.app expires-in=(359\\d|3600) \\{\"aps\":\\{\"alert\":\"hello\"}}");
            assertThat(out).contains("added key KEY1234567 of team ABCDE12345")
                    .containsPattern("\\n200\\n")
                    .containsPattern("\"status\":\"delivered\"")
                    .contains("revoked device");
            // set -x traces the assignment: the tour's JWT carries the JOSE r||s signature (RFC 7518 §3.4), 64 bytes, not DER
            java.util.regex.Matcher jwt = java.util.regex.Pattern.compile("JWT=([\\w-]+)\\.([\\w-]+)\\.([\\w-]+)").matcher(out);
            assertThat(jwt.find()).as(out).isTrue();
            assertThat(java.util.Base64.getUrlDecoder().decode(jwt.group(3))).hasSize(64);
        }
    }
}
