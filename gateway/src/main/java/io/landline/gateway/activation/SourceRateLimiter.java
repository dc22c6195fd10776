package io.landline.gateway.activation;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket per {@link SourceAddress}, shared by every event loop of the node, in the
 * GCRA form (ITU-T I.371's virtual scheduling): each source keeps one number, the theoretical
 * arrival time {@code tat}; a request at {@code now} is admitted when
 * {@code max(tat, now) + interval - now <= burst * interval}, and then moves {@code tat} on by one
 * interval. A source whose {@code tat} is past holds a full bucket, the same as no entry, so
 * {@link #sweep} drops it: memory follows the sources active in the last {@code burst} intervals,
 * and beyond {@code maxSources} new sources share one bucket rather than grow the map.
 * Lock-free: one compare-and-set per request.
 */
final class SourceRateLimiter {

    static final int DEFAULT_MAX_SOURCES = 100_000;
    /** Sweeps forced by a full map are at most this often, so a flood of new sources does not sweep per request. */
    static final long MIN_SWEEP_GAP_NANOS = 1_000_000_000L;

    private final long interval;
    private final long tolerance;
    private final int maxSources;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<SourceAddress, AtomicLong> buckets = new ConcurrentHashMap<>();
    private final AtomicLong overflow;
    private final AtomicLong lastSweep;

    SourceRateLimiter(RateLimit limit, int maxSources, LongSupplier nanoTime) {
        this.interval = limit.intervalNanos();
        this.tolerance = Math.multiplyExact(interval, (long) limit.burst());
        this.maxSources = maxSources;
        this.nanoTime = nanoTime;
        long now = nanoTime.getAsLong();
        this.overflow = new AtomicLong(now);
        this.lastSweep = new AtomicLong(now);
    }

    /**
     * Takes one permit for {@code source}.
     *
     * @return 0 when admitted, else the nanoseconds until a permit is free
     */
    long acquire(SourceAddress source) {
        long now = nanoTime.getAsLong();
        AtomicLong bucket = buckets.get(source);
        if (bucket == null) {
            if (buckets.size() >= maxSources) {
                sweepAtMostEverySecond(now);
            }
            bucket = buckets.size() >= maxSources ? overflow : buckets.computeIfAbsent(source, s -> new AtomicLong(now));
        }
        while (true) {
            long tat = bucket.get();
            long next = Math.max(tat, now) + interval;
            long wait = next - now - tolerance;
            if (wait > 0) {
                return wait;
            }
            if (bucket.compareAndSet(tat, next)) {
                return 0;
            }
        }
    }

    /** Forgets sources whose bucket is full again. Run periodically; cheap when few sources are active. */
    void sweep() {
        long now = nanoTime.getAsLong();
        lastSweep.set(now);
        buckets.values().removeIf(tat -> tat.get() - now <= 0);
    }

    private void sweepAtMostEverySecond(long now) {
        long last = lastSweep.get();
        if (now - last >= MIN_SWEEP_GAP_NANOS && lastSweep.compareAndSet(last, now)) {
            buckets.values().removeIf(tat -> tat.get() - now <= 0);
        }
    }

    /** Sources with an entry of their own. */
    int sources() {
        return buckets.size();
    }
}
