package io.landline.gateway.mqtt;

import io.landline.notification.Notification;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckPayload;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The packets the endpoint sends, built in one place (MQTT 5 §3.2, §3.3, §3.4, §3.9, §3.11, §3.14). */
final class Packets {

    /** SUBACK / PUBACK reason codes (§3.9.3, §3.4.2.1). */
    static final int NOT_AUTHORIZED = 0x87;
    static final int TOPIC_FILTER_INVALID = 0x8F;
    static final int NO_MATCHING_SUBSCRIBERS = 0x10;
    /** UNSUBACK (§3.11.3). */
    static final short NO_SUBSCRIPTION_EXISTED = 0x11;

    /** User properties of a notification PUBLISH, in the provider API's words. */
    static final String APNS_ID = "apns-id";
    static final String PUSH_TYPE = "apns-push-type";
    static final String PRIORITY = "apns-priority";
    static final String COLLAPSE_ID = "apns-collapse-id";

    private Packets() {
    }

    /**
     * CONNACK 0x00 with what a device must know of this server (§3.2.2.3): Receive Maximum,
     * Maximum QoS 1, no retain, Maximum Packet Size, no shared subscriptions, no subscription
     * identifiers, and Server Keep Alive / Session Expiry Interval where we changed the device's.
     */
    static MqttConnAckMessage connackAccepted(boolean sessionPresent, int maxPacketSize, int receiveMaximum,
                                             int serverKeepAlive, long sessionExpiry) {
        MqttProperties p = new MqttProperties();
        p.add(new MqttProperties.IntegerProperty(MqttProperties.RECEIVE_MAXIMUM, receiveMaximum));
        p.add(new MqttProperties.IntegerProperty(MqttProperties.MAXIMUM_QOS, 1));
        p.add(new MqttProperties.IntegerProperty(MqttProperties.RETAIN_AVAILABLE, 0));
        p.add(new MqttProperties.IntegerProperty(MqttProperties.MAXIMUM_PACKET_SIZE, maxPacketSize));
        p.add(new MqttProperties.IntegerProperty(MqttProperties.SHARED_SUBSCRIPTION_AVAILABLE, 0));
        p.add(new MqttProperties.IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 0));
        if (serverKeepAlive >= 0) {
            p.add(new MqttProperties.IntegerProperty(MqttProperties.SERVER_KEEP_ALIVE, serverKeepAlive));
        }
        if (sessionExpiry >= 0) {
            p.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, (int) sessionExpiry));
        }
        return connack(MqttConnectReturnCode.CONNECTION_ACCEPTED, sessionPresent, p);
    }

    /** A CONNACK refusal with a Reason String for the device developer (§3.2.2.3.9). */
    static MqttConnAckMessage connackRefused(MqttConnectReturnCode code, String reason) {
        MqttProperties p = new MqttProperties();
        p.add(new MqttProperties.StringProperty(MqttProperties.REASON_STRING, reason));
        return connack(code, false, p);
    }

    /** A 3.1.1 CONNACK (no properties): the decoder recorded version 3.1.1, so the encoder writes it in that form. */
    static MqttConnAckMessage connackRefusedV311(MqttConnectReturnCode code) {
        return connack(code, false, MqttProperties.NO_PROPERTIES);
    }

    private static MqttConnAckMessage connack(MqttConnectReturnCode code, boolean sessionPresent, MqttProperties properties) {
        return new MqttConnAckMessage(new MqttFixedHeader(MqttMessageType.CONNACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttConnAckVariableHeader(code, sessionPresent, properties));
    }

    static MqttMessage disconnect(MqttReasonCodes.Disconnect reason) {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttReasonCodeAndPropertiesVariableHeader(reason.byteValue(), MqttProperties.NO_PROPERTIES));
    }

    static MqttSubAckMessage suback(int packetId, int[] reasonCodes) {
        return new MqttSubAckMessage(new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES), new MqttSubAckPayload(reasonCodes));
    }

    static MqttUnsubAckMessage unsuback(int packetId, short[] reasonCodes) {
        return new MqttUnsubAckMessage(new MqttFixedHeader(MqttMessageType.UNSUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES), new MqttUnsubAckPayload(reasonCodes));
    }

    static MqttMessage puback(int packetId, int reasonCode) {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttPubReplyMessageVariableHeader(packetId, (byte) reasonCode, MqttProperties.NO_PROPERTIES));
    }

    /**
     * A notification as a QoS 1 PUBLISH on {@code push/<topic>}: the payload exactly as the
     * provider sent it (wrapped, not copied), Message Expiry Interval from its expiration
     * (§3.3.2.3.3), and user properties {@code apns-id}, {@code apns-push-type},
     * {@code apns-priority} and, if set, {@code apns-collapse-id}.
     */
    static MqttPublishMessage publish(Notification n, int packetId, Instant now) {
        MqttProperties p = new MqttProperties();
        n.messageExpiryInterval(now).ifPresent(seconds ->
                p.add(new MqttProperties.IntegerProperty(MqttProperties.PUBLICATION_EXPIRY_INTERVAL, (int) Math.min(seconds, 0xFFFF_FFFFL))));
        MqttProperties.UserProperties user = new MqttProperties.UserProperties();
        user.add(APNS_ID, n.id().toString());
        user.add(PUSH_TYPE, n.pushType());
        user.add(PRIORITY, Integer.toString(n.priority()));
        n.collapseId().ifPresent(c -> user.add(COLLAPSE_ID, c));
        p.add(user);
        return new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                new MqttPublishVariableHeader(TopicFilter.PUSH + n.topic(), packetId, p), Unpooled.wrappedBuffer(n.payload()));
    }

    /** An upper bound of the encoded size of {@link #publish}, to honour the device's Maximum Packet Size (§3.1.2.11.4). */
    static long publishSize(Notification n) {
        long topic = TopicFilter.PUSH.length() + n.topic().getBytes(StandardCharsets.UTF_8).length;
        long properties = 5 + 5 + 3 * 4 + APNS_ID.length() + 36 + PUSH_TYPE.length() + n.pushType().length() + PRIORITY.length() + 2
                + n.collapseId().map(c -> COLLAPSE_ID.length() + 4 + c.getBytes(StandardCharsets.UTF_8).length).orElse(0);
        return 1 + 4 + 2 + topic + 2 + 4 + properties + n.payload().length;
    }
}
