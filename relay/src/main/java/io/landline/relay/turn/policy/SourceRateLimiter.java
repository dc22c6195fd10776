package io.landline.relay.turn.policy;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests per second from one source IP address, counted in one-second windows: a source
 * over the limit has its requests dropped (not answered, so a spoofed flood gets nothing to
 * reflect) until the next window. Only STUN requests are counted, never relayed data.
 * Shared by every event loop; the count of a window is one atomic long.
 */
public final class SourceRateLimiter {

    /** Sources tracked at most; past it, new sources are not limited until the next sweep. */
    static final int MAX_SOURCES = 100_000;

    private final int perSecond;
    private final ConcurrentHashMap<InetAddress, AtomicLong> windows = new ConcurrentHashMap<>();

    /** @param perSecond requests allowed per source and second; 0 for no limit */
    public SourceRateLimiter(int perSecond) {
        this.perSecond = perSecond;
    }

    /** Counts one request from {@code source}; false when the source is over its limit. */
    public boolean allow(InetAddress source, long nowMs) {
        if (perSecond == 0) {
            return true;
        }
        long second = nowMs / 1000;
        AtomicLong window = windows.get(source);
        if (window == null) {
            if (windows.size() >= MAX_SOURCES) {
                return true;
            }
            window = windows.computeIfAbsent(source, s -> new AtomicLong());
        }
        // High 32 bits: the window's second; low 32 bits: requests counted in it.
        long packed = window.updateAndGet(v -> (v >>> 32) == (second & 0xffffffffL)
                ? v + 1 : ((second & 0xffffffffL) << 32) | 1);
        return (packed & 0xffffffffL) <= perSecond;
    }

    /** Forgets sources whose window is over, so the map holds only the recently active. */
    public void sweep(long nowMs) {
        long second = (nowMs / 1000) & 0xffffffffL;
        windows.values().removeIf(w -> (w.get() >>> 32) != second);
    }

    public int trackedSources() {
        return windows.size();
    }
}
