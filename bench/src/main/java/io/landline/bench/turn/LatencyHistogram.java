package io.landline.bench.turn;

/**
 * Latencies in fixed buckets of 100 ns up to 10 ms, and one bucket above: enough resolution
 * for sub-millisecond relay latency, no allocation per sample. Written by one thread;
 * read after that thread has stopped writing (see {@link #mergeFrom}).
 */
final class LatencyHistogram {

    static final long BUCKET_NANOS = 100;
    static final int BUCKETS = 100_000;

    private final long[] counts = new long[BUCKETS + 1];
    private long total;
    private long max;

    void record(long nanos) {
        long n = Math.max(0, nanos);
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
        for (int i = 0; i <= BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        max = Math.max(max, other.max);
    }

    void reset() {
        java.util.Arrays.fill(counts, 0);
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
