package io.landline.gateway.provider;

import io.landline.device.Device;
import io.landline.device.DeviceEvents;
import io.landline.device.DeviceRepository;
import io.landline.protocol.token.DeviceToken;
import io.landline.storage.Blocking;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Whether a token names a device that may receive notifications, with a cache in front of the
 * device table so that a busy provider does not cost a query per push.
 * <p>
 * Only a revocation turns an active device's answer, and it reaches the cache three ways: the
 * cluster event ({@link DeviceEvents#REVOKED}) drops the entry at once; every
 * {@link #REVOCATION_POLL} one query asks which devices were revoked in the last
 * {@link #REVOCATION_LOOKBACK} (it catches a revocation whose event this node missed); and an
 * answer older than {@link #REFRESH_AFTER} is read again in the background, the bound for
 * anything else. Before, every cached token was read again every 5 s: one worker hand-off and
 * one query per device every 5 s, the most of this class's cost under load; the poll gives the
 * same 5 s to a missed revocation with one query per node.
 * <p>
 * A stale answer is still used while it is read again (a push never waits for the database
 * behind a busy writer), up to {@link #MAX_AGE}; a token that was unknown is read again after
 * {@link #UNKNOWN_TTL}, so a device activated since is soon known.
 */
public final class DeviceStates {

    private static final Logger LOG = Logger.getLogger("landline.provider");

    /** How often the revocations of the last {@link #REVOCATION_LOOKBACK} are read. */
    public static final Duration REVOCATION_POLL = Duration.ofSeconds(5);
    /** Covers a revocation committed late, or stamped by a node whose clock is behind, within this. */
    public static final Duration REVOCATION_LOOKBACK = Duration.ofMinutes(5);
    /** After this an active or revoked answer is read again in the background. */
    public static final Duration REFRESH_AFTER = Duration.ofMinutes(5);
    /** An unknown token is answered from the cache for this long, then read again. */
    public static final Duration UNKNOWN_TTL = Duration.ofSeconds(5);
    /** Past this an answer is not used any more: the request waits for the database. */
    public static final Duration MAX_AGE = Duration.ofMinutes(15);
    static final int MAX_ENTRIES = 100_000;

    /** What the provider API needs to know of a token. */
    public sealed interface State permits Active, Revoked, Unknown {
    }

    public record Active() implements State {
    }

    /** Answered 410 Unregistered with this time. */
    public record Revoked(Instant at) implements State {
    }

    public record Unknown() implements State {
    }

    private record Entry(State state, long readAt, boolean refreshing) {
    }

    private final Vertx vertx;
    private final DeviceRepository devices;
    private final ConcurrentHashMap<DeviceToken, Entry> cache = new ConcurrentHashMap<>();
    /** Written by the poll timer's context only. */
    private boolean polling;

    public DeviceStates(Vertx vertx, DeviceRepository devices) {
        this.vertx = vertx;
        this.devices = devices;
        vertx.eventBus().<Object>consumer(DeviceEvents.REVOKED, message -> {
            if (message.body() instanceof String hex) {
                DeviceToken.parse(hex).ifPresent(cache::remove);
            }
        });
        vertx.setPeriodic(REVOCATION_POLL.toMillis(), id -> pollRevocations());
    }

    public Future<State> of(DeviceToken token) {
        long now = System.nanoTime();
        Entry entry = cache.get(token);
        if (entry != null) {
            long age = now - entry.readAt();
            boolean unknown = entry.state() instanceof Unknown;
            if (age < (unknown ? UNKNOWN_TTL : REFRESH_AFTER).toNanos()) {
                return Future.succeededFuture(entry.state());
            }
            if (age < MAX_AGE.toNanos() && !unknown) {
                // one refresh at a time per token; the request is answered from what is known
                if (!entry.refreshing() && cache.replace(token, entry, new Entry(entry.state(), entry.readAt(), true))) {
                    read(token);
                }
                return Future.succeededFuture(entry.state());
            }
        }
        return read(token);
    }

    private Future<State> read(DeviceToken token) {
        return Blocking.offload(vertx, () -> devices.find(token)).map(found -> {
            State state = state(found);
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(token, new Entry(state, System.nanoTime(), false));
            return state;
        });
    }

    /** Drops the cached answer of every device revoked lately; its next push reads the revocation. */
    private void pollRevocations() {
        if (polling || cache.isEmpty()) {
            return;
        }
        polling = true;
        Instant since = Instant.now().minus(REVOCATION_LOOKBACK);
        Blocking.offload(vertx, () -> devices.revokedSince(since)).onComplete(read -> {
            polling = false;
            if (read.failed()) {
                LOG.warning(() -> "cannot read recent device revocations: " + read.cause().getMessage());
                return;
            }
            for (Map.Entry<DeviceToken, Instant> revoked : read.result().entrySet()) {
                cache.computeIfPresent(revoked.getKey(),
                        (token, entry) -> entry.state() instanceof Revoked ? entry : null);
            }
        });
    }

    private static State state(Optional<Device> device) {
        if (device.isEmpty()) {
            return new Unknown();
        }
        return device.get().revokedAt().<State>map(Revoked::new).orElseGet(Active::new);
    }
}
