package io.landline.gateway.push;

import io.landline.notification.Notification;
import io.vertx.core.Future;

/**
 * "Deliver to wherever the device is", for a device not connected to this node: finds the
 * node that holds its connection (presence) and hands the committed notification to it over
 * the event bus ({@code landline.node.<id>}), where {@link PushPipeline#offerHere} takes it.
 */
public interface NotificationRouter {

    /** Where a routed notification went. */
    enum Routed {
        /** Another node holds the device's connection and took the notification. */
        HANDED_OVER,
        /** No node holds it: the notification waits in the store for the device's return. */
        NOT_CONNECTED
    }

    Future<Routed> routeElsewhere(Notification notification);

    /**
     * For a notification not yet stored: publishes it to its device on the node that holds the
     * connection, if that node has nothing of the device's pending, and completes on the
     * device's PUBACK. Fails with {@link HandOverTimedOut} when no answer came within the wait
     * (the PUBLISH may still be in flight), otherwise with {@link DeviceDelivery.DeviceNotConnected}
     * or {@link DeviceDelivery.DeviceRejected}: then the caller stores it.
     */
    default Future<Void> handOverElsewhere(Notification notification) {
        return Future.failedFuture(new DeviceDelivery.DeviceNotConnected("no other node"));
    }

    /** Failure of {@link #handOverElsewhere}: the other node did not answer within the wait. */
    final class HandOverTimedOut extends RuntimeException {
        public HandOverTimedOut(String message) {
            super(message, null, false, false);
        }
    }

    /** A single node, or a cluster before remote routing is wired: every device is here or away. */
    NotificationRouter LOCAL_ONLY = notification -> Future.succeededFuture(Routed.NOT_CONNECTED);
}
