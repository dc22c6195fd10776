package io.landline.bench.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesAreTheUpperBoundOfTheBucketHoldingTheRank() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 1000; i++) {
            h.record(i * 1000L); // 1 µs .. 1000 µs
        }
        assertThat(h.percentileMicros(50)).isCloseTo(500.0, within(0.1));
        assertThat(h.percentileMicros(99)).isCloseTo(990.0, within(0.1));
        assertThat(h.percentileMicros(100)).isCloseTo(1000.0, within(0.1));
    }

    @Test
    void samplesAboveTenMillisecondsReportTheLargestSample() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(5_000);
        h.record(250_000_000);
        assertThat(h.percentileMicros(100)).isEqualTo(250_000.0);
        assertThat(h.maxNanos()).isEqualTo(250_000_000);
    }

    @Test
    void negativeLatencyCountsAsZeroAndAnEmptyHistogramHasNoPercentile() {
        LatencyHistogram h = new LatencyHistogram();
        assertThat(h.percentileMicros(50)).isNaN();
        h.record(-42);
        assertThat(h.count()).isEqualTo(1);
        assertThat(h.percentileMicros(50)).isEqualTo(0.0);
    }

    @Test
    void mergingAddsCountsAndKeepsTheLargerMaximum() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        a.record(1_000);
        b.record(3_000);
        b.record(3_000);
        a.mergeFrom(b);
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.percentileMicros(50)).isCloseTo(3.0, within(0.1));
        assertThat(a.maxNanos()).isEqualTo(3_000);
    }

    @Test
    void emptyHistogramsMergeAndResetInEitherDirection() {
        LatencyHistogram empty = new LatencyHistogram();
        LatencyHistogram full = new LatencyHistogram();
        full.record(2_000);
        full.mergeFrom(new LatencyHistogram());
        assertThat(full.count()).isEqualTo(1);
        assertThat(full.percentileMicros(50)).isCloseTo(2.0, within(0.1));
        empty.reset();
        empty.mergeFrom(new LatencyHistogram());
        assertThat(empty.percentileMicros(50)).isNaN();
        empty.mergeFrom(full);
        assertThat(empty.percentileMicros(50)).isCloseTo(2.0, within(0.1));
        full.reset();
        assertThat(full.count()).isZero();
        assertThat(full.percentileMicros(50)).isNaN();
    }
}
