package io.landline.bench.turn;

import io.netty.channel.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Binding requests from several sockets, at an offered rate (open loop) or flat out (a closed
 * loop with a window of requests in flight per socket), after a warm-up; answers/s, loss,
 * round-trip time and the server's CPU time per answer.
 */
@Command(name = "stun-binding", mixinStandardHelpOptions = true,
        description = "Blast STUN Binding requests; report answered/s, loss, RTT and server CPU per answer.")
final class StunBindingCommand implements Callable<Integer> {

    private static final int WARMUP = 0;
    private static final int MEASURED = 1;

    @Spec
    CommandSpec spec;

    @Mixin
    Target target;

    @Option(names = "--sockets", description = "client sockets (default: ${DEFAULT-VALUE})", defaultValue = "8")
    int sockets;

    @Option(names = "--rate", description = "offered requests/s over all sockets; 0: flat out (default: ${DEFAULT-VALUE})", defaultValue = "0")
    double rate;

    @Option(names = "--window", description = "flat out: requests in flight per socket (default: ${DEFAULT-VALUE})", defaultValue = "16")
    int window;

    @Option(names = "--fingerprint", description = "add FINGERPRINT to each request")
    boolean fingerprint;

    @Option(names = "--warmup", converter = Durations.class, description = "(default: ${DEFAULT-VALUE})", defaultValue = "3s")
    Duration warmup;

    @Option(names = "--duration", converter = Durations.class, description = "measured time (default: ${DEFAULT-VALUE})", defaultValue = "10s")
    Duration duration;

    @Override
    public Integer call() {
        boolean flatOut = rate <= 0;
        BindingSocket.Phase phase = new BindingSocket.Phase();
        try (UdpTransport transport = target.transport()) {
            List<BindingSocket> all = new ArrayList<>();
            for (int i = 0; i < sockets; i++) {
                BindingSocket socket = new BindingSocket(i, fingerprint, phase, flatOut);
                transport.open(socket, target.serverAddress());
                all.add(socket);
            }
            List<Pacer> pacers = flatOut ? List.of() : Pacer.over(all, rate);
            phase.epoch = WARMUP;
            if (flatOut) {
                all.forEach(s -> s.channel().eventLoop().execute(() -> s.burst(window)));
                all.forEach(s -> refillWhenStalled(s));
            } else {
                pacers.forEach(p -> p.start(WARMUP));
            }
            Durations.sleep(warmup);

            all.forEach(s -> s.measure(MEASURED));
            ProcessSample before = target.sample();
            long start = System.nanoTime();
            phase.epoch = MEASURED;
            pacers.forEach(p -> p.epoch(MEASURED));
            Durations.sleep(duration);
            Pacer.Counts counts = flatOut ? null : Pacer.stopAll(pacers);
            phase.running = false;
            double seconds = (System.nanoTime() - start) / 1e9;
            Durations.sleep(Duration.ofMillis(500)); // answers in flight
            ProcessSample after = target.sample();
            Tally tally = Tally.sum(all);
            report(flatOut, counts, seconds, tally, before, after);
            all.forEach(s -> s.channel().close());
        }
        return 0;
    }

    /** A closed loop loses its window to lost requests; a socket without answers for 200 ms gets a new window. */
    private void refillWhenStalled(BindingSocket socket) {
        Channel channel = socket.channel();
        long[] lastCount = {-1};
        channel.eventLoop().scheduleAtFixedRate(() -> {
            long now = socket.sent();
            if (now == lastCount[0]) {
                socket.burst(window);
            }
            lastCount[0] = socket.sent();
        }, 200, 200, TimeUnit.MILLISECONDS);
    }

    private void report(boolean flatOut, Pacer.Counts counts, double seconds, Tally tally, ProcessSample before, ProcessSample after) {
        double answeredPerSecond = tally.counted() / seconds;
        double cpu = target.cpuSeconds(before, after);
        Result result = new Result("stun-binding", target.label)
                .put("mode", flatOut ? "flat-out" : "rate")
                .put("offered", flatOut ? Double.NaN : rate)
                .put("answered_per_s", answeredPerSecond)
                .put("answered", tally.counted())
                .put("errors", tally.foreign())
                .put("seconds", seconds);
        if (!flatOut) {
            long sent = counts.sent()[MEASURED];
            result.put("sent", sent)
                    .put("sent_per_s", sent / seconds)
                    .put("loss_pct", sent == 0 ? Double.NaN : 100.0 * (sent - tally.counted()) / sent)
                    .put("generator_shortfall", counts.shortfall()[MEASURED]);
        }
        result.put("rtt_p50_us", tally.latency().percentileMicros(50))
                .put("rtt_p99_us", tally.latency().percentileMicros(99))
                .put("server_cpu_s", cpu)
                .put("server_cpu_us_per_answer", cpu / tally.counted() * 1e6)
                .put("server_cpu_pct", 100 * cpu / seconds)
                .put("server_rss_kib", after == null ? -1 : after.rssKib())
                .print(spec.commandLine().getOut());
    }
}
