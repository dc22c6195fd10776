package io.landline.bench.load;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Holds a slice of the fleet connected and subscribed, idle, until the hold time is over or
 * the process is signalled. Prints one result line, then {@code HOLDING}, so a driver script
 * can measure the server while the connections are up.
 */
@Command(name = "idle", mixinStandardHelpOptions = true, description = "Connect a slice of a fleet, subscribe, and hold the connections idle.")
final class IdleCommand implements Callable<Integer> {

    @Option(names = "--server", required = true, description = "host:port of the MQTT over TLS listener")
    String server;

    @Option(names = "--ca", required = true, description = "CA certificate (PEM) that signed the server certificate")
    File ca;

    @Option(names = "--fleet", required = true)
    Path fleetFile;

    @Option(names = "--from", defaultValue = "0")
    int from;

    @Option(names = "--count", required = true)
    int count;

    @Option(names = "--sources", defaultValue = "127.0.0.1", split = ",", description = "local source addresses, used in turn")
    List<String> sources;

    @Option(names = "--filter", defaultValue = "push/#", description = "subscription filter; %t is replaced by the token")
    String filter;

    @Option(names = "--in-flight", defaultValue = "64", description = "handshakes in flight at once")
    int inFlight;

    @Option(names = "--threads", defaultValue = "2")
    int threads;

    @Option(names = "--keep-alive", defaultValue = "600")
    int keepAlive;

    @Option(names = "--hold", defaultValue = "300", description = "seconds to hold the connections")
    int holdSeconds;

    @Override
    public Integer call() throws Exception {
        Fleet fleet = Fleet.read(fleetFile);
        List<Fleet.Member> slice = fleet.slice(from, count);
        String[] hostPort = server.split(":");
        InetSocketAddress address = new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
        try (DeviceConnector connector = new DeviceConnector(address, ca, slice, sources, threads)) {
            long t0 = System.nanoTime();
            List<DeviceConnector.Outcome> outcomes = connector.connectAll(slice, m -> filter.replace("%t", m.token()),
                    keepAlive, inFlight, 60, (t, p, n) -> { });
            double seconds = (System.nanoTime() - t0) / 1e9;
            long connected = outcomes.stream().filter(o -> o.failure() == null).count();
            Map<String, Integer> failures = new TreeMap<>();
            outcomes.stream().filter(o -> o.failure() != null)
                    .forEach(o -> failures.merge(String.valueOf(o.failure().getMessage()), 1, Integer::sum));
            System.out.printf("connected=%d failed=%d seconds=%.2f handshakes_per_s=%.0f failures=%s%n",
                    connected, slice.size() - connected, seconds, connected / seconds, failures);
            System.out.println("HOLDING");
            System.out.flush();
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await(holdSeconds, java.util.concurrent.TimeUnit.SECONDS);
            return connected == slice.size() ? 0 : 1;
        }
    }
}
