package io.landline.notification;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What the store knows of one notification after the fact: the answer to
 * {@code GET /3/notifications/{apns-id}}.
 *
 * @param finishedAt when it was delivered, expired or dropped; empty while accepted
 */
public record Receipt(UUID id, String team, ReceiptStatus status, Instant acceptedAt, Optional<Instant> finishedAt) {

    public Receipt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }
}
