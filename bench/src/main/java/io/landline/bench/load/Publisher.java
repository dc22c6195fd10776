package io.landline.bench.load;

/** Sends one message for one device; counts what the server accepted or refused. Called on the pacing thread. */
interface Publisher extends AutoCloseable {

    /** Sends a message to {@code device} whose payload carries {@code intendedNanos} as {@code "t"}. */
    void send(Fleet.Member device, long intendedNanos);

    /**
     * Sends messages {@code first} up to {@code end} of an open-loop schedule: message {@code i}
     * goes to {@code devices[i % size]} and is due at {@code t0 + i * intervalNanos}. One call
     * per pacing tick, so that a publisher hands its event loop one task per tick rather than
     * one per message (the pacing thread was the limit near 30k/s).
     */
    default void sendAll(java.util.List<Fleet.Member> devices, long first, long end, long t0, long intervalNanos) {
        for (long i = first; i < end; i++) {
            send(devices.get((int) (i % devices.size())), t0 + i * intervalNanos);
        }
    }

    /** Messages the server confirmed (200, or PUBACK). */
    long accepted();

    /** Messages the server refused or that failed on the way; with the last reason seen. */
    long refused();

    String lastRefusal();

    static String payload(long intendedNanos) {
        return "{\"aps\":{\"alert\":\"load\"},\"t\":" + intendedNanos + "}";
    }
}
