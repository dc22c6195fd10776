package io.landline.gateway.activation;

import java.time.Duration;
import java.util.Objects;

/**
 * A token bucket per client address: {@code permits} activations every {@code per}, refilled
 * evenly, with at most {@code burst} at once.
 */
public record RateLimit(int permits, Duration per, int burst) {

    public RateLimit {
        Objects.requireNonNull(per, "per");
        if (permits < 1 || burst < 1 || per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("a rate needs at least one permit per positive period and a burst of at least one");
        }
    }

    /** Time for one permit to come back. */
    long intervalNanos() {
        return Math.max(1, per.toNanos() / permits);
    }
}
