package io.landline.client.provider;

import java.util.Optional;

/**
 * The gateway's answer: 200 with the {@code apns-id}, or a status with APNs' reason name
 * (and, for 410 Unregistered, the time in milliseconds since the epoch the token stopped being valid).
 */
public record PushResponse(int status, String apnsId, Optional<String> reason, Optional<Long> timestamp) {

    public boolean accepted() {
        return status == 200;
    }
}
