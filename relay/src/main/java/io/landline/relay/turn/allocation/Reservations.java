package io.landline.relay.turn.allocation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Relayed ports held for a later Allocate by RESERVATION-TOKEN (RFC 8656 §7.2, EVEN-PORT with
 * the R bit): the port above an even relayed port, bound and kept for 30 s.
 *
 * @param <S> the server's handle on the reserved socket
 */
public final class Reservations<S> {

    /** RFC 8656 §7.2: the reservation is kept "for approximately 30 seconds". */
    public static final long LIFETIME_MS = 30_000;

    /** One held port. */
    public record Reserved<S>(int port, S socket, long expiresAtMs) {
    }

    private final ConcurrentHashMap<Long, Reserved<S>> byToken = new ConcurrentHashMap<>();

    public void hold(long token, int port, S socket, long nowMs) {
        byToken.put(token, new Reserved<>(port, socket, nowMs + LIFETIME_MS));
    }

    /** The reservation of {@code token}, removed; null when unknown or expired (then it is left to {@link #expired}). */
    public Reserved<S> claim(long token, long nowMs) {
        Reserved<S> reserved = byToken.get(token);
        if (reserved == null || nowMs >= reserved.expiresAtMs() || !byToken.remove(token, reserved)) {
            return null;
        }
        return reserved;
    }

    /** Removes and returns reservations whose time ran out, for their sockets to be closed. */
    public List<Reserved<S>> expired(long nowMs) {
        List<Reserved<S>> gone = new ArrayList<>();
        byToken.forEach((token, reserved) -> {
            if (nowMs >= reserved.expiresAtMs() && byToken.remove(token, reserved)) {
                gone.add(reserved);
            }
        });
        return gone;
    }

    public int size() {
        return byToken.size();
    }
}
