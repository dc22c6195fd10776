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
 * Memory per allocation: the server's RSS before, after opening N allocations (each with a
 * permission and a channel, as a call's relay has), after refreshing them all, and at the end
 * of a hold; then every allocation is deleted.
 */
@Command(name = "turn-allocations", mixinStandardHelpOptions = true,
        description = "Open N allocations, refresh them, hold them; report the server's RSS per allocation.")
final class TurnAllocationsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Target target;

    @Mixin
    Credentials credentials;

    @Option(names = "--allocations", description = "(default: ${DEFAULT-VALUE})", defaultValue = "1000")
    int allocations;

    @Option(names = "--channels", negatable = true, description = "a permission and channel per allocation (default: ${DEFAULT-VALUE})",
            defaultValue = "true", fallbackValue = "true")
    boolean channels;

    @Option(names = "--steps", description = "open the allocations in this many equal batches, reading RSS after each (default: ${DEFAULT-VALUE})",
            defaultValue = "1")
    int steps;

    @Option(names = "--jvm-heap", description = "the server is a JVM: also read its live heap after a full GC (jcmd) before and while holding")
    boolean jvmHeap;

    @Option(names = "--concurrency", description = "setups in flight (default: ${DEFAULT-VALUE})", defaultValue = "64")
    int concurrency;

    @Option(names = "--hold", converter = Durations.class, description = "time the allocations are held before deletion (default: ${DEFAULT-VALUE})",
            defaultValue = "5s")
    Duration hold;

    @Option(names = "--setup-timeout", converter = Durations.class, description = "(default: ${DEFAULT-VALUE})", defaultValue = "120s")
    Duration setupTimeout;

    @Override
    public Integer call() {
        try (UdpTransport transport = target.transport()) {
            List<InetSocketAddress> peers = new ArrayList<>();
            if (channels) {
                peers.add((InetSocketAddress) transport.open(new PeerReceiver(), null).localAddress());
            }
            long heapBefore = jvmHeap ? HeapProbe.liveHeapKib(target.serverPid) : -1;
            ProcessSample before = target.sample();
            List<TurnSession> sessions = new ArrayList<>();
            List<Long> rssAfterStep = new ArrayList<>();
            int failed = 0;
            String firstError = "";
            double setupSeconds = 0;
            for (int step = 0; step < steps; step++) {
                int batch = allocations / steps + (step < allocations % steps ? 1 : 0);
                AllocationOpener.Outcome opened = AllocationOpener.open(transport, target.serverAddress(), credentials, batch,
                        concurrency, peers, 600, setupTimeout);
                sessions.addAll(opened.sessions());
                failed += opened.failed();
                firstError = firstError.isEmpty() ? opened.firstError() : firstError;
                setupSeconds += opened.seconds();
                Durations.sleep(Duration.ofSeconds(1)); // let the server settle (buffers back in pools, deferred work done)
                ProcessSample sample = target.sample();
                rssAfterStep.add(sample == null ? -1 : sample.rssKib());
            }
            ProcessSample allocated = target.sample();
            AllocationOpener.Outcome opened = new AllocationOpener.Outcome(sessions, failed, firstError, setupSeconds);
            int refreshed = AllocationOpener.refreshAll(opened.sessions(), 600, concurrency, Duration.ofSeconds(60));
            Durations.sleep(hold);
            ProcessSample held = target.sample();
            long heapHeld = jvmHeap ? HeapProbe.liveHeapKib(target.serverPid) : -1;
            AllocationOpener.releaseAll(opened.sessions(), concurrency);
            Durations.sleep(Duration.ofSeconds(1));
            ProcessSample released = target.sample();

            int n = opened.sessions().size();
            Result result = new Result("turn-allocations", target.label)
                    .put("allocations", n)
                    .put("failures", opened.failed())
                    .put("setup_s", opened.seconds())
                    .put("setups_per_s", n / opened.seconds())
                    .put("refreshed", refreshed)
                    .put("rss_before_kib", before == null ? -1 : before.rssKib())
                    .put("rss_allocated_kib", allocated == null ? -1 : allocated.rssKib())
                    .put("rss_held_kib", held == null ? -1 : held.rssKib())
                    .put("rss_released_kib", released == null ? -1 : released.rssKib())
                    .put("kib_per_allocation", before == null || n == 0 ? Double.NaN : (held.rssKib() - before.rssKib()) / (double) n)
                    .put("setup_cpu_s", target.cpuSeconds(before, allocated));
            if (jvmHeap) {
                result.put("heap_before_kib", heapBefore).put("heap_held_kib", heapHeld)
                        .put("heap_kib_per_allocation", heapBefore < 0 || heapHeld < 0 || n == 0 ? Double.NaN
                                : (heapHeld - heapBefore) / (double) n);
            }
            for (int i = 0; i < rssAfterStep.size(); i++) {
                result.put("rss_step" + (i + 1) + "_kib", rssAfterStep.get(i));
            }
            if (steps > 1 && rssAfterStep.get(0) >= 0) {
                // the slope over the later batches leaves out what the first allocations cost once (pools, tables growing)
                int perStep = allocations / steps;
                result.put("kib_per_allocation_marginal",
                        (rssAfterStep.get(steps - 1) - rssAfterStep.get(0)) / (double) (perStep * (steps - 1)));
            }
            if (!opened.firstError().isEmpty()) {
                result.put("first_error", opened.firstError());
            }
            result.print(spec.commandLine().getOut());
            return opened.failed() == 0 ? 0 : 1;
        }
    }
}
