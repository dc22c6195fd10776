package io.landline.gateway.provider;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Notifications per second per team, with a burst of one second's worth, as the generic cell
 * rate algorithm (ITU-T I.371): each team keeps only its theoretical arrival time, moved
 * forward by compare-and-set, so the event loops share it without a lock.
 */
public final class TeamRateLimit {

    private final long intervalNanos;
    private final long burstNanos;
    private final ConcurrentHashMap<String, AtomicLong> arrival = new ConcurrentHashMap<>();

    /** @param perSecond sustained rate per team; 0 turns the limit off */
    public TeamRateLimit(int perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : 1_000_000_000L / perSecond;
        this.burstNanos = 1_000_000_000L;
    }

    /** Whether {@code team} may send one more at {@code nowNanos} (a monotonic clock); counts it if so. */
    public boolean tryAcquire(String team, long nowNanos) {
        if (intervalNanos == 0) {
            return true;
        }
        AtomicLong tat = arrival.computeIfAbsent(team, t -> new AtomicLong(nowNanos));
        while (true) {
            long current = tat.get();
            long base = Math.max(current, nowNanos);
            if (base - nowNanos > burstNanos) {
                return false;
            }
            if (tat.compareAndSet(current, base + intervalNanos)) {
                return true;
            }
        }
    }
}
