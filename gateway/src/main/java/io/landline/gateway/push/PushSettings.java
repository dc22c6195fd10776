package io.landline.gateway.push;

import java.time.Duration;

/**
 * The store-and-forward limits of the push pipeline.
 *
 * @param maxPendingPerDevice a device's cap of pending notifications; past it the oldest are dropped
 * @param receiptRetention    how long a delivered, expired or dropped notification's status stays readable
 * @param commitMaxBatch      most notifications written in one group commit
 * @param deliveryWait        how long the provider's answer may wait for a connected device's PUBACK
 *                            before the notification is stored instead; zero: always store first
 */
public record PushSettings(int maxPendingPerDevice, Duration receiptRetention, int commitMaxBatch, Duration deliveryWait) {

    public static final int DEFAULT_MAX_PENDING_PER_DEVICE = 100;
    public static final Duration DEFAULT_RECEIPT_RETENTION = Duration.ofDays(1);
    public static final int DEFAULT_COMMIT_MAX_BATCH = 256;
    public static final Duration DEFAULT_DELIVERY_WAIT = Duration.ofMillis(500);

    public static PushSettings defaults() {
        return new PushSettings(DEFAULT_MAX_PENDING_PER_DEVICE, DEFAULT_RECEIPT_RETENTION, DEFAULT_COMMIT_MAX_BATCH, DEFAULT_DELIVERY_WAIT);
    }
}
