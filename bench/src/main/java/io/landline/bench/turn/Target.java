package io.landline.bench.turn;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.Option;

/** Options every command shares: the server, its process for /proc readings, the generator's sockets. */
final class Target {

    @Option(names = "--server", description = "STUN/TURN server, host:port (default: ${DEFAULT-VALUE})", defaultValue = "127.0.0.1:3478")
    String server;

    @Option(names = "--server-pid", description = "server process whose CPU time and RSS are read from /proc; 0: none (default: ${DEFAULT-VALUE})",
            defaultValue = "0")
    long serverPid;

    @Option(names = "--clk-tck", description = "clock ticks per second of /proc/PID/stat, `getconf CLK_TCK` (default: ${DEFAULT-VALUE})",
            defaultValue = "100")
    int clockTicks;

    @Option(names = "--label", description = "server name in the RESULT line (default: ${DEFAULT-VALUE})", defaultValue = "server")
    String label;

    @Option(names = "--threads", description = "event loops of the generator (default: ${DEFAULT-VALUE})", defaultValue = "2")
    int threads;

    @Option(names = "--local-port-base", description = "first local UDP port of the generator's sockets, below the servers' relay ports (default: ${DEFAULT-VALUE})",
            defaultValue = "20000")
    int localPortBase;

    /** No server process: the baseline phase reads no /proc. */
    static final Target NONE = new Target();

    InetSocketAddress serverAddress() {
        int colon = server.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--server wants host:port, got " + server);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(server.substring(0, colon)), Integer.parseInt(server.substring(colon + 1)));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--server host unknown: " + server, e);
        }
    }

    UdpTransport transport() {
        return new UdpTransport(threads, serverAddress().getAddress(), localPortBase);
    }

    /** The server's /proc reading now, or null without --server-pid. */
    ProcessSample sample() {
        return serverPid > 0 ? ProcessSample.of(serverPid) : null;
    }

    double cpuSeconds(ProcessSample before, ProcessSample after) {
        return before == null || after == null ? Double.NaN : (after.cpuTicks() - before.cpuTicks()) / (double) clockTicks;
    }
}
