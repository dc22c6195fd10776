package io.landline.client.device;

import java.time.Duration;
import java.util.Optional;

/** The node refused an activation: its status, its {@code reason}, and for 429 when to try again. */
public final class ActivationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String reason;
    private final transient Optional<Duration> retryAfter;

    public ActivationException(int status, String reason, Optional<Duration> retryAfter) {
        super(status + " " + reason, null, false, false);
        this.status = status;
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    /** E.g. {@code InviteRequired}, {@code UnsupportedKeyAlgorithm}, {@code TooManyRequests}. */
    public String reason() {
        return reason;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
