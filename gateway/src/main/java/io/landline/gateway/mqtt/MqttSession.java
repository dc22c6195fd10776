package io.landline.gateway.mqtt;

import io.landline.gateway.push.DeviceDelivery;
import io.landline.notification.Notification;
import io.landline.protocol.token.DeviceToken;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One device connection in Landline's MQTT 5 profile, whichever transport carries it: CONNECT
 * checked and authenticated, then SUBSCRIBE inside {@code push/#} and {@code call/#}, our QoS 1
 * notifications and their PUBACKs, PINGREQ, and one {@link #end} for every way it closes.
 * Everything runs on the connection's event loop; an idle session is a few fields, its
 * subscriptions and two links in the event loop's {@link SessionSweep}.
 */
final class MqttSession {

    private static final Logger LOG = Logger.getLogger("landline.mqtt");

    /** Our Receive Maximum (MQTT 5 §3.2.2.3.3): each device PUBLISH is answered at once, so a small window suffices. */
    static final int RECEIVE_MAXIMUM = 16;
    /** Over WebSocket the HTTPS listener closes connections idle for 300 s; a keep-alive below that keeps them open. */
    static final int WEBSOCKET_KEEP_ALIVE_MAX = 240;

    enum State { AWAITING_CONNECT, AUTHENTICATING, CONNECTED, CLOSED }

    // Links and deadline of the event loop's sweep.
    MqttSession sweepPrev;
    MqttSession sweepNext;
    long deadline;

    private final MqttEndpoint endpoint;
    private final Transport transport;
    private final SessionSweep sweep;
    private final Context context;
    private State state = State.AWAITING_CONNECT;
    private DeviceToken token;
    private boolean registered;
    private long keepAliveNanos;
    private int keepAliveSeconds;
    private long sessionExpiry;
    private int clientReceiveMaximum = 65_535;
    private long clientMaximumPacketSize = MqttSettings.MAX_MAX_PACKET_SIZE;
    private Subscriptions subscriptions = Subscriptions.NONE;
    private boolean ready;
    private Outbox outbox;
    private int nextPacketId = 1;
    private Future<Void> closing;

    MqttSession(MqttEndpoint endpoint, Transport transport, SessionSweep sweep) {
        this.endpoint = endpoint;
        this.transport = transport;
        this.sweep = sweep;
        this.context = sweep.context();
        this.deadline = sweep.now() + endpoint.settings().connectTimeout().toNanos();
        sweep.add(this);
        endpoint.metrics().opened(transport.kind());
    }

    Context context() {
        return context;
    }

    /** One decoded packet, or the decoder's failure; the session owns {@code msg} and releases it. */
    void onMessage(Object msg) {
        try {
            if (!(msg instanceof MqttMessage m) || state == State.CLOSED) {
                return;
            }
            DecoderResult result = m.decoderResult();
            if (result.isFailure()) {
                onUndecodable(result.cause());
                return;
            }
            if (state == State.CONNECTED) {
                deadline = sweep.now() + keepAliveNanos;
            }
            MqttMessageType type = m.fixedHeader().messageType();
            if (type == MqttMessageType.CONNECT) {
                onConnect((MqttConnectMessage) m);
            } else if (state != State.CONNECTED) {
                // MQTT 5 §3.1: the first packet must be CONNECT; reading is paused while it is checked.
                end(Ending.NOT_MQTT, "first packet is " + type);
            } else {
                switch (type) {
                    case SUBSCRIBE -> onSubscribe((MqttSubscribeMessage) m);
                    case UNSUBSCRIBE -> onUnsubscribe((MqttUnsubscribeMessage) m);
                    case PUBLISH -> onPublish((MqttPublishMessage) m);
                    case PUBACK -> onPuback((MqttPubReplyMessageVariableHeader) m.variableHeader());
                    case PINGREQ -> transport.write(MqttMessage.PINGRESP);
                    case DISCONNECT -> onDisconnect(m);
                    // QoS 2 was never granted (Maximum QoS 1), server packets from a client, AUTH without enhanced authentication.
                    default -> end(Ending.PROTOCOL_ERROR, "unexpected " + type);
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** The decoder gave up on the byte stream: too large, not MQTT, a version we do not speak. */
    private void onUndecodable(Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            end(Ending.PACKET_TOO_LARGE, "packet over " + endpoint.settings().maxPacketSize() + " bytes");
        } else if (state == State.AWAITING_CONNECT && cause instanceof MqttUnacceptableProtocolVersionException) {
            end(Ending.UNSUPPORTED_PROTOCOL_VERSION, "protocol level not supported");
        } else if (state == State.AWAITING_CONNECT && cause instanceof MqttIdentifierRejectedException) {
            end(Ending.CLIENT_IDENTIFIER_NOT_VALID, "ClientID longer than a token");
        } else if (state == State.AWAITING_CONNECT) {
            end(Ending.NOT_MQTT, "undecodable first packet");
        } else {
            end(Ending.MALFORMED_PACKET, "malformed packet");
        }
    }

    // ---- CONNECT (MQTT 5 §3.1.4) ----

    private void onConnect(MqttConnectMessage connect) {
        if (state != State.AWAITING_CONNECT) {
            end(Ending.PROTOCOL_ERROR, "second CONNECT"); // §3.1.0-2
            return;
        }
        MqttConnectVariableHeader header = connect.variableHeader();
        if (header.version() != 5) {
            end(Ending.UNACCEPTABLE_PROTOCOL_VERSION, "MQTT protocol level " + header.version());
            return;
        }
        Optional<DeviceToken> claimed = DeviceToken.parse(connect.payload().clientIdentifier());
        MqttProperties properties = header.properties();
        if (claimed.isEmpty()) {
            end(Ending.CLIENT_IDENTIFIER_NOT_VALID, "ClientID is not a device token");
            return;
        }
        if (header.isWillFlag()) {
            end(Ending.WILL_REFUSED, "will messages are not supported");
            return;
        }
        if (properties.getProperty(MqttProperties.AUTHENTICATION_METHOD) != null) {
            end(Ending.BAD_AUTHENTICATION_METHOD, "enhanced authentication is not supported");
            return;
        }
        Integer receiveMaximum = intProperty(properties, MqttProperties.RECEIVE_MAXIMUM);
        Integer maximumPacketSize = intProperty(properties, MqttProperties.MAXIMUM_PACKET_SIZE);
        if ((receiveMaximum != null && receiveMaximum == 0) || (maximumPacketSize != null && maximumPacketSize == 0)) {
            end(Ending.PROTOCOL_ERROR, "Receive Maximum or Maximum Packet Size of 0"); // §3.1.2.11.3, §3.1.2.11.4
            return;
        }
        if (endpoint.isDraining()) {
            end(Ending.USE_ANOTHER_SERVER_AT_CONNECT, "node is draining");
            return;
        }
        clientReceiveMaximum = receiveMaximum == null ? 65_535 : receiveMaximum;
        clientMaximumPacketSize = maximumPacketSize == null ? MqttSettings.MAX_MAX_PACKET_SIZE : Integer.toUnsignedLong(maximumPacketSize);
        Integer expiry = intProperty(properties, MqttProperties.SESSION_EXPIRY_INTERVAL);
        sessionExpiry = expiry == null ? 0 : Integer.toUnsignedLong(expiry);
        keepAliveSeconds = header.keepAliveTimeSeconds();
        boolean cleanStart = header.isCleanSession();

        state = State.AUTHENTICATING;
        transport.pause();
        endpoint.authenticate(transport, claimed.get(), connect.payload().passwordInBytes())
                .compose(device -> {
                    if (state == State.CLOSED) {
                        return Future.failedFuture(new Refusal(Ending.CONNECTION_LOST, "closed while authenticating"));
                    }
                    token = device.token();
                    registered = true;
                    return endpoint.admit(this, token, cleanStart);
                })
                .onComplete(admitted -> {
                    if (state == State.CLOSED) {
                        return;
                    }
                    if (admitted.succeeded()) {
                        accept(admitted.result());
                    } else if (admitted.cause() instanceof Refusal refusal) {
                        end(refusal.ending(), refusal.getMessage());
                    } else {
                        end(Ending.SERVER_UNAVAILABLE, "cannot admit: " + admitted.cause().getMessage());
                    }
                });
    }

    private void accept(Optional<Subscriptions> restored) {
        state = State.CONNECTED;
        endpoint.metrics().accepted();
        // §3.1.2.10: 0 means no keep-alive; we impose our maximum instead, announced as Server Keep Alive.
        int max = transport.kind() == MqttMetrics.Transport.WEBSOCKET
                ? Math.min(endpoint.settings().keepAliveMaxSeconds(), WEBSOCKET_KEEP_ALIVE_MAX)
                : endpoint.settings().keepAliveMaxSeconds();
        boolean imposeKeepAlive = keepAliveSeconds == 0 || keepAliveSeconds > max;
        if (imposeKeepAlive) {
            keepAliveSeconds = max;
        }
        keepAliveNanos = keepAliveSeconds * 1_500_000_000L;
        deadline = sweep.now() + keepAliveNanos;
        long expiryMax = endpoint.settings().sessionExpiryMaxSeconds();
        boolean cutExpiry = sessionExpiry > expiryMax;
        if (cutExpiry) {
            sessionExpiry = expiryMax;
        }
        subscriptions = restored.orElse(Subscriptions.NONE);
        transport.write(Packets.connackAccepted(restored.isPresent(), endpoint.settings().maxPacketSize(), RECEIVE_MAXIMUM,
                imposeKeepAlive ? keepAliveSeconds : -1, cutExpiry ? sessionExpiry : -1));
        transport.resume();
        LOG.fine(() -> "device " + token + " connected over " + transport.kind().tag + " from " + transport.remote());
        if (subscriptions.coversPush()) {
            becomeReady();
        }
    }

    private void becomeReady() {
        if (!ready) {
            ready = true;
            endpoint.deviceSessions().deviceReady(token);
        }
    }

    // ---- SUBSCRIBE, UNSUBSCRIBE (§3.8, §3.10) ----

    private void onSubscribe(MqttSubscribeMessage subscribe) {
        if (subscribe.idAndPropertiesVariableHeader().properties().getProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER) != null) {
            end(Ending.SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED, "Subscription Identifier sent"); // §3.8.2.1.2
            return;
        }
        var requested = subscribe.payload().topicSubscriptions();
        int[] codes = new int[requested.size()];
        for (int i = 0; i < codes.length; i++) {
            String filter = requested.get(i).topicFilter();
            if (!TopicFilter.isValid(filter)) {
                codes[i] = Packets.TOPIC_FILTER_INVALID;
            } else if (!TopicFilter.inScope(filter)) {
                codes[i] = Packets.NOT_AUTHORIZED;
            } else {
                int qos = Math.min(requested.get(i).qualityOfService().value(), 1);
                subscriptions = subscriptions.with(filter, qos);
                codes[i] = qos;
            }
        }
        transport.write(Packets.suback(subscribe.idAndPropertiesVariableHeader().messageId(), codes));
        subscriptionsChanged();
        if (subscriptions.coversPush()) {
            becomeReady();
        }
    }

    private void onUnsubscribe(MqttUnsubscribeMessage unsubscribe) {
        var filters = unsubscribe.payload().topics();
        short[] codes = new short[filters.size()];
        for (int i = 0; i < codes.length; i++) {
            boolean had = subscriptions.contains(filters.get(i));
            subscriptions = subscriptions.without(filters.get(i));
            codes[i] = had ? 0 : Packets.NO_SUBSCRIPTION_EXISTED;
        }
        transport.write(Packets.unsuback(unsubscribe.idAndPropertiesVariableHeader().messageId(), codes));
        subscriptionsChanged();
    }

    private void subscriptionsChanged() {
        if (sessionExpiry > 0) {
            endpoint.sessionStore().save(token, subscriptions, MqttEndpoint.KEPT_WHILE_CONNECTED);
        }
    }

    // ---- PUBLISH from the device (§3.3.4): call signaling only ----

    private void onPublish(MqttPublishMessage publish) {
        int qos = publish.fixedHeader().qosLevel().value();
        if (qos > 1) {
            end(Ending.QOS_NOT_SUPPORTED, "QoS 2 PUBLISH"); // we announced Maximum QoS 1, §3.2.2.3.4
            return;
        }
        if (publish.fixedHeader().isRetain()) {
            end(Ending.RETAIN_NOT_SUPPORTED, "retained PUBLISH"); // Retain Available 0, §3.2.2.3.5
            return;
        }
        if (publish.variableHeader().properties().getProperty(MqttProperties.TOPIC_ALIAS) != null) {
            end(Ending.TOPIC_ALIAS_INVALID, "Topic Alias with Topic Alias Maximum 0"); // §3.3.2.3.4
            return;
        }
        boolean call = publish.variableHeader().topicName().startsWith(TopicFilter.CALL);
        endpoint.metrics().publishReceived(call);
        if (qos == 1) {
            // Call signaling is accepted and counted until it is routed: 0x10 No matching subscribers; elsewhere 0x87.
            transport.write(Packets.puback(publish.variableHeader().packetId(), call ? Packets.NO_MATCHING_SUBSCRIBERS : Packets.NOT_AUTHORIZED));
        }
    }

    // ---- our notifications and their PUBACKs (§4.3.2) ----

    /** Publishes {@code notification} if the device is subscribed to its topic; completes on PUBACK. Runs on the session's context. */
    void deliver(Notification notification, Promise<Void> promise) {
        if (state != State.CONNECTED) {
            fail(promise, new DeviceDelivery.DeviceNotConnected("device " + notification.token() + " is not connected here"));
            return;
        }
        if (!subscriptions.matches(TopicFilter.PUSH + notification.topic())) {
            fail(promise, new DeviceDelivery.DeviceNotConnected("device " + token + " is not subscribed to push/" + notification.topic()));
            return;
        }
        if (Packets.publishSize(notification) > clientMaximumPacketSize) {
            fail(promise, new DeviceDelivery.DeviceRejected("notification exceeds the device's Maximum Packet Size", 0x95));
            return;
        }
        if (outbox == null) {
            outbox = new Outbox(clientReceiveMaximum, nextPacketId);
        }
        outbox.offer(notification, promise, this::publish);
    }

    private boolean publish(Notification notification, int packetId) {
        if (state != State.CONNECTED) {
            return false;
        }
        transport.write(Packets.publish(notification, packetId, endpoint.clock().instant()));
        return true;
    }

    private void onPuback(MqttPubReplyMessageVariableHeader puback) {
        if (outbox == null) {
            return; // a PUBACK for nothing in flight: ignored, as a late duplicate would be
        }
        Outbox.Acknowledged acked = outbox.acknowledge(puback.messageId());
        if (acked != null) {
            int reason = puback.reasonCode() & 0xFF;
            if (reason < 0x80) {
                endpoint.metrics().delivered(acked.nanos());
                acked.promise().tryComplete();
            } else {
                fail(acked.promise(), new DeviceDelivery.DeviceRejected("device answered PUBACK 0x" + Integer.toHexString(reason), reason));
            }
            outbox.refill(this::publish);
        }
        if (outbox.isEmpty()) {
            nextPacketId = outbox.nextPacketIdAfter();
            outbox = null;
        }
    }

    private void fail(Promise<Void> promise, RuntimeException why) {
        endpoint.metrics().deliveryFailed();
        promise.tryFail(why);
    }

    // ---- endings ----

    private void onDisconnect(MqttMessage disconnect) {
        if (disconnect.variableHeader() instanceof io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader h) {
            Integer expiry = intProperty(h.properties(), MqttProperties.SESSION_EXPIRY_INTERVAL);
            if (expiry != null) {
                sessionExpiry = Math.min(Integer.toUnsignedLong(expiry), endpoint.settings().sessionExpiryMaxSeconds());
            }
        }
        end(Ending.CLIENT_DISCONNECT, "device disconnected");
    }

    /** The sweep found the deadline passed: no CONNECT in time, or 1.5 × keep-alive without a packet. */
    void deadlinePassed() {
        if (state == State.CONNECTED) {
            end(Ending.KEEP_ALIVE_TIMEOUT, "no packet within 1.5 x " + keepAliveSeconds + " s");
        } else {
            end(Ending.CONNECT_TIMEOUT, "no CONNECT in time");
        }
    }

    /** The transport closed (or failed) under us. */
    void onClosed() {
        if (state != State.CLOSED) {
            end(Ending.CONNECTION_LOST, "connection closed by the device or the network");
        }
        endpoint.metrics().closed(transport.kind());
    }

    /**
     * The one road out: sends the packet {@code ending} earns (a CONNACK refusal before the
     * CONNACK, a DISCONNECT after it, or nothing), counts it, logs it at debug level, closes,
     * and lets go of the session's place in the node. Completes once the connection is closed.
     */
    Future<Void> end(Ending ending, String why) {
        if (closing != null) {
            return closing;
        }
        boolean afterConnack = state == State.CONNECTED;
        MqttMessage packet = null;
        if (!afterConnack && ending.connack() != null) {
            packet = ending == Ending.UNACCEPTABLE_PROTOCOL_VERSION ? Packets.connackRefusedV311(ending.connack())
                    : Packets.connackRefused(ending.connack(), why);
        } else if (afterConnack && ending.disconnect() != null) {
            packet = Packets.disconnect(ending.disconnect());
        }
        endpoint.metrics().ended(ending, afterConnack);
        LOG.log(Level.FINE, () -> "device " + (token == null ? "?" : token) + " over " + transport.kind().tag + " from "
                + transport.remote() + ": " + ending.tag() + " (" + why + ")");
        State was = state;
        state = State.CLOSED;
        sweep.remove(this);
        closing = transport.writeAndClose(packet);
        if (outbox != null) {
            int failed = outbox.failAll("connection of " + token + " closed");
            for (int i = 0; i < failed; i++) {
                endpoint.metrics().deliveryFailed();
            }
            outbox = null;
        }
        if (registered) {
            endpoint.left(this, token, ending == Ending.SESSION_TAKEN_OVER || was != State.CONNECTED ? -1 : sessionExpiry, subscriptions);
        }
        return closing;
    }

    private static Integer intProperty(MqttProperties properties, int id) {
        MqttProperties.MqttProperty<?> p = properties.getProperty(id);
        return p != null && p.value() instanceof Integer i ? i : null;
    }
}
