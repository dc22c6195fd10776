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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a token names a device that may receive notifications, with a cache in front of the
 * device table so that a busy provider does not cost a query per push. An answer older than
 * {@link #TTL} is still used while it is read again in the background (so a push never waits
 * for the database behind a busy writer), up to {@link #MAX_AGE}; a token that was unknown is
 * read again before it is answered. A revocation anywhere in the cluster
 * ({@link DeviceEvents#REVOKED}) drops the token's entry at once, so its next push reads the
 * revocation.
 */
public final class DeviceStates {

    /** After this an answer is refreshed in the background. */
    public static final Duration TTL = Duration.ofSeconds(5);
    /** Past this an answer is not used any more: the request waits for the database. */
    public static final Duration MAX_AGE = Duration.ofMinutes(5);
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

    public DeviceStates(Vertx vertx, DeviceRepository devices) {
        this.vertx = vertx;
        this.devices = devices;
        vertx.eventBus().<Object>consumer(DeviceEvents.REVOKED, message -> {
            if (message.body() instanceof String hex) {
                DeviceToken.parse(hex).ifPresent(cache::remove);
            }
        });
    }

    public Future<State> of(DeviceToken token) {
        long now = System.nanoTime();
        Entry entry = cache.get(token);
        if (entry != null) {
            long age = now - entry.readAt();
            if (age < TTL.toNanos()) {
                return Future.succeededFuture(entry.state());
            }
            if (age < MAX_AGE.toNanos() && !(entry.state() instanceof Unknown)) {
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
    private static State state(Optional<Device> device) {
        if (device.isEmpty()) {
            return new Unknown();
        }
        return device.get().revokedAt().<State>map(Revoked::new).orElseGet(Active::new);
    }
}
