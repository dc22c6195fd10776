package io.landline.client.provider;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One notification to send: the device token, the APNs headers and the JSON payload.
 *
 * @param expiration empty: no {@code apns-expiration}; {@link Instant#EPOCH}: now or never
 */
public record PushRequest(String deviceToken, String topic, String pushType, int priority, Optional<Instant> expiration,
                          Optional<String> collapseId, Optional<UUID> apnsId, String payload) {

    public PushRequest {
        Objects.requireNonNull(deviceToken, "deviceToken");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(pushType, "pushType");
        Objects.requireNonNull(expiration, "expiration");
        Objects.requireNonNull(collapseId, "collapseId");
        Objects.requireNonNull(apnsId, "apnsId");
        Objects.requireNonNull(payload, "payload");
    }

    /** An alert at priority 10 with no expiry, collapse id or caller-chosen id. */
    public static PushRequest alert(String deviceToken, String topic, String payload) {
        return new PushRequest(deviceToken, topic, "alert", 10, Optional.empty(), Optional.empty(), Optional.empty(), payload);
    }

    public PushRequest withExpiration(Instant expiration) {
        return new PushRequest(deviceToken, topic, pushType, priority, Optional.of(expiration), collapseId, apnsId, payload);
    }

    public PushRequest withCollapseId(String id) {
        return new PushRequest(deviceToken, topic, pushType, priority, expiration, Optional.of(id), apnsId, payload);
    }

    public PushRequest withPushType(String type, int newPriority) {
        return new PushRequest(deviceToken, topic, type, newPriority, expiration, collapseId, apnsId, payload);
    }
}
