package io.landline.gateway.push;

import io.landline.notification.Notification;
import io.landline.protocol.token.DeviceToken;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test stand-in for the MQTT endpoint: devices "connect" by being named, and every delivery to
 * a connected device is recorded and acknowledged as a PUBACK would be.
 */
public final class RecordingDelivery implements DeviceDelivery {

    private final Set<DeviceToken> connected = ConcurrentHashMap.newKeySet();
    private final Map<DeviceToken, List<Notification>> received = new ConcurrentHashMap<>();
    /** Devices whose PUBACKs are withheld, with the deliveries waiting for one. */
    private final Map<DeviceToken, List<Promise<Void>>> held = new ConcurrentHashMap<>();

    /** From now on, deliveries to {@code token} are recorded but not acknowledged until {@link #release}. */
    public void hold(DeviceToken token) {
        held.putIfAbsent(token, new CopyOnWriteArrayList<>());
    }

    /** Sends the withheld PUBACKs of {@code token} and acknowledges its deliveries at once again. */
    public void release(DeviceToken token) {
        List<Promise<Void>> waiting = held.remove(token);
        if (waiting != null) {
            waiting.forEach(Promise::tryComplete);
        }
    }

    /** Deliveries still waiting for a withheld PUBACK. */
    public int withheld(DeviceToken token) {
        return held.getOrDefault(token, List.of()).size();
    }

    public void connect(DeviceToken token) {
        connected.add(token);
    }

    /** The connection closes: withheld deliveries fail as they would when the socket goes. */
    public void disconnect(DeviceToken token) {
        connected.remove(token);
        List<Promise<Void>> waiting = held.remove(token);
        if (waiting != null) {
            waiting.forEach(p -> p.tryFail(new DeviceNotConnected("connection closed")));
        }
    }

    @Override
    public Future<Void> deliver(Notification notification) {
        if (!connected.contains(notification.token())) {
            return Future.failedFuture(new DeviceNotConnected("not connected"));
        }
        received.computeIfAbsent(notification.token(), t -> new CopyOnWriteArrayList<>()).add(notification);
        List<Promise<Void>> waiting = held.get(notification.token());
        if (waiting != null) {
            Promise<Void> puback = Promise.promise();
            waiting.add(puback);
            return puback.future();
        }
        return Future.succeededFuture();
    }

    public List<Notification> received(DeviceToken token) {
        return List.copyOf(received.getOrDefault(token, List.of()));
    }

    /** The payloads a device received, in order, as text. */
    public List<String> payloads(DeviceToken token) {
        return received(token).stream().map(n -> new String(n.payload(), StandardCharsets.UTF_8)).toList();
    }
}
