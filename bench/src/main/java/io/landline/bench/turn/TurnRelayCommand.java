package io.landline.bench.turn;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * ChannelData relaying: N allocations, each with a permission and a channel to one of the
 * tool's peer sockets, offered a total rate of fixed-size payloads; relayed packets/s, loss,
 * one-way latency client → server → peer, and the latency added over a direct client → peer
 * baseline measured first at the same rate from as many sockets.
 */
@Command(name = "turn-relay", mixinStandardHelpOptions = true,
        description = "Relay ChannelData through N allocations at an offered rate; report relayed/s, loss, added latency, server CPU per packet.")
final class TurnRelayCommand implements Callable<Integer> {

    private static final int BASELINE_WARMUP = 1;
    private static final int BASELINE = 2;
    private static final int RELAY_WARMUP = 3;
    private static final int RELAY = 4;

    @Spec
    CommandSpec spec;

    @Mixin
    Target target;

    @Mixin
    Credentials credentials;

    @Option(names = "--allocations", description = "allocations, each its own client socket (default: ${DEFAULT-VALUE})", defaultValue = "100")
    int allocations;

    @Option(names = "--rate", description = "offered ChannelData packets/s over all allocations (default: ${DEFAULT-VALUE})", defaultValue = "20000")
    double rate;

    @Option(names = "--payload", description = "application data bytes per packet, 200 as an audio RTP packet (default: ${DEFAULT-VALUE})",
            defaultValue = "200")
    int payload;

    @Option(names = "--peers", description = "peer sockets receiving the relayed data (default: ${DEFAULT-VALUE})", defaultValue = "2")
    int peers;

    @Option(names = "--baseline", negatable = true, description = "measure direct client → peer latency first (default: ${DEFAULT-VALUE})",
            defaultValue = "true", fallbackValue = "true")
    boolean baseline;

    @Option(names = "--concurrency", description = "allocation setups in flight (default: ${DEFAULT-VALUE})", defaultValue = "64")
    int concurrency;

    @Option(names = "--warmup", converter = Durations.class, description = "(default: ${DEFAULT-VALUE})", defaultValue = "3s")
    Duration warmup;

    @Option(names = "--duration", converter = Durations.class, description = "measured time (default: ${DEFAULT-VALUE})", defaultValue = "10s")
    Duration duration;

    @Override
    public Integer call() {
        try (UdpTransport transport = target.transport()) {
            List<PeerReceiver> receivers = new ArrayList<>();
            List<InetSocketAddress> peerAddresses = new ArrayList<>();
            for (int i = 0; i < peers; i++) {
                PeerReceiver receiver = new PeerReceiver();
                peerAddresses.add((InetSocketAddress) transport.open(receiver, null).localAddress());
                receivers.add(receiver);
            }
            MeasuredPhase direct = baseline ? direct(transport, peerAddresses, receivers) : null;

            AllocationOpener.Outcome opened = AllocationOpener.open(transport, target.serverAddress(), credentials, allocations,
                    concurrency, peerAddresses, 600, Duration.ofSeconds(60));
            if (opened.sessions().isEmpty()) {
                spec.commandLine().getErr().println("turn-relay: no allocation could be set up: " + opened.firstError());
                return 1;
            }
            List<Flow> flows = new ArrayList<>();
            for (TurnSession s : opened.sessions()) {
                flows.add(new Flow(s.stun().channel(), flows.size(), AllocationOpener.CHANNEL, payload));
            }
            MeasuredPhase relayed = MeasuredPhase.run(flows, rate, receivers, RELAY_WARMUP, RELAY, warmup, duration, target);
            report(opened, relayed, direct);
            AllocationOpener.releaseAll(opened.sessions(), concurrency);
        }
        return 0;
    }

    /** The same load from as many sockets straight to the peers: what the network path itself costs. */
    private MeasuredPhase direct(UdpTransport transport, List<InetSocketAddress> peerAddresses, List<PeerReceiver> receivers) {
        List<Flow> flows = new ArrayList<>();
        for (int i = 0; i < allocations; i++) {
            flows.add(new Flow(transport.open(new PeerReceiver(), peerAddresses.get(i % peerAddresses.size())), i, Flow.DIRECT, payload));
        }
        MeasuredPhase phase = MeasuredPhase.run(flows, rate, receivers, BASELINE_WARMUP, BASELINE, warmup, duration, Target.NONE);
        flows.forEach(f -> f.channel().close());
        return phase;
    }

    private void report(AllocationOpener.Outcome opened, MeasuredPhase relayed, MeasuredPhase direct) {
        LatencyHistogram latency = relayed.tally().latency();
        Result result = new Result("turn-relay", target.label)
                .put("allocations", opened.sessions().size())
                .put("allocation_failures", opened.failed())
                .put("payload", payload)
                .put("offered", rate)
                .put("sent", relayed.sent())
                .put("sent_per_s", relayed.sent() / relayed.seconds())
                .put("generator_shortfall", relayed.shortfall())
                .put("relayed", relayed.tally().counted())
                .put("relayed_per_s", relayed.deliveredPerSecond())
                .put("loss_pct", relayed.lossPercent())
                .put("p50_us", latency.percentileMicros(50))
                .put("p99_us", latency.percentileMicros(99))
                .put("p999_us", latency.percentileMicros(99.9))
                .put("max_us", latency.maxNanos() / 1000.0);
        if (direct != null) {
            LatencyHistogram base = direct.tally().latency();
            result.put("direct_loss_pct", direct.lossPercent())
                    .put("direct_p50_us", base.percentileMicros(50))
                    .put("direct_p99_us", base.percentileMicros(99))
                    .put("direct_p999_us", base.percentileMicros(99.9))
                    .put("added_p50_us", latency.percentileMicros(50) - base.percentileMicros(50))
                    .put("added_p99_us", latency.percentileMicros(99) - base.percentileMicros(99))
                    .put("added_p999_us", latency.percentileMicros(99.9) - base.percentileMicros(99.9));
        }
        result.put("server_cpu_s", relayed.cpuSeconds())
                .put("server_cpu_us_per_packet", relayed.cpuSeconds() / relayed.tally().counted() * 1e6)
                .put("server_cpu_pct", 100 * relayed.cpuSeconds() / relayed.seconds())
                .put("server_rss_kib", relayed.rssKib());
        if (!opened.firstError().isEmpty()) {
            result.put("first_error", opened.firstError());
        }
        result.print(spec.commandLine().getOut());
    }
}
