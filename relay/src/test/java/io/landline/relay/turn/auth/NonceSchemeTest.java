package io.landline.relay.turn.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.relay.turn.auth.NonceScheme.Verdict;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NonceSchemeTest {

    private static final byte[] CLIENT = {(byte) 198, 51, 100, 7};
    private static final byte[] OTHER_CLIENT = {(byte) 198, 51, 100, 8};

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };
    private final NonceScheme nonces = new NonceScheme(clock, Duration.ofMinutes(10), new SecureRandom());

    @Test
    void nonceStartsWithTheCookieAnnouncingPasswordAlgorithms() {
        String nonce = nonces.issue(CLIENT);

        assertThat(nonce).startsWith("obMatJos2gAAA").hasSize(NonceScheme.LENGTH).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void nonceIsValidForItsClientUntilTheLifetimeEnds() {
        String nonce = nonces.issue(CLIENT);

        now.addAndGet(Duration.ofMinutes(10).toMillis() - 1);
        assertThat(nonces.check(nonce, CLIENT)).isEqualTo(Verdict.VALID);
        now.incrementAndGet();
        assertThat(nonces.check(nonce, CLIENT)).isEqualTo(Verdict.STALE);
    }

    @Test
    void nonceOfAnotherAddressIsStale() {
        assertThat(nonces.check(nonces.issue(CLIENT), OTHER_CLIENT)).isEqualTo(Verdict.STALE);
    }

    @Test
    void nonceOfAnotherProcessIsStale() {
        NonceScheme restarted = new NonceScheme(clock, Duration.ofMinutes(10), new SecureRandom());

        assertThat(restarted.check(nonces.issue(CLIENT), CLIENT)).isEqualTo(Verdict.STALE);
    }

    @Test
    void tamperedOrMalformedNoncesAreStaleNotErrors() {
        String nonce = nonces.issue(CLIENT);
        char last = nonce.charAt(nonce.length() - 1);
        String tampered = nonce.substring(0, nonce.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(nonces.check(tampered, CLIENT)).isEqualTo(Verdict.STALE);
        assertThat(nonces.check("", CLIENT)).isEqualTo(Verdict.STALE);
        assertThat(nonces.check(null, CLIENT)).isEqualTo(Verdict.STALE);
        assertThat(nonces.check("obMatJos2gAAA" + "!".repeat(24), CLIENT)).isEqualTo(Verdict.STALE);
        assertThat(nonces.check(nonce + "x", CLIENT)).isEqualTo(Verdict.STALE);
    }

    @Test
    void nonceFromTheFutureIsStale() {
        String nonce = nonces.issue(CLIENT);
        now.addAndGet(-1);

        assertThat(nonces.check(nonce, CLIENT)).isEqualTo(Verdict.STALE);
    }
}
