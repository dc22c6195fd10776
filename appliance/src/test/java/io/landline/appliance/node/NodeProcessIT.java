package io.landline.appliance.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.landline.appliance.systemd.NotifySocket;
import io.landline.testkit.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged node, started the way operators and systemd start it: {@code bin/landline}
 * running {@code landline.jar} in its own process, with {@code NOTIFY_SOCKET} set.
 */
class NodeProcessIT {

    static final Path ROOT = Path.of(System.getProperty("landline.root", "../")).toAbsolutePath().normalize();
    static final Path LAUNCHER = ROOT.resolve("bin/landline");

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    /** A development node on the embedded defaults (no --config), moved to free ports by environment variables only. */
    private Process startDevelopmentNode(NotifySocket notify, Map<String, String> ports) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "start").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile());
        pb.environment().put("NOTIFY_SOCKET", notify.path().toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(ports);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static Map<String, String> freePorts() {
        int cluster = FreePorts.next();
        return Map.of(
                "LANDLINE_HTTPS_PORT", Integer.toString(FreePorts.next()),
                "LANDLINE_ADMIN_PORT", Integer.toString(FreePorts.next()),
                "LANDLINE_CLUSTER_PORT", Integer.toString(cluster),
                "LANDLINE_CLUSTER_BUS_PORT", Integer.toString(FreePorts.next()),
                "LANDLINE_CLUSTER_MEMBERS", "127.0.0.1:" + cluster,
                "LANDLINE_CLUSTER_NAME", "it-" + cluster);
    }

    private String log() throws Exception {
        return Files.readString(dir.resolve("node.log"));
    }

    @Test
    void developmentNodeSignalsReadyServesAndStopsCleanlyOnSigterm() throws Exception {
        Map<String, String> ports = freePorts();
        try (NotifySocket notify = new NotifySocket(dir.resolve("notify.sock"))) {
            long t0 = System.nanoTime();
            Process node = startDevelopmentNode(notify, ports);
            await().atMost(Duration.ofSeconds(60)).until(() -> notify.lines().contains("READY=1") || !node.isAlive());
            assertThat(notify.lines()).as("sd_notify lines; log:%n%s", log()).contains("READY=1");
            long readyMs = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("start-to-ready (first start, process launch to READY=1): " + readyMs + " ms");

            String admin = "http://127.0.0.1:" + ports.get("LANDLINE_ADMIN_PORT");
            assertThat(Http.get(admin + "/health/ready").statusCode()).isEqualTo(200);

            // The generated TLS material is in var/tls, and curl trusts it through ca.pem alone.
            Path tls = dir.resolve("var/tls");
            assertThat(tls.resolve("ca.pem")).exists();
            assertThat(tls.resolve("server.pem")).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve("server.key")))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("var/admin.token")))).isEqualTo("rw-------");
            for (String host : new String[] {"localhost", "127.0.0.1"}) {
                Process curl = new ProcessBuilder("curl", "-sS", "--fail", "--http2", "--cacert", tls.resolve("ca.pem").toString(),
                        "-o", "/dev/null", "-w", "%{http_version}", "https://" + host + ":" + ports.get("LANDLINE_HTTPS_PORT") + "/")
                        .redirectErrorStream(true).start();
                String out = new String(curl.getInputStream().readAllBytes());
                assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(curl.exitValue()).as("curl to %s: %s", host, out).isZero();
                assertThat(out).isEqualTo("2");
            }
            byte[] ca = Files.readAllBytes(tls.resolve("ca.pem"));

            long stop0 = System.nanoTime();
            node.destroy(); // SIGTERM
            assertThat(node.waitFor(10, TimeUnit.SECONDS)).as("exited within 10 s of SIGTERM").isTrue();
            System.out.println("SIGTERM to exit: " + (System.nanoTime() - stop0) / 1_000_000 + " ms");
            assertThat(node.exitValue()).as("exit code; log:%n%s", log()).isZero();
            assertThat(notify.lines()).contains("STOPPING=1");
            assertThat(log()).contains("stopping: no new connections, draining").contains("stopped in");

            // A second start reuses the CA, so devices and curl keep trusting the node.
            Process again = startDevelopmentNode(notify, ports);
            long t1 = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).until(() -> notify.lines().stream().filter("READY=1"::equals).count() == 2 || !again.isAlive());
            System.out.println("start-to-ready (second start): " + (System.nanoTime() - t1) / 1_000_000 + " ms");
            assertThat(Files.readAllBytes(tls.resolve("ca.pem"))).isEqualTo(ca);
            again.destroy();
            assertThat(again.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(again.exitValue()).isZero();
        }
    }

    @Test
    void brokenConfigIsOneLineAndExitCode2() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "cluster:\n  port: 5701\n  bus-port: 5701\n");
        Process p = new ProcessBuilder(LAUNCHER.toString(), "check-config", broken.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).doesNotContain("\n").contains(broken.toString()).contains("cluster.bus-port").contains("5701");
    }

    @Test
    void startWithBrokenConfigExits2WithoutStartingAnything() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "node:\n  shutdown-timeout: -5s\n");
        Process p = new ProcessBuilder(LAUNCHER.toString(), "start", "--config", broken.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).doesNotContain("\n").contains("node.shutdown-timeout").contains("-5s");
    }

    @Test
    void portAlreadyInUseFailsStartWithOneLineAndExit1() throws Exception {
        Map<String, String> ports = freePorts();
        try (java.net.ServerSocket taken = new java.net.ServerSocket(Integer.parseInt(ports.get("LANDLINE_HTTPS_PORT")), 50,
                java.net.InetAddress.getByName("0.0.0.0"));
             NotifySocket notify = new NotifySocket(dir.resolve("notify.sock"))) {
            Process node = startDevelopmentNode(notify, ports);
            assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(node.exitValue()).isEqualTo(1);
            assertThat(log()).contains("cannot listen on 0.0.0.0:" + ports.get("LANDLINE_HTTPS_PORT")).doesNotContain("\tat ");
            assertThat(notify.lines()).doesNotContain("READY=1");
        }
    }

}
