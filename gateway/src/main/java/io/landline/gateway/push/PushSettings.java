package io.landline.gateway.push;

import java.time.Duration;

/**
 * The store-and-forward limits of the push pipeline.
 *
 * @param maxPendingPerDevice a device's cap of pending notifications; past it the oldest are dropped
 * @param receiptRetention    how long a delivered, expired or dropped notification's status stays readable
 * @param commitMaxBatch      most notifications written in one group commit
 */
public record PushSettings(int maxPendingPerDevice, Duration receiptRetention, int commitMaxBatch) {

    public static final int DEFAULT_MAX_PENDING_PER_DEVICE = 100;
    public static final Duration DEFAULT_RECEIPT_RETENTION = Duration.ofDays(1);
    public static final int DEFAULT_COMMIT_MAX_BATCH = 256;

    public static PushSettings defaults() {
        return new PushSettings(DEFAULT_MAX_PENDING_PER_DEVICE, DEFAULT_RECEIPT_RETENTION, DEFAULT_COMMIT_MAX_BATCH);
    }
}
