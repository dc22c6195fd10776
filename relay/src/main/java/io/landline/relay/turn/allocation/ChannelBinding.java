package io.landline.relay.turn.allocation;

import java.net.InetSocketAddress;

/**
 * A channel number bound to one peer transport address (RFC 8656 §12): 10 minutes from its
 * last ChannelBind. After expiry neither the number nor the peer may be rebound to another
 * for 5 more minutes (§12, "the channel number ... MUST NOT be reused ... within 5 minutes"),
 * so a binding is kept until then as a tombstone.
 */
final class ChannelBinding {

    /** RFC 8656 §12: a channel binding lasts 10 minutes unless refreshed. */
    static final long LIFETIME_MS = 600_000;
    /** RFC 8656 §12: the quarantine after expiry before number or peer can be bound anew. */
    static final long QUARANTINE_MS = 300_000;

    final int number;
    final InetSocketAddress peer;
    private long expiresAtMs;

    ChannelBinding(int number, InetSocketAddress peer, long nowMs) {
        this.number = number;
        this.peer = peer;
        refresh(nowMs);
    }

    void refresh(long nowMs) {
        expiresAtMs = nowMs + LIFETIME_MS;
    }

    boolean isActive(long nowMs) {
        return nowMs < expiresAtMs;
    }

    boolean isGone(long nowMs) {
        return nowMs >= expiresAtMs + QUARANTINE_MS;
    }
}
