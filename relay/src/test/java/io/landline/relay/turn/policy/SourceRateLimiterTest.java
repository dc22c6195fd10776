package io.landline.relay.turn.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class SourceRateLimiterTest {

    private final SourceRateLimiter limiter = new SourceRateLimiter(3);

    @Test
    void sourceOverItsLimitIsRefusedUntilTheNextSecond() throws Exception {
        InetAddress source = InetAddress.getByName("198.51.100.1");
        long t = 5_000;

        assertThat(limiter.allow(source, t)).isTrue();
        assertThat(limiter.allow(source, t + 10)).isTrue();
        assertThat(limiter.allow(source, t + 20)).isTrue();
        assertThat(limiter.allow(source, t + 30)).isFalse();
        assertThat(limiter.allow(InetAddress.getByName("198.51.100.2"), t + 30)).as("another source").isTrue();
        assertThat(limiter.allow(source, t + 1000)).isTrue();
    }

    @Test
    void sweepForgetsSourcesOfPastWindows() throws Exception {
        limiter.allow(InetAddress.getByName("198.51.100.1"), 5_000);

        limiter.sweep(6_000);

        assertThat(limiter.trackedSources()).isZero();
    }

    @Test
    void zeroMeansNoLimit() throws Exception {
        SourceRateLimiter unlimited = new SourceRateLimiter(0);
        for (int i = 0; i < 1000; i++) {
            assertThat(unlimited.allow(InetAddress.getByName("198.51.100.1"), 0)).isTrue();
        }
    }
}
