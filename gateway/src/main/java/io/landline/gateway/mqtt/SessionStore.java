package io.landline.gateway.mqtt;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.landline.cluster.HazelcastFutures;
import io.landline.protocol.token.DeviceToken;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Sessions kept across connections (MQTT 5 §4.1): a device that connects with Clean Start 0
 * and a Session Expiry Interval finds its subscriptions again, on any node, until the interval
 * runs out. Only the subscriptions are kept: pending notifications live in the notification
 * store and flow again through {@code deviceReady}. A Hazelcast map whose entries carry the
 * expiry as their time to live.
 */
final class SessionStore {

    static final String MAP = "landline.mqtt.sessions";

    private final Vertx vertx;
    private final IMap<String, String> map;

    SessionStore(Vertx vertx, HazelcastInstance hazelcast) {
        this.vertx = vertx;
        this.map = hazelcast.getMap(MAP);
    }

    /** The kept subscriptions of {@code token}, if its session has not expired. */
    Future<Optional<Subscriptions>> load(DeviceToken token) {
        return HazelcastFutures.onContext(map.getAsync(token.hex()), vertx.getOrCreateContext())
                .map(text -> Optional.ofNullable(text).map(Subscriptions::decode));
    }

    /** Keeps {@code subscriptions} for {@code ttl}. */
    void save(DeviceToken token, Subscriptions subscriptions, Duration ttl) {
        map.setAsync(token.hex(), subscriptions.encode(), ttl.toSeconds(), TimeUnit.SECONDS);
    }

    /** Ends the session of {@code token}: Clean Start, or an expiry of 0 at disconnect. */
    void delete(DeviceToken token) {
        map.removeAsync(token.hex());
    }
}
