package io.landline.notification;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A notification its device acknowledged before it was ever stored (it was handed straight to
 * a connected device): what remains to record is its receipt.
 */
public record Delivered(Submission submission, Instant deliveredAt) {

    public Delivered {
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
    }

    /** The receipt this records. */
    public Receipt receipt() {
        return new Receipt(submission.notification().id(), submission.team(), ReceiptStatus.DELIVERED,
                submission.notification().acceptedAt(), Optional.of(deliveredAt));
    }
}
