package io.landline.bench.load;

import io.landline.tls.Pem;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * End-to-end delivery at an offered rate: subscribers connected, messages sent open-loop at
 * {@code --rate} for {@code --seconds}, each to a device in turn; then waits for stragglers
 * and prints accepted/s, delivered/s, lost and latency percentiles (send → device).
 * {@code --target landline} sends through the provider API, {@code --target mosquitto}
 * publishes QoS 1 to each device's topic on the broker.
 */
@Command(name = "deliver", mixinStandardHelpOptions = true, description = "Send at a fixed rate to subscribed devices; report rate, loss and latency.")
final class DeliverCommand implements Callable<Integer> {

    enum Target { landline, mosquitto }

    @Option(names = "--target", required = true)
    Target target;

    @Option(names = "--mqtt", required = true, description = "host:port of the MQTT over TLS listener")
    String mqtt;

    @Option(names = "--api", description = "host:port of Landline's HTTPS listener (target landline)")
    String api;

    @Option(names = "--ca", required = true)
    File ca;

    @Option(names = "--fleet", required = true)
    Path fleetFile;

    @Option(names = "--devices", defaultValue = "1000", description = "subscribed devices (the fleet's first ones)")
    int devices;

    @Option(names = "--sources", defaultValue = "127.0.0.1", split = ",")
    List<String> sources;

    @Option(names = "--rate", required = true, description = "messages per second offered")
    int rate;

    @Option(names = "--seconds", defaultValue = "10")
    int seconds;

    @Option(names = "--drain", defaultValue = "10", description = "seconds to wait for messages still on the way")
    int drainSeconds;

    @Option(names = "--team", defaultValue = "LOADTEAM01")
    String team;

    @Option(names = "--key-id", defaultValue = "LOADKEY001")
    String keyId;

    @Option(names = "--key", description = "provider's ES256 private key, PEM (target landline)")
    Path key;

    @Option(names = "--topic", defaultValue = "com.example.load")
    String topic;

    @Option(names = "--connections", defaultValue = "4", description = "publisher connections")
    int connections;

    @Option(names = "--threads", defaultValue = "2", description = "subscriber event loops")
    int threads;

    @Override
    public Integer call() throws Exception {
        Fleet fleet = Fleet.read(fleetFile);
        List<Fleet.Member> subscribers = fleet.slice(0, devices);
        String[] hp = mqtt.split(":");
        InetSocketAddress mqttAddress = new InetSocketAddress(hp[0], Integer.parseInt(hp[1]));
        long total = (long) rate * seconds;
        LatencyRecorder latencies = new LatencyRecorder((int) Math.min(Integer.MAX_VALUE - 8, total));
        try (DeviceConnector connector = new DeviceConnector(mqttAddress, ca, subscribers, sources, threads)) {
            String filter = target == Target.landline ? "push/#" : "dev/%t";
            List<DeviceConnector.Outcome> outcomes = connector.connectAll(subscribers, m -> filter.replace("%t", m.token()), 600, 64, 60, latencies);
            long failed = outcomes.stream().filter(o -> o.failure() != null).count();
            if (failed > 0) {
                System.out.println("subscribers failed: " + failed + ", e.g. " + outcomes.stream().filter(o -> o.failure() != null).findFirst().get().failure());
                return 1;
            }
            try (Publisher publisher = publisher(fleet)) {
                long t0 = System.nanoTime();
                long interval = 1_000_000_000L / rate;
                long sent = 0;
                while (sent < total) {
                    long now = System.nanoTime();
                    long due = Math.min(total, (now - t0) / interval + 1);
                    if (due > sent) {
                        publisher.sendAll(subscribers, sent, due, t0, interval);
                        sent = due;
                    }
                    LockSupport.parkNanos(200_000);
                }
                double sendSeconds = (System.nanoTime() - t0) / 1e9;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
                while (System.nanoTime() < deadline && (latencies.received() < publisher.accepted() || publisher.accepted() + publisher.refused() < total)) {
                    Thread.sleep(50);
                }
                double allSeconds = (System.nanoTime() - t0) / 1e9;
                long[] sorted = latencies.sorted();
                System.out.printf("target=%s offered=%d/s sent=%d in %.2fs accepted=%d refused=%d delivered=%d lost=%d delivered_per_s=%.0f "
                                + "p50=%.2fms p90=%.2fms p99=%.2fms p999=%.2fms max=%.2fms%s%n",
                        target, rate, total, sendSeconds, publisher.accepted(), publisher.refused(), latencies.received(),
                        publisher.accepted() - latencies.received(), latencies.received() / allSeconds,
                        LatencyRecorder.percentileMillis(sorted, 50), LatencyRecorder.percentileMillis(sorted, 90),
                        LatencyRecorder.percentileMillis(sorted, 99), LatencyRecorder.percentileMillis(sorted, 99.9),
                        LatencyRecorder.percentileMillis(sorted, 100),
                        publisher.refused() > 0 ? " last_refusal=" + publisher.lastRefusal() : "");
                return 0;
            }
        }
    }

    private Publisher publisher(Fleet fleet) throws Exception {
        if (target == Target.mosquitto) {
            String[] hp = mqtt.split(":");
            // the publishers are the fleet's last members, never one of the subscribers
            return new MqttPublisher(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])), ca, fleet.slice(fleet.size() - connections, connections));
        }
        if (api == null || key == null) {
            throw new IllegalArgumentException("--target landline needs --api and --key");
        }
        String[] hp = api.split(":");
        PrivateKey privateKey = Pem.readPrivateKey(key);
        return new ProviderApiPublisher(hp[0], Integer.parseInt(hp[1]), ca.getPath(), team, keyId, privateKey, topic, connections);
    }
}
