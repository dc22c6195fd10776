package io.landline.gateway.provider;

import io.landline.device.Device;
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
 * Whether a token names a device that may receive notifications, with a short-lived cache in
 * front of the device table so that a busy provider does not cost a query per push. A device
 * revoked on any node is refused everywhere within {@link #TTL}.
 */
public final class DeviceStates {

    /** How long an answer is reused. */
    public static final Duration TTL = Duration.ofSeconds(5);
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

    private record Entry(State state, long until) {
    }

    private final Vertx vertx;
    private final DeviceRepository devices;
    private final ConcurrentHashMap<DeviceToken, Entry> cache = new ConcurrentHashMap<>();

    public DeviceStates(Vertx vertx, DeviceRepository devices) {
        this.vertx = vertx;
        this.devices = devices;
    }

    public Future<State> of(DeviceToken token) {
        long now = System.nanoTime();
        Entry entry = cache.get(token);
        if (entry != null && entry.until() - now > 0) {
            return Future.succeededFuture(entry.state());
        }
        return Blocking.offload(vertx, () -> devices.find(token)).map(found -> {
            State state = state(found);
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(token, new Entry(state, System.nanoTime() + TTL.toNanos()));
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
