package io.landline.client.device;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A notification as a device receives it: a QoS 1 PUBLISH on {@code push/<apns-topic>} whose
 * user properties carry the provider's {@code apns-*} values and whose Message Expiry
 * Interval (MQTT 5 §3.3.2.3.3) counts the seconds left until {@code apns-expiration}.
 */
public record DeviceNotification(String topic, byte[] payload, String apnsId, String pushType, int priority,
                                 Optional<String> collapseId, OptionalLong expiryIntervalSeconds) {

    /** The MQTT topic level under which notifications arrive. */
    public static final String TOPIC_PREFIX = "push/";

    /** The APNs topic, i.e. the MQTT topic without {@code push/}. */
    public String apnsTopic() {
        return topic.startsWith(TOPIC_PREFIX) ? topic.substring(TOPIC_PREFIX.length()) : topic;
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DeviceNotification[" + topic + ", apns-id " + apnsId + "]";
    }
}
