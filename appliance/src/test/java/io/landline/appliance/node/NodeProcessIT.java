package io.landline.appliance.node;

import static io.landline.testkit.Commands.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.landline.appliance.systemd.NotifySocket;
import io.landline.testkit.NodePorts;
import io.landline.testkit.NodeProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged node, started the way operators and systemd start it: {@code bin/landline}
 * running {@code landline.jar} in its own process, with {@code NOTIFY_SOCKET} set.
 */
class NodeProcessIT {

    @TempDir
    Path dir;

    /** A development node: no --config, so the embedded defaults, moved to free ports by environment variables only. */
    private NodeProcess startDevelopmentNode(NotifySocket notify, NodePorts ports) {
        Map<String, String> env = new HashMap<>(ports.environment("it-" + ports.cluster()));
        env.put("NOTIFY_SOCKET", notify.path().toString());
        env.put("WATCHDOG_USEC", "400000");
        return NodeProcess.start(dir, List.of("start"), env);
    }

    @Test
    void developmentNodeSignalsReadyServesAndStopsCleanlyOnSigterm() throws Exception {
        NodePorts ports = NodePorts.free();
        try (NotifySocket notify = new NotifySocket(dir.resolve("notify.sock"))) {
            long t0 = System.nanoTime();
            try (NodeProcess node = startDevelopmentNode(notify, ports)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> notify.lines().contains("READY=1") || !node.process().isAlive());
                assertThat(notify.lines()).as("sd_notify lines; log:%n%s", node.log()).contains("READY=1");
                System.out.println("start-to-ready (first start, process launch to READY=1): " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                assertThat(Http.get("http://127.0.0.1:" + ports.admin() + "/health/ready").statusCode()).isEqualTo(200);
                // What starting left in the young generation is collected once, before the node says it is ready.
                String started = node.log();
                assertThat(started).as("log:%n%s", started).containsPattern("startup collection: heap \\d+ MB -> \\d+ MB in \\d+ ms");
                assertThat(started.indexOf("startup collection")).isLessThan(started.indexOf("ready in"));
                // WATCHDOG_USEC=400ms asks for a ping at least every 200 ms.
                await().atMost(Duration.ofSeconds(5)).until(() -> notify.lines().stream().filter("WATCHDOG=1"::equals).count() >= 3);

                // The generated TLS material is in var/tls, and curl and OpenSSL trust it through ca.pem alone.
                Path tls = dir.resolve("var/tls");
                assertThat(tls.resolve("server.pem")).exists();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve("server.key")))).isEqualTo("rw-------");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("var/admin.token")))).isEqualTo("rw-------");
                for (String host : new String[] {"localhost", "127.0.0.1"}) {
                    assertThat(run(List.of("curl", "-sS", "--fail", "--http2", "--cacert", tls.resolve("ca.pem").toString(),
                            "-o", "/dev/null", "-w", "%{http_version}", "https://" + host + ":" + ports.https() + "/"))).isEqualTo("2");
                }
                assertThat(run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + ports.https(), "-CAfile", tls.resolve("ca.pem").toString(),
                        "-verify_return_error", "-verify_hostname", "localhost", "-brief")))
                        .contains("Verification: OK").containsPattern("Protocol version: TLSv1\\.3");
                byte[] ca = Files.readAllBytes(tls.resolve("ca.pem"));

                long stop0 = System.nanoTime();
                assertThat(node.terminate(Duration.ofSeconds(10))).as("exit code within 10 s of SIGTERM; log:%n%s", node.log()).isZero();
                System.out.println("SIGTERM to exit: " + (System.nanoTime() - stop0) / 1_000_000 + " ms");
                assertThat(notify.lines()).contains("STOPPING=1");
                assertThat(node.log()).contains("stopping: no new connections, draining").contains("stopped in");

                // A second start reuses the CA, so devices and curl keep trusting the node.
                try (NodeProcess again = startDevelopmentNode(notify, ports)) {
                    long t1 = System.nanoTime();
                    assertThat(again.awaitReady(ports.admin(), Duration.ofSeconds(60))).as("log:%n%s", again.log()).isTrue();
                    System.out.println("start-to-ready (second start): " + (System.nanoTime() - t1) / 1_000_000 + " ms");
                    assertThat(Files.readAllBytes(tls.resolve("ca.pem"))).isEqualTo(ca);
                    assertThat(again.terminate(Duration.ofSeconds(10))).isZero();
                }
            }
        }
    }

    @Test
    void portScanAndGarbageDoNotFloodTheLog() throws Exception {
        NodePorts ports = NodePorts.free();
        try (NotifySocket notify = new NotifySocket(dir.resolve("notify.sock"));
             NodeProcess node = startDevelopmentNode(notify, ports)) {
            assertThat(node.awaitReady(ports.admin(), Duration.ofSeconds(60))).as("log:%n%s", node.log()).isTrue();
            long before = node.log().lines().count();
            for (int round = 0; round < 50; round++) {
                for (int port : new int[] {ports.https(), ports.admin(), ports.cluster(), ports.bus()}) {
                    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                        s.getOutputStream().write("\u0016\u0003\u0001garbage\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                        s.setSoLinger(true, 0);
                    }
                }
            }
            assertThat(node.awaitReady(ports.admin(), Duration.ofSeconds(10))).isTrue();
            Thread.sleep(500); // let the node finish with the last connections before counting lines
            assertThat(node.log().lines().count() - before).as("log lines added by 200 hostile connections:%n%s", node.log()).isLessThanOrEqualTo(2);
            assertThat(node.terminate(Duration.ofSeconds(10))).isZero();
        }
    }

    @Test
    void brokenConfigIsOneLineAndExitCode2() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "cluster:\n  port: 5701\n  bus-port: 5701\n");
        try (NodeProcess check = NodeProcess.start(dir, List.of("check-config", broken.toString()), Map.of())) {
            assertThat(check.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(check.process().exitValue()).isEqualTo(2);
            assertThat(check.log().strip()).doesNotContain("\n").contains(broken.toString()).contains("cluster.bus-port").contains("5701");
        }
    }

    @Test
    void aCollectorNamedInJavaOptsReplacesTheLaunchersDefaultInsteadOfFailingTheJvm() throws Exception {
        // The JVM refuses two collectors ("Multiple garbage collectors selected", exit 1): the
        // launcher's G1 (Serial for short commands) must give way, so the config error is reached.
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "node:\n  shutdown-timeout: -5s\n");
        for (List<String> args : List.of(List.of("start", "--config", broken.toString()), List.of("check-config", broken.toString()))) {
            try (NodeProcess run = NodeProcess.start(dir, args, Map.of("JAVA_OPTS", "-XX:+UseParallelGC"))) {
                assertThat(run.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(run.process().exitValue()).as("%s:%n%s", args, run.log()).isEqualTo(2);
                assertThat(run.log()).contains("node.shutdown-timeout").doesNotContain("garbage collectors");
            }
        }
    }

    @Test
    void startWithBrokenConfigExits2WithoutStartingAnything() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "node:\n  shutdown-timeout: -5s\n");
        try (NodeProcess start = NodeProcess.start(dir, List.of("start", "--config", broken.toString()), Map.of())) {
            assertThat(start.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(start.process().exitValue()).isEqualTo(2);
            assertThat(start.log().strip()).doesNotContain("\n").contains("node.shutdown-timeout").contains("-5s");
        }
    }

    @Test
    void portAlreadyInUseFailsStartWithOneLineAndExit1() throws Exception {
        NodePorts ports = NodePorts.free();
        try (ServerSocket taken = new ServerSocket(ports.https(), 50, InetAddress.getByName("127.0.0.1"));
             NotifySocket notify = new NotifySocket(dir.resolve("notify.sock"));
             NodeProcess node = startDevelopmentNode(notify, ports)) {
            assertThat(node.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(node.process().exitValue()).isEqualTo(1);
            assertThat(node.log()).contains("cannot listen on 127.0.0.1:" + ports.https()).doesNotContain("\tat ");
            assertThat(notify.lines()).doesNotContain("READY=1");
        }
    }
}
