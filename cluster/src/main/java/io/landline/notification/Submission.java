package io.landline.notification;

import java.util.Objects;

/**
 * A notification the provider API has accepted and is about to store, with the team that
 * sent it: only that team may later read its receipt.
 */
public record Submission(String team, Notification notification) {

    public Submission {
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(notification, "notification");
    }
}
