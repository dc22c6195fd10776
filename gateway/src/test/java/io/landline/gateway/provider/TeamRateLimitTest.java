package io.landline.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TeamRateLimitTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void teamGetsABurstOfOneSecondThenItsRate() {
        TeamRateLimit limit = new TeamRateLimit(10);
        long t = 5 * SECOND;
        int allowed = 0;
        for (int i = 0; i < 100; i++) {
            if (limit.tryAcquire("T", t)) {
                allowed++;
            }
        }
        assertThat(allowed).isBetween(10, 12);
        assertThat(limit.tryAcquire("T", t)).isFalse();
        assertThat(limit.tryAcquire("T", t + SECOND / 5)).isTrue();
    }

    @Test
    void teamsDoNotShareTheirBudget() {
        TeamRateLimit limit = new TeamRateLimit(1);
        assertThat(limit.tryAcquire("A", 0)).isTrue();
        assertThat(limit.tryAcquire("A", 0)).isTrue();
        assertThat(limit.tryAcquire("A", 0)).isFalse();
        assertThat(limit.tryAcquire("B", 0)).isTrue();
    }

    @Test
    void zeroTurnsTheLimitOff() {
        TeamRateLimit limit = new TeamRateLimit(0);
        for (int i = 0; i < 10_000; i++) {
            assertThat(limit.tryAcquire("T", 0)).isTrue();
        }
    }
}
