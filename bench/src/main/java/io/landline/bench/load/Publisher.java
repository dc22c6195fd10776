package io.landline.bench.load;

/** Sends one message for one device; counts what the server accepted or refused. Called on the pacing thread. */
interface Publisher extends AutoCloseable {

    /** Sends a message to {@code device} whose payload carries {@code intendedNanos} as {@code "t"}. */
    void send(Fleet.Member device, long intendedNanos);

    /** Messages the server confirmed (200, or PUBACK). */
    long accepted();

    /** Messages the server refused or that failed on the way; with the last reason seen. */
    long refused();

    String lastRefusal();

    static String payload(long intendedNanos) {
        return "{\"aps\":{\"alert\":\"load\"},\"t\":" + intendedNanos + "}";
    }
}
