package io.landline.notification;

import io.landline.protocol.token.DeviceToken;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The durable store of accepted notifications: the database row is what makes a {@code 200}
 * true. Pending notifications are kept per device in acceptance order; once delivered,
 * expired or dropped only their status stays, for the receipt API, until purged.
 * Implementations block: call them from a worker thread (the group-commit writer or
 * {@link io.landline.storage.Blocking#offload}). Failures surface as
 * {@link io.landline.storage.StorageException}.
 */
public interface NotificationStore {

    /** A store over the {@code notification} table (migration V10) keeping at most {@code maxPendingPerDevice} pending per device. */
    static NotificationStore jdbc(DataSource dataSource, int maxPendingPerDevice) {
        return new JdbcNotificationStore(dataSource, maxPendingPerDevice);
    }

    /**
     * Stores {@code batch} in one transaction, in list order: a notification with a collapse
     * id replaces (drops) the pending ones of its device with the same id, and a device over
     * its cap loses its oldest pending ones. A notification whose apns-id is already stored, or
     * comes earlier in the batch, is left out (and named in {@link StoreOutcome#reused()}) so
     * that it cannot fail the others. Nothing is stored if this throws.
     */
    StoreOutcome store(List<Submission> batch);

    /**
     * Records the receipts of notifications delivered before they were stored, in one
     * transaction: each is written as delivered (without its payload), and a pending
     * notification of the same device with the same collapse id is dropped as collapsed, as if
     * the delivered one had been stored first. Returns how many were collapsed.
     */
    int recordDelivered(List<Delivered> batch);

    /** The device's pending, unexpired notifications, oldest first, at most {@code limit}. */
    List<Notification> pending(DeviceToken token, Instant now, int limit);

    /** Marks the device's pending notifications whose expiration is before {@code now} expired; how many. */
    int expire(DeviceToken token, Instant now);

    /** The periodic sweep: marks every pending notification whose expiration is before {@code now} expired; how many. */
    int expireDue(Instant now);

    /** Marks these delivered at {@code at}, in one transaction; how many changed. */
    int markDelivered(Collection<UUID> ids, Instant at);

    /** Marks these expired at {@code at} if they are still pending; how many changed. */
    int markExpired(Collection<UUID> ids, Instant at);

    /** The receipt of {@code id}, if the store still has it. */
    Optional<Receipt> receipt(UUID id);

    /** Deletes delivered, expired and dropped notifications finished before {@code cutoff}; how many. */
    int purgeFinishedBefore(Instant cutoff);

    /** Pending notifications of all devices. */
    long countPending();
}
