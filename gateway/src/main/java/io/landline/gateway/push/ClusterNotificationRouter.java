package io.landline.gateway.push;

import io.landline.cluster.presence.Presence;
import io.landline.notification.Notification;
import io.vertx.core.Future;

/**
 * Routes a committed notification to the node that holds its device's connection: presence
 * names the node, and {@link PushRouter} hands it over on the event bus, where that node's push
 * pipeline takes it (and marks it delivered on the device's PUBACK). A device held by no node,
 * or by this node but not yet ready, keeps the notification pending in the store.
 */
public final class ClusterNotificationRouter implements NotificationRouter {

    private final Presence presence;
    private final PushRouter router;

    public ClusterNotificationRouter(Presence presence, PushRouter router) {
        this.presence = presence;
        this.router = router;
    }

    @Override
    public Future<Routed> routeElsewhere(Notification notification) {
        return presence.nodeOf(notification.token()).compose(node -> {
            if (node.isEmpty() || node.get().equals(presence.localNodeId())) {
                return Future.succeededFuture(Routed.NOT_CONNECTED);
            }
            return router.deliver(notification).transform(handed -> Future.succeededFuture(handed.succeeded() ? Routed.HANDED_OVER : Routed.NOT_CONNECTED));
        });
    }

    @Override
    public Future<Void> handOverElsewhere(Notification notification) {
        return presence.nodeOf(notification.token()).compose(node -> {
            if (node.isEmpty() || node.get().equals(presence.localNodeId())) {
                return Future.failedFuture(new DeviceDelivery.DeviceNotConnected("device " + notification.token() + " is not connected elsewhere"));
            }
            return router.handOver(notification, node.get());
        });
    }
}
