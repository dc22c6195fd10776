package io.landline.gateway.push;

import io.landline.notification.Notification;
import io.landline.protocol.token.DeviceToken;
import io.vertx.core.Future;
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

    public void connect(DeviceToken token) {
        connected.add(token);
    }

    public void disconnect(DeviceToken token) {
        connected.remove(token);
    }

    @Override
    public Future<Void> deliver(Notification notification) {
        if (!connected.contains(notification.token())) {
            return Future.failedFuture(new DeviceNotConnected("not connected"));
        }
        received.computeIfAbsent(notification.token(), t -> new CopyOnWriteArrayList<>()).add(notification);
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
