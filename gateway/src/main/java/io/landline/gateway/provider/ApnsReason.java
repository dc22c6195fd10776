package io.landline.gateway.provider;

/**
 * The reasons APNs gives in {@code {"reason": ...}} with their HTTP status, as in Apple's
 * "Handling notification responses from APNs", plus {@link #BadPayload}, Landline's own for
 * a payload that is not a JSON object (APNs names no reason for it).
 */
public enum ApnsReason {
    BadCollapseId(400),
    BadDeviceToken(400),
    BadExpirationDate(400),
    BadMessageId(400),
    BadPriority(400),
    BadTopic(400),
    DeviceTokenNotForTopic(400),
    DuplicateHeaders(400),
    InvalidPushType(400),
    MissingTopic(400),
    PayloadEmpty(400),
    BadPayload(400),
    TopicDisallowed(400),
    ExpiredProviderToken(403),
    InvalidProviderToken(403),
    MissingProviderToken(403),
    BadPath(404),
    MethodNotAllowed(405),
    Unregistered(410),
    PayloadTooLarge(413),
    TooManyRequests(429),
    InternalServerError(500),
    ServiceUnavailable(503);

    private final int status;

    ApnsReason(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
