package io.landline.notification;

import java.util.Locale;

/** Where a stored notification stands, as the receipt API reports it. */
public enum ReceiptStatus {
    /** Stored and not yet delivered. */
    ACCEPTED("pending"),
    /** The device acknowledged it (MQTT PUBACK). */
    DELIVERED("delivered"),
    /** Its apns-expiration passed first, or it was now-or-never and the device was away. */
    EXPIRED("expired"),
    /** Replaced by a newer one with its collapse id, or pushed out by the per-device cap. */
    DROPPED("dropped");

    private final String column;

    ReceiptStatus(String column) {
        this.column = column;
    }

    /** The value of the {@code status} column. */
    public String column() {
        return column;
    }

    /** The word the receipt API shows. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ReceiptStatus ofColumn(String column) {
        for (ReceiptStatus s : values()) {
            if (s.column.equals(column)) {
                return s;
            }
        }
        throw new IllegalStateException("unknown notification status in the database: '" + column + "'");
    }
}
