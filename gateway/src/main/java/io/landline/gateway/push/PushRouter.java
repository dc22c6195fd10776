package io.landline.gateway.push;

import io.landline.cluster.presence.HazelcastPresence;
import io.landline.cluster.presence.Presence;
import io.landline.notification.Notification;
import io.landline.notification.NotificationCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.time.Duration;

/**
 * Delivers a notification to its device wherever in the cluster the device is connected: looks
 * the token up in {@link Presence}, then delivers locally or sends the notification to
 * {@code landline.node.<id>} of the node that holds the connection (see {@link NodeInbox}) and
 * waits for the PUBACK there. This is the {@link DeviceDelivery} the push pipeline calls.
 *
 * <p>Outcomes, as for a local delivery: success once the device's PUBACK arrived;
 * {@link DeviceDelivery.DeviceNotConnected} when no node holds the device, the holder's
 * connection closed first, or no answer came within the timeout (keep the notification
 * pending; {@code deviceReady} announces the next chance); {@link DeviceDelivery.DeviceRejected}
 * when the device refused it (drop it).
 */
public final class PushRouter implements DeviceDelivery {

    /** How long a remote delivery may wait for its PUBACK. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final Presence presence;
    private final DeviceDelivery local;
    private final DeliveryOptions options;
    private final DeliveryOptions handOverOptions;

    public PushRouter(Vertx vertx, Presence presence, DeviceDelivery local) {
        this(vertx, presence, local, DEFAULT_TIMEOUT, PushSettings.DEFAULT_DELIVERY_WAIT);
    }

    /**
     * @param timeout      how long a routed delivery waits for its PUBACK
     * @param handOverWait how long a hand-over waits ({@code gateway.push.delivery-wait})
     */
    public PushRouter(Vertx vertx, Presence presence, DeviceDelivery local, Duration timeout, Duration handOverWait) {
        this.vertx = vertx;
        this.presence = presence;
        this.local = local;
        this.options = new DeliveryOptions().addHeader(NodeInbox.ACTION, NodeInbox.DELIVER)
                .setCodecName(NotificationCodec.NAME).setSendTimeout(timeout.toMillis());
        this.handOverOptions = new DeliveryOptions().addHeader(NodeInbox.ACTION, NodeInbox.HAND_OVER)
                .setCodecName(NotificationCodec.NAME).setSendTimeout(Math.max(1, handOverWait.toMillis()));
        NotificationCodec.register(vertx);
    }

    /** {@link NotificationRouter#handOverElsewhere} to node {@code nodeId}, which holds the device. */
    Future<Void> handOver(Notification notification, String nodeId) {
        return vertx.eventBus().request(HazelcastPresence.nodeAddress(nodeId), notification, handOverOptions).transform(reply -> {
            if (reply.succeeded()) {
                return Future.succeededFuture();
            }
            if (reply.cause() instanceof ReplyException e && e.failureType() == ReplyFailure.TIMEOUT) {
                return Future.failedFuture(new NotificationRouter.HandOverTimedOut("no PUBACK from node " + nodeId + " in time"));
            }
            return Future.failedFuture(translate(reply.cause()));
        });
    }

    @Override
    public Future<Void> deliver(Notification notification) {
        return presence.nodeOf(notification.token()).compose(node -> {
            if (node.isEmpty()) {
                return Future.failedFuture(new DeviceNotConnected("device " + notification.token() + " is not connected"));
            }
            if (node.get().equals(presence.localNodeId())) {
                return local.deliver(notification);
            }
            return vertx.eventBus().request(HazelcastPresence.nodeAddress(node.get()), notification, options)
                    .transform(reply -> reply.succeeded() ? Future.succeededFuture() : Future.failedFuture(translate(reply.cause())));
        });
    }

    private static RuntimeException translate(Throwable failure) {
        if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE
                && reply.failureCode() == NodeInbox.REJECTED) {
            String message = String.valueOf(reply.getMessage());
            int colon = message.indexOf(':');
            int code = 0;
            try {
                code = Integer.parseInt(message.substring(0, Math.max(colon, 0)));
            } catch (NumberFormatException e) {
                // keep 0
            }
            return new DeviceRejected(colon >= 0 ? message.substring(colon + 1) : message, code);
        }
        return new DeviceNotConnected("remote delivery failed: " + failure.getMessage());
    }
}
