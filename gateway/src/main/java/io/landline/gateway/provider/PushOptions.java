package io.landline.gateway.provider;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code apns-*} request headers of one push, checked and defaulted.
 *
 * @param expiration empty: no expiry; {@link Instant#EPOCH}: now or never
 */
public record PushOptions(UUID apnsId, String topic, String pushType, int priority, Optional<Instant> expiration,
                          Optional<String> collapseId) {

    /** Largest payload for a {@code voip} push; every other type gets {@link #MAX_PAYLOAD}. */
    public static final int MAX_VOIP_PAYLOAD = 5120;
    public static final int MAX_PAYLOAD = 4096;

    public int maxPayload() {
        return "voip".equals(pushType) ? MAX_VOIP_PAYLOAD : MAX_PAYLOAD;
    }
}
