package io.landline.bench.turn;

import java.time.Duration;
import java.util.List;

/**
 * One open-loop phase: senders paced at a rate, first a warm-up epoch (JIT, caches, socket
 * buffers), then the measured epoch, with the server's /proc readings at its two ends.
 *
 * @param sent      datagrams sent in the measured epoch
 * @param shortfall sends the generator could not make in time (its own saturation)
 * @param seconds   length of the measured epoch
 * @param tally     what the receivers counted of the measured epoch
 * @param cpuSeconds server CPU time over the measured epoch and the drain after it; NaN without a pid
 * @param rssKib    server RSS at the end; -1 without a pid
 */
record MeasuredPhase(long sent, long shortfall, double seconds, Tally tally, double cpuSeconds, long rssKib) {

    /** Time after the last send for datagrams still queued in sockets and the server. */
    static final Duration DRAIN = Duration.ofMillis(500);

    static MeasuredPhase run(List<? extends Sender> senders, double rate, List<? extends MeasuringHandler> receivers,
                             int warmupEpoch, int measuredEpoch, Duration warmup, Duration duration, Target target) {
        List<Pacer> pacers = Pacer.over(senders, rate);
        pacers.forEach(p -> p.start(warmupEpoch));
        Durations.sleep(warmup);
        receivers.forEach(r -> r.measure(measuredEpoch));
        ProcessSample before = target.sample();
        long start = System.nanoTime();
        pacers.forEach(p -> p.epoch(measuredEpoch));
        Durations.sleep(duration);
        Pacer.Counts sent = Pacer.stopAll(pacers);
        double seconds = (System.nanoTime() - start) / 1e9;
        Durations.sleep(DRAIN);
        ProcessSample after = target.sample();
        return new MeasuredPhase(sent.sent()[measuredEpoch], sent.shortfall()[measuredEpoch], seconds, Tally.sum(receivers),
                target.cpuSeconds(before, after), after == null ? -1 : after.rssKib());
    }

    double lossPercent() {
        return sent == 0 ? Double.NaN : 100.0 * Math.max(0, sent - tally.counted()) / sent;
    }

    double deliveredPerSecond() {
        return tally.counted() / seconds;
    }
}
