package io.landline.relay.turn.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.protocol.stun.StunMethod;
import io.landline.testkit.FreePorts;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * coturn's own client tools (Debian package {@code coturn}, installed by {@code bin/test})
 * against our server: STUN Binding, and TURN relaying to coturn's echoing peer over UDP, TCP
 * and TLS, with static and with TURN REST API credentials. Their reports are asserted: every
 * message sent came back, none lost.
 */
class CoturnClientsTest {

    private static final Pattern SENT_RECEIVED = Pattern.compile("start_mclient: tot_send_msgs=(\\d+), tot_recv_msgs=(\\d+)");
    private static final Pattern LOST = Pattern.compile("Total lost packets (\\d+)");

    static TurnFixture turn;
    static Process peer;
    static int peerPort;

    @BeforeAll
    static void start() throws Exception {
        for (String tool : List.of("turnutils_stunclient", "turnutils_uclient", "turnutils_peer")) {
            assertThat(new File("/usr/bin/" + tool)).as("%s is missing: bin/test installs the Debian package coturn", tool).exists();
        }
        turn = TurnFixture.with().allow("127.0.0.0/8").restSecrets(TurnFixture.SECRET, "older-rest-secret").start();
        peerPort = FreePorts.next();
        peer = new ProcessBuilder("turnutils_peer", "-L", "127.0.0.1", "-p", Integer.toString(peerPort))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (peer != null) {
            peer.destroy();
            peer.waitFor(5, TimeUnit.SECONDS);
        }
        if (turn != null) {
            turn.close();
        }
    }

    @Test
    void stunClientLearnsItsReflexiveAddressOverUdp() throws Exception {
        String out = run(List.of("turnutils_stunclient", "-p", Integer.toString(turn.port), "127.0.0.1"));

        assertThat(out).containsPattern("UDP reflexive addr: 127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void udpClientRelaysToPeerWithStaticCredentials() throws Exception {
        assertAllEchoed(uclient("-u", TurnFixture.USER, "-w", TurnFixture.PASSWORD, "-e", "127.0.0.1", "-r", Integer.toString(peerPort)));
    }

    @Test
    void udpClientRelaysToPeerWithSendIndications() throws Exception {
        assertAllEchoed(uclient("-s", "-u", TurnFixture.USER, "-w", TurnFixture.PASSWORD, "-e", "127.0.0.1", "-r", Integer.toString(peerPort)));
    }

    @Test
    void tcpClientRelaysToPeerWithStaticCredentials() throws Exception {
        assertAllEchoed(uclient("-t", "-u", TurnFixture.USER, "-w", TurnFixture.PASSWORD, "-e", "127.0.0.1", "-r", Integer.toString(peerPort)));
    }

    @Test
    void udpClientRelaysToPeerWithRestCredentials() throws Exception {
        assertAllEchoed(uclient("-u", "bob", "-W", TurnFixture.SECRET, "-e", "127.0.0.1", "-r", Integer.toString(peerPort)));
    }

    @Test
    void restCredentialsOfTheOlderSecretStillWork() throws Exception {
        assertAllEchoed(uclient("-t", "-u", "carol", "-W", "older-rest-secret", "-e", "127.0.0.1", "-r", Integer.toString(peerPort)));
    }

    @Test
    void twoClientsRelayToEachOtherOverUdp() throws Exception {
        assertAllEchoed(uclient("-y", "-u", TurnFixture.USER, "-w", TurnFixture.PASSWORD));
    }

    @Test
    void twoClientsRelayToEachOtherOverTcpWithRestCredentials() throws Exception {
        assertAllEchoed(uclient("-y", "-t", "-u", "dave", "-W", TurnFixture.SECRET));
    }

    @Test
    void tlsClientRelaysToPeer() throws Exception {
        assertAllEchoed(uclientOn(turn.tlsPort, "-t", "-S", "-u", TurnFixture.USER, "-w", TurnFixture.PASSWORD,
                "-e", "127.0.0.1", "-r", Integer.toString(peerPort)));
    }

    @Test
    void wrongPasswordRelaysNothing() throws Exception {
        double before = turn.metrics().requests(StunMethod.ALLOCATE, 401);

        String out = runAnyExit(uclientCommand(turn.port, "-u", TurnFixture.USER, "-w", "not-the-password",
                "-e", "127.0.0.1", "-r", Integer.toString(peerPort)));

        assertThat(SENT_RECEIVED.matcher(out).find()).as("uclient output:%n%s", out).isFalse();
        assertThat(turn.metrics().requests(StunMethod.ALLOCATE, 401)).isGreaterThan(before);
        assertThat(turn.metrics().authFailures("bad_integrity")).isPositive();
    }

    private static String uclient(String... args) throws Exception {
        return uclientOn(turn.port, args);
    }

    private static String uclientOn(int port, String... args) throws Exception {
        return run(uclientCommand(port, args));
    }

    private static List<String> uclientCommand(int port, String... args) {
        List<String> command = new ArrayList<>(List.of("turnutils_uclient", "-p", Integer.toString(port), "-n", "20", "-z", "5", "-c"));
        command.addAll(List.of(args));
        command.add("127.0.0.1");
        return command;
    }

    private static void assertAllEchoed(String out) {
        Matcher counts = SENT_RECEIVED.matcher(out);
        assertThat(counts.find()).as("uclient reported its counts:%n%s", out).isTrue();
        int sent = Integer.parseInt(counts.group(1));
        int received = Integer.parseInt(counts.group(2));
        Matcher lost = LOST.matcher(out);
        assertThat(lost.find()).as("uclient reported its losses:%n%s", out).isTrue();

        assertThat(sent).as("messages sent:%n%s", out).isPositive();
        assertThat(received).as("messages echoed back through the relay:%n%s", out).isEqualTo(sent);
        assertThat(Integer.parseInt(lost.group(1))).as("lost packets").isZero();
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        assertThat(p.exitValue()).as("exit code of %s:%n%s", command, out).isZero();
        return out;
    }

    private static String runAnyExit(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        boolean done = p.waitFor(20, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        return new String(p.getInputStream().readAllBytes());
    }
}
