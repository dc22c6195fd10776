package io.landline.relay.turn.allocation;

/**
 * A byte budget refilled at a constant rate, holding at most one second of it: the bandwidth
 * cap of one allocation. Used from the allocation's own event loop only.
 */
final class TokenBucket {

    private final long bytesPerSecond;
    private long tokens;
    private long lastMs;

    /** @param bytesPerSecond 0 for no cap */
    TokenBucket(long bytesPerSecond, long nowMs) {
        this.bytesPerSecond = bytesPerSecond;
        this.tokens = bytesPerSecond;
        this.lastMs = nowMs;
    }

    boolean take(int bytes, long nowMs) {
        if (bytesPerSecond == 0) {
            return true;
        }
        long elapsed = nowMs - lastMs;
        if (elapsed > 0) {
            tokens = Math.min(bytesPerSecond, tokens + elapsed * bytesPerSecond / 1000);
            lastMs = nowMs;
        }
        if (tokens < bytes) {
            return false;
        }
        tokens -= bytes;
        return true;
    }
}
