package io.landline.gateway.mqtt;

import io.landline.gateway.push.DeviceDelivery;
import io.landline.notification.Notification;
import io.landline.protocol.token.DeviceToken;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The device connections admitted on this node, by token: at most one per token (a new one
 * takes over), and the local {@link DeviceDelivery}. Safe from any thread; work on a session
 * runs on that session's event loop.
 */
final class LocalSessions implements DeviceDelivery {

    private final ConcurrentHashMap<DeviceToken, MqttSession> byToken = new ConcurrentHashMap<>();

    /** Makes {@code session} the one of {@code token}; returns the one it replaces, if any. */
    MqttSession register(DeviceToken token, MqttSession session) {
        MqttSession previous = byToken.put(token, session);
        return previous == session ? null : previous;
    }

    /** Forgets {@code session} if it is still the one of {@code token}. */
    boolean unregister(DeviceToken token, MqttSession session) {
        return byToken.remove(token, session);
    }

    /** Runs {@code action} on the session of {@code token}, on its event loop, if there is one. */
    boolean onSessionOf(DeviceToken token, Consumer<MqttSession> action) {
        MqttSession session = byToken.get(token);
        if (session == null) {
            return false;
        }
        session.context().runOnContext(v -> action.accept(session));
        return true;
    }

    int size() {
        return byToken.size();
    }

    @Override
    public Future<Void> deliver(Notification notification) {
        MqttSession session = byToken.get(notification.token());
        if (session == null) {
            return Future.failedFuture(new DeviceNotConnected("device " + notification.token() + " is not connected here"));
        }
        Promise<Void> promise = Promise.promise();
        Context context = session.context();
        if (Vertx.currentContext() == context) {
            session.deliver(notification, promise);
        } else {
            context.runOnContext(v -> session.deliver(notification, promise));
        }
        return promise.future();
    }
}
