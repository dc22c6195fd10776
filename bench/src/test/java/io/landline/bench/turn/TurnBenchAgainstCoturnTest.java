package io.landline.bench.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.testkit.FreePorts;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The load generator against the reference server, coturn's turnserver (Debian package
 * {@code coturn}, installed by {@code bin/test}), on loopback: every command sets up what it
 * needs with real long-term credentials and counts what coturn really answers and relays.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TurnBenchAgainstCoturnTest {

    private static final String TURNSERVER = "/usr/bin/turnserver";

    @TempDir
    static Path dir;
    static Process coturn;
    static int port;

    @BeforeAll
    static void startCoturn() throws Exception {
        assertThat(new File(TURNSERVER)).as("turnserver is missing: bin/test installs the Debian package coturn").exists();
        port = FreePorts.next();
        int relayBase = 50000 + (int) (ProcessHandle.current().pid() % 100) * 100;
        Files.writeString(dir.resolve("turnserver.conf"), String.join("\n",
                "listening-ip=127.0.0.1", "listening-port=" + port, "relay-ip=127.0.0.1",
                "min-port=" + relayBase, "max-port=" + (relayBase + 99),
                "no-tls", "no-dtls", "no-tcp-relay", "lt-cred-mech", "realm=bench", "user=bench:bench-secret",
                "allowed-peer-ip=127.0.0.1", "allow-loopback-peers", "no-cli", "relay-threads=1",
                "log-file=" + dir.resolve("turnserver.log"), "simple-log", "userdb=" + dir.resolve("turndb"),
                "pidfile=" + dir.resolve("turnserver.pid"), ""));
        coturn = new ProcessBuilder(TURNSERVER, "-c", dir.resolve("turnserver.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("turnserver.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (isFree(port)) {
            assertThat(coturn.isAlive()).as("turnserver exited: %s", Files.readString(dir.resolve("turnserver.out"))).isTrue();
            assertThat(System.nanoTime()).as("turnserver did not bind UDP %d in 20 s", port).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stopCoturn() throws InterruptedException {
        if (coturn != null) {
            coturn.destroy();
            if (!coturn.waitFor(10, TimeUnit.SECONDS)) {
                coturn.destroyForcibly();
            }
        }
    }

    @Test
    void relaysEveryChannelDataPacketThroughCoturnAndMeasuresTheAddedLatency() {
        Map<String, String> r = run(0, "turn-relay", "--allocations", "10", "--rate", "2000", "--warmup", "500ms",
                "--duration", "1s");
        assertThat(r).containsEntry("allocations", "10").containsEntry("allocation_failures", "0");
        long sent = Long.parseLong(r.get("sent"));
        assertThat(sent).isBetween(1500L, 2500L);
        assertThat(Long.parseLong(r.get("relayed"))).isGreaterThanOrEqualTo(sent * 99 / 100);
        assertThat(Double.parseDouble(r.get("p50_us"))).isPositive();
        assertThat(Double.parseDouble(r.get("direct_p50_us"))).isPositive();
        assertThat(r.get("server_cpu_s")).isNotEqualTo("NaN");
        assertThat(Long.parseLong(r.get("server_rss_kib"))).isPositive();
    }

    @Test
    void answersBindingRequestsAtTheOfferedRate() {
        Map<String, String> r = run(0, "stun-binding", "--sockets", "2", "--rate", "2000", "--warmup", "500ms", "--duration", "1s");
        long sent = Long.parseLong(r.get("sent"));
        assertThat(sent).isBetween(1500L, 2500L);
        assertThat(Long.parseLong(r.get("answered"))).isGreaterThanOrEqualTo(sent * 99 / 100);
        assertThat(r).containsEntry("errors", "0");
    }

    @Test
    void flatOutBindingKeepsAWindowInFlight() {
        Map<String, String> r = run(0, "stun-binding", "--sockets", "2", "--window", "4", "--warmup", "300ms", "--duration", "1s");
        assertThat(Double.parseDouble(r.get("answered_per_s"))).isGreaterThan(1000);
    }

    @Test
    void opensRefreshesAndDeletesAllocationsReadingTheServersMemory() {
        Map<String, String> r = run(0, "turn-allocations", "--allocations", "30", "--steps", "2", "--hold", "0s");
        assertThat(r).containsEntry("allocations", "30").containsEntry("failures", "0").containsEntry("refreshed", "30");
        assertThat(Long.parseLong(r.get("rss_held_kib"))).isGreaterThan(Long.parseLong(r.get("rss_before_kib")) / 2);
    }

    @Test
    void aWrongPasswordFailsTheRunWithCoturnsAnswer() {
        StringWriter err = new StringWriter();
        int exit = command(new StringWriter(), err).execute(args("turn-relay", "--password", "not-the-password", "--allocations", "2",
                "--no-baseline", "--warmup", "100ms", "--duration", "100ms"));
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("Allocate answered 401");
    }

    private static Map<String, String> run(int expectedExit, String... commandArgs) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = command(out, err).execute(args(commandArgs));
        assertThat(exit).as("exit of %s, stderr: %s", List.of(commandArgs), err).isEqualTo(expectedExit);
        String line = out.toString().lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                .orElseThrow(() -> new AssertionError("no RESULT line in: " + out));
        Map<String, String> fields = new HashMap<>();
        for (String kv : line.substring(7).split(" ")) {
            int eq = kv.indexOf('=');
            fields.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return fields;
    }

    private static CommandLine command(StringWriter out, StringWriter err) {
        return new CommandLine(new TurnBench()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    }

    private static String[] args(String... commandArgs) {
        String[] common = {"--server", "127.0.0.1:" + port, "--server-pid", Long.toString(coturn.pid()), "--label", "coturn",
                "--threads", "1", "--local-port-base", Integer.toString(FreePorts.next())};
        String[] all = new String[commandArgs.length + common.length];
        all[0] = commandArgs[0];
        System.arraycopy(common, 0, all, 1, common.length);
        System.arraycopy(commandArgs, 1, all, 1 + common.length, commandArgs.length - 1);
        return all;
    }

    private static boolean isFree(int udpPort) {
        try (DatagramSocket probe = new DatagramSocket(udpPort, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
