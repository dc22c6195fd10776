package io.landline.notification;

import io.landline.protocol.token.DeviceToken;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One accepted notification for one device, as stored and as delivered.
 *
 * @param id         the {@code apns-id}
 * @param token      the device it is for
 * @param topic      {@code apns-topic}; delivered on MQTT topic {@code push/<topic>}
 * @param pushType   {@code apns-push-type} (alert, background, voip, ...)
 * @param priority   {@code apns-priority}: 10, 5 or 1
 * @param expiration empty: no expiry; {@link Instant#EPOCH}: now or never ({@code apns-expiration: 0});
 *                   else the instant after which it must not be delivered
 * @param collapseId {@code apns-collapse-id}, if any
 * @param payload    the JSON payload, exactly as the provider sent it
 * @param acceptedAt when the gateway answered 200
 */
public record Notification(UUID id, DeviceToken token, String topic, String pushType, int priority,
                           Optional<Instant> expiration, Optional<String> collapseId, byte[] payload, Instant acceptedAt) {

    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(pushType, "pushType");
        Objects.requireNonNull(expiration, "expiration");
        Objects.requireNonNull(collapseId, "collapseId");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
    }

    /** {@code apns-expiration: 0}: delivered only if the device is connected now. */
    public boolean nowOrNever() {
        return expiration.filter(Instant.EPOCH::equals).isPresent();
    }

    /** True once {@code now} is past the expiration (never for no expiry; a now-or-never one expires at once after its attempt). */
    public boolean expiredAt(Instant now) {
        return expiration.filter(e -> !e.equals(Instant.EPOCH) && now.isAfter(e)).isPresent();
    }

    /**
     * The MQTT 5 Message Expiry Interval in seconds for a delivery at {@code now}: empty for
     * no expiry, at least 1 for an expiring one (0 would mean "no expiry" on the wire).
     */
    public Optional<Long> messageExpiryInterval(Instant now) {
        return expiration.map(e -> e.equals(Instant.EPOCH) ? 1L : Math.max(1L, e.getEpochSecond() - now.getEpochSecond()));
    }
}
