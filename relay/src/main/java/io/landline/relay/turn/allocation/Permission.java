package io.landline.relay.turn.allocation;

/**
 * Permission for one peer IP address, any port (RFC 8656 §9): lasts 300 s from its last
 * CreatePermission or ChannelBind, and is not refreshed by data.
 */
final class Permission {

    /** RFC 8656 §9: "the Permission Lifetime MUST be 300 seconds". */
    static final long LIFETIME_MS = 300_000;

    private long expiresAtMs;

    Permission(long nowMs) {
        refresh(nowMs);
    }

    void refresh(long nowMs) {
        expiresAtMs = nowMs + LIFETIME_MS;
    }

    boolean isExpired(long nowMs) {
        return nowMs >= expiresAtMs;
    }
}
