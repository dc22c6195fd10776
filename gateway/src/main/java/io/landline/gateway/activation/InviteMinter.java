package io.landline.gateway.activation;

import io.landline.invite.Invite;
import io.landline.invite.InviteCode;
import io.landline.invite.InviteRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Mints batches of invite codes for {@code landline invite create}. The codes are returned
 * once, to the operator, and stored only as hashes; the log names the batch, never a code.
 */
public final class InviteMinter {

    public static final int MAX_BATCH = 1000;
    public static final Duration MIN_VALIDITY = Duration.ofMinutes(1);
    public static final Duration MAX_VALIDITY = Duration.ofDays(365);

    private static final Logger LOG = Logger.getLogger("landline.activation");

    /** A code to hand to one device's user, and when it stops working. */
    public record Minted(String code, Instant expiresAt) {
        @Override
        public String toString() {
            return "Minted[****, " + expiresAt + "]";
        }
    }

    private final Vertx vertx;
    private final InviteRepository invites;
    private final ActivationMetrics metrics;
    private final Clock clock;
    private final SecureRandom random;

    public InviteMinter(Vertx vertx, InviteRepository invites, ActivationMetrics metrics, Clock clock, SecureRandom random) {
        this.vertx = vertx;
        this.invites = invites;
        this.metrics = metrics;
        this.clock = clock;
        this.random = random;
    }

    /**
     * @throws IllegalArgumentException when {@code count} is outside 1-{@value #MAX_BATCH} or
     *         {@code validFor} outside {@link #MIN_VALIDITY}-{@link #MAX_VALIDITY}
     */
    public Future<List<Minted>> mint(int count, Duration validFor) {
        if (count < 1 || count > MAX_BATCH) {
            throw new IllegalArgumentException("count must be 1-" + MAX_BATCH + ", not " + count);
        }
        if (validFor.compareTo(MIN_VALIDITY) < 0 || validFor.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("validity must be 1m-365d, not " + validFor);
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plus(validFor);
        List<Minted> minted = new ArrayList<>(count);
        List<Invite> stored = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            InviteCode code = InviteCode.random(random);
            minted.add(new Minted(code.text(), expiresAt));
            stored.add(Invite.minted(code, now, expiresAt));
        }
        return vertx.executeBlocking(() -> {
            invites.insertAll(stored);
            return minted;
        }, false).onSuccess(done -> {
            metrics.invitesMinted(count);
            LOG.info(() -> "minted " + count + " invite(s), valid until " + expiresAt);
        });
    }
}
