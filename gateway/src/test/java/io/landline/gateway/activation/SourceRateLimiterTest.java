package io.landline.gateway.activation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourceRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;
    /** 10 per minute: one permit every 6 s; a burst of 3. */
    private static final RateLimit LIMIT = new RateLimit(10, Duration.ofMinutes(1), 3);

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
    private final SourceRateLimiter limiter = new SourceRateLimiter(LIMIT, 4, clock::get);

    private static SourceAddress ip(String literal) {
        return SourceAddress.of(literal).orElseThrow();
    }

    @Test
    void burstIsAdmittedAtOnceThenTheNextWaitsOneInterval() {
        SourceAddress a = ip("192.0.2.1");
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire(a)).as("request %d", i).isZero();
        }
        assertThat(limiter.acquire(a)).isEqualTo(6 * SECOND);

        clock.addAndGet(6 * SECOND);
        assertThat(limiter.acquire(a)).isZero();
        assertThat(limiter.acquire(a)).isEqualTo(6 * SECOND);
    }

    @Test
    void refusedRequestsDoNotPushTheWaitFurther() {
        SourceAddress a = ip("192.0.2.1");
        for (int i = 0; i < 3; i++) {
            limiter.acquire(a);
        }
        for (int i = 0; i < 100; i++) {
            limiter.acquire(a);
        }
        clock.addAndGet(6 * SECOND);
        assertThat(limiter.acquire(a)).isZero();
    }

    @Test
    void sourcesHaveTheirOwnBuckets() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire(ip("192.0.2.1"));
        }
        assertThat(limiter.acquire(ip("192.0.2.1"))).isPositive();
        assertThat(limiter.acquire(ip("192.0.2.2"))).isZero();
    }

    @Test
    void ipv6AddressesOfOneSlash64ShareABucket() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire(ip("2001:db8:1:2::" + (i + 1)))).isZero();
        }
        assertThat(limiter.acquire(ip("2001:db8:1:2:ffff:ffff:ffff:ffff"))).isPositive();
        assertThat(limiter.acquire(ip("2001:db8:1:3::1"))).isZero();
    }

    @Test
    void ipv4MappedIpv6CountsAsTheIpv4Address() {
        assertThat(SourceAddress.of("::ffff:192.0.2.1")).isEqualTo(SourceAddress.of("192.0.2.1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "example.com", "1.2.3.4.example.com", "::g", "12345678901234567890123456789012345678901234567890"})
    void namesAndNonsenseAreNoSourceAndAreNeverLookedUp(String text) {
        assertThat(SourceAddress.of(text)).isEmpty();
    }

    @Test
    void sweepForgetsSourcesWhoseBucketIsFullAgain() {
        limiter.acquire(ip("192.0.2.1"));
        for (int i = 0; i < 3; i++) {
            limiter.acquire(ip("192.0.2.2"));
        }
        clock.addAndGet(6 * SECOND);
        limiter.sweep();
        assertThat(limiter.sources()).isEqualTo(1);

        clock.addAndGet(12 * SECOND);
        limiter.sweep();
        assertThat(limiter.sources()).isZero();
    }

    @Test
    void beyondMaxSourcesNewSourcesShareOneBucket() {
        for (int i = 1; i <= 4; i++) {
            limiter.acquire(ip("192.0.2." + i));
        }
        assertThat(limiter.sources()).isEqualTo(4);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire(ip("198.51.100." + (i + 1)))).isZero();
        }
        assertThat(limiter.acquire(ip("198.51.100.200"))).isPositive();
        assertThat(limiter.sources()).isEqualTo(4);
    }
}
