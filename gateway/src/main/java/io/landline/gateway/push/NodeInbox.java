package io.landline.gateway.push;

import io.landline.cluster.presence.HazelcastPresence;
import io.landline.notification.Notification;
import io.landline.notification.NotificationCodec;
import io.landline.protocol.token.DeviceToken;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.function.Consumer;

/**
 * This node's event-bus address {@code landline.node.<id>}: the one consumer through which other
 * nodes reach the devices connected here. Two kinds of message, told apart by the header
 * {@value #ACTION}:
 * <ul>
 *   <li>{@value #DELIVER}: the body is a {@link Notification} (codec {@link NotificationCodec});
 *       the reply is empty once the device's PUBACK arrived, or a failure with code
 *       {@link #NOT_CONNECTED} or {@link #REJECTED} (see {@link PushRouter});</li>
 *   <li>{@value #HAND_OVER}: as {@value #DELIVER}, for a notification not yet stored: delivered
 *       only if nothing of the device's is pending here ({@link PushPipeline#handOverHere}),
 *       else refused with {@link #NOT_CONNECTED} so that the sender stores it;</li>
 *   <li>{@value #TAKEOVER}: the body is a token's hex; its connection here, if any, is closed
 *       with DISCONNECT 0x8E because the device connected to another node. No reply.</li>
 * </ul>
 */
public final class NodeInbox {

    public static final String ACTION = "action";
    public static final String DELIVER = "deliver";
    public static final String HAND_OVER = "hand-over";
    public static final String TAKEOVER = "takeover";
    /** Failure code of a delivery reply: the device is not connected here. */
    public static final int NOT_CONNECTED = 1;
    /** Failure code of a delivery reply: the device refused it; the message is {@code <reason code>:<text>}. */
    public static final int REJECTED = 2;

    private NodeInbox() {
    }

    /**
     * Consumes {@code landline.node.<localNodeId>} on {@code vertx}: deliveries to {@code local},
     * hand-overs to {@code handOver}, takeovers to {@code takeover}.
     */
    public static Future<MessageConsumer<Object>> register(Vertx vertx, String localNodeId, DeviceDelivery local,
                                                           DeviceDelivery handOver, Consumer<DeviceToken> takeover) {
        NotificationCodec.register(vertx);
        MessageConsumer<Object> consumer = vertx.eventBus().consumer(HazelcastPresence.nodeAddress(localNodeId), message -> {
            String action = message.headers().get(ACTION);
            if (DELIVER.equals(action) && message.body() instanceof Notification n) {
                local.deliver(n).onComplete(done -> reply(message, done.succeeded() ? null : done.cause()));
            } else if (HAND_OVER.equals(action) && message.body() instanceof Notification n) {
                handOver.deliver(n).onComplete(done -> reply(message, done.succeeded() ? null : done.cause()));
            } else if (TAKEOVER.equals(action) && message.body() instanceof String hex) {
                DeviceToken.parse(hex).ifPresent(takeover);
            } else if (message.replyAddress() != null) {
                message.fail(0, "unknown action " + action);
            }
        });
        return consumer.completion().map(consumer);
    }

    /** Tells node {@code nodeId} that the device with {@code token} now connects elsewhere. */
    public static void sendTakeover(Vertx vertx, String nodeId, DeviceToken token) {
        vertx.eventBus().send(HazelcastPresence.nodeAddress(nodeId), token.hex(), new DeliveryOptions().addHeader(ACTION, TAKEOVER));
    }

    private static void reply(Message<Object> message, Throwable failure) {
        if (failure == null) {
            message.reply(null);
        } else if (failure instanceof DeviceDelivery.DeviceRejected rejected) {
            message.fail(REJECTED, rejected.reasonCode() + ":" + rejected.getMessage());
        } else {
            message.fail(NOT_CONNECTED, failure.getMessage());
        }
    }
}
