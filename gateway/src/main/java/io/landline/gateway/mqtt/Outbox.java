package io.landline.gateway.mqtt;

import io.landline.gateway.push.DeviceDelivery;
import io.landline.notification.Notification;
import io.vertx.core.Promise;
import java.util.ArrayDeque;

/**
 * Our QoS 1 PUBLISHes to one device that wait for their PUBACK (MQTT 5 §4.3.2), within the
 * device's Receive Maximum (§3.1.2.11.3) and our own cap; further notifications wait in a short
 * queue. Created on the first delivery and dropped when empty, so an idle session holds none.
 * Used only on the session's event loop.
 */
final class Outbox {

    /** Most PUBLISHes in flight to one device, whatever its Receive Maximum. */
    static final int MAX_IN_FLIGHT = 32;
    /** Most notifications queued behind a full window before further ones fail at once. */
    static final int MAX_QUEUED = 256;

    /** Writes one PUBLISH with {@code packetId}; returns false if the session can no longer send. */
    interface Sender {
        boolean publish(Notification notification, int packetId);
    }

    private record Queued(Notification notification, Promise<Void> promise) {
    }

    private final int window;
    private final int[] packetIds;
    @SuppressWarnings("unchecked")
    private final Promise<Void>[] promises;
    private final long[] sentAt;
    private int inFlight;
    private int nextPacketId;
    private ArrayDeque<Queued> queue;

    @SuppressWarnings("unchecked")
    Outbox(int receiveMaximum, int firstPacketId) {
        this.window = Math.max(1, Math.min(receiveMaximum, MAX_IN_FLIGHT));
        this.packetIds = new int[window];
        this.promises = new Promise[window];
        this.sentAt = new long[window];
        this.nextPacketId = firstPacketId;
    }

    /** Sends at once if the window allows, else queues; a full queue fails the delivery. */
    void offer(Notification notification, Promise<Void> promise, Sender sender) {
        if (inFlight < window) {
            send(notification, promise, sender);
        } else if (queue != null && queue.size() >= MAX_QUEUED) {
            promise.fail(new DeviceDelivery.DeviceNotConnected("delivery queue of " + notification.token() + " is full"));
        } else {
            if (queue == null) {
                queue = new ArrayDeque<>(8);
            }
            queue.add(new Queued(notification, promise));
        }
    }

    private void send(Notification notification, Promise<Void> promise, Sender sender) {
        int id = nextPacketId();
        int slot = freeSlot();
        packetIds[slot] = id;
        promises[slot] = promise;
        sentAt[slot] = System.nanoTime();
        inFlight++;
        if (!sender.publish(notification, id)) {
            clear(slot);
            promise.fail(new DeviceDelivery.DeviceNotConnected("connection of " + notification.token() + " closed"));
        }
    }

    /**
     * The device's PUBACK for {@code packetId}: returns the promise it completes and the
     * nanoseconds since the PUBLISH, or null for a packet identifier not in flight.
     */
    Acknowledged acknowledge(int packetId) {
        for (int i = 0; i < window; i++) {
            if (promises[i] != null && packetIds[i] == packetId) {
                Acknowledged a = new Acknowledged(promises[i], System.nanoTime() - sentAt[i]);
                clear(i);
                return a;
            }
        }
        return null;
    }

    record Acknowledged(Promise<Void> promise, long nanos) {
    }

    /** Moves queued notifications into the freed window. */
    void refill(Sender sender) {
        while (queue != null && !queue.isEmpty() && inFlight < window) {
            Queued q = queue.poll();
            send(q.notification(), q.promise(), sender);
        }
    }

    boolean isEmpty() {
        return inFlight == 0 && (queue == null || queue.isEmpty());
    }

    /** The packet identifier after the last used one: a new Outbox continues the sequence. */
    int nextPacketIdAfter() {
        return nextPacketId;
    }

    /** The connection closed: every waiting delivery fails, so the caller keeps it pending. Returns how many. */
    int failAll(String why) {
        int failed = 0;
        for (int i = 0; i < window; i++) {
            if (promises[i] != null) {
                promises[i].tryFail(new DeviceDelivery.DeviceNotConnected(why));
                clear(i);
                failed++;
            }
        }
        if (queue != null) {
            for (Queued q; (q = queue.poll()) != null; ) {
                q.promise().tryFail(new DeviceDelivery.DeviceNotConnected(why));
                failed++;
            }
        }
        return failed;
    }

    private int nextPacketId() {
        // 1..65535 (§2.2.1); skip identifiers still in flight after a wrap.
        for (;;) {
            int id = nextPacketId;
            nextPacketId = id == 0xFFFF ? 1 : id + 1;
            if (!inUse(id)) {
                return id;
            }
        }
    }

    private boolean inUse(int id) {
        for (int i = 0; i < window; i++) {
            if (promises[i] != null && packetIds[i] == id) {
                return true;
            }
        }
        return false;
    }

    private int freeSlot() {
        for (int i = 0; i < window; i++) {
            if (promises[i] == null) {
                return i;
            }
        }
        throw new IllegalStateException("no free slot with " + inFlight + " of " + window + " in flight");
    }

    private void clear(int slot) {
        promises[slot] = null;
        inFlight--;
    }
}
