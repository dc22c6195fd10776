package io.landline.bench.turn;

/**
 * Latencies in fixed buckets of 100 ns up to 10 ms, and one bucket above: enough resolution
 * for sub-millisecond relay latency, no allocation per sample. Written by one thread;
 * read after that thread has stopped writing (see {@link #mergeFrom}). The 800 KB of buckets
 * are made at the first sample: a run opens a thousand sockets or more that never record one
 * (the senders of the direct baseline), and with a histogram each they kept the generator's
 * live heap near 800 MB, whose young pauses of 45-600 ms stalled the receivers mid-run.
 */
final class LatencyHistogram {

    static final long BUCKET_NANOS = 100;
    static final int BUCKETS = 100_000;

    private long[] counts;
    private long total;
    private long max;

    void record(long nanos) {
        long n = Math.max(0, nanos);
        if (counts == null) {
            counts = new long[BUCKETS + 1];
        }
        counts[(int) Math.min(BUCKETS, n / BUCKET_NANOS)]++;
        total++;
        max = Math.max(max, n);
    }

    long count() {
        return total;
    }

    long maxNanos() {
        return max;
    }

    void mergeFrom(LatencyHistogram other) {
        if (other.counts == null) {
            return;
        }
        if (counts == null) {
            counts = new long[BUCKETS + 1];
        }
        for (int i = 0; i <= BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        max = Math.max(max, other.max);
    }

    void reset() {
        if (counts != null) {
            java.util.Arrays.fill(counts, 0);
        }
        total = 0;
        max = 0;
    }

    /**
     * The upper bound of the bucket that holds the {@code p}-th percentile (0 &lt; p &le; 100),
     * in microseconds; the largest sample when it falls above 10 ms; NaN without samples.
     */
    double percentileMicros(double p) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min((i + 1) * BUCKET_NANOS, max) / 1000.0;
            }
        }
        return max / 1000.0;
    }
}
