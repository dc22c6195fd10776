package io.landline.gateway.push;

import io.landline.notification.Delivered;
import io.landline.notification.Notification;
import io.landline.notification.NotificationStore;
import io.landline.notification.Receipt;
import io.landline.notification.StoreOutcome;
import io.landline.notification.Submission;
import io.landline.protocol.token.DeviceToken;
import io.landline.storage.Blocking;
import io.landline.storage.GroupCommit;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The push path after the provider API has checked a request. The provider's 200 means the
 * notification is delivered or durably stored:
 * <ol>
 *   <li><b>hand over</b> — when its device is connected to this node with nothing of its own
 *       pending or being stored, {@link #accept} publishes it at once and the 200 waits for the
 *       device's PUBACK (at most {@link PushSettings#deliveryWait()}): a delivered notification
 *       needs no stored copy, only a receipt, written afterwards in large batches;</li>
 *   <li><b>commit</b> — otherwise (and when the PUBACK does not come in time) the notification
 *       goes to the group-commit writer, and the 200 waits for the commit;</li>
 *   <li><b>route</b> — after the commit, a device connected here gets it at once, a device
 *       connected elsewhere through the {@link NotificationRouter}; otherwise it waits in the store;</li>
 *   <li><b>deliver</b> — through {@link DeviceDelivery}; the PUBACK marks it delivered, again in
 *       group commits;</li>
 *   <li><b>drain</b> — {@link #deviceReady} sends a device's pending notifications in acceptance
 *       order, dropping expired ones; notifications that arrive meanwhile wait their turn.</li>
 * </ol>
 * Per-device state is written only on this verticle's context (other threads reach it through
 * {@code runOnContext}), so it needs no lock. The one exception is the hand-over decision: a
 * provider request reads the device's state (volatile fields) on its own event loop, so that a
 * handed-over notification goes from the request's loop to the device's and back, with no stop
 * here. Its wait is swept here.
 */
public final class PushPipeline extends VerticleBase implements DeviceSessions {

    private static final Logger LOG = Logger.getLogger("landline.push");
    /** Pending notifications read per query while draining a backlog. */
    static final int DRAIN_BATCH = 100;
    /** How long the writer waits for more notifications once it holds one. */
    static final Duration COMMIT_LINGER = Duration.ofNanos(200_000);
    static final long SWEEP_MS = 30_000;
    static final long PENDING_GAUGE_MS = 10_000;
    static final long PURGE_MS = 600_000;
    /**
     * Receipts of delivered notifications are not what a 200 waits for: written in large, late
     * batches. Each row lands at a random place of the apns-id index, so a commit rewrites about
     * one index page per row; on H2 a 350-row commit cost ~78 µs of CPU per row, a 2,000-row
     * commit ~17 µs. Until written, a receipt is answered from memory; a crash loses at most
     * this window of receipts, never a notification (those were delivered).
     */
    static final int RECEIPT_MAX_BATCH = 4096;
    static final Duration RECEIPT_LINGER = Duration.ofMillis(500);
    /** Past this many unwritten receipts, new notifications take the commit path, which the writer paces. */
    static final int RECEIPT_BACKLOG_LIMIT = GroupCommit.DEFAULT_QUEUE_CAPACITY / 2;

    private record Mark(UUID id, boolean delivered) {
    }

    /** A notification on its way to the writer; the writer says whether its apns-id was already used. */
    private static final class Storing {
        final Submission submission;
        volatile boolean reused;

        Storing(Submission submission) {
            this.submission = submission;
        }
    }

    /** The answer's failure when a notification was not stored because its apns-id is already stored. */
    public static final class ReusedApnsId extends RuntimeException {
        ReusedApnsId(UUID id) {
            super("apns-id " + id + " is already stored", null, false, false);
        }
    }

    /**
     * A notification published straight to its connected device; its provider waits for the
     * PUBACK. The answer and the end of the wait race (different threads): whichever moves the
     * state off {@link #WAITING} first decides.
     */
    private static final class HandedOver extends AtomicInteger {
        static final int WAITING = 0;
        static final int ANSWERED = 1;
        static final int TIMED_OUT = 2;

        final Submission submission;
        final CompletableFuture<Void> answered;
        final long deadline;
        /** Once timed out: the commit of the stored copy. */
        volatile CompletableFuture<Void> stored;

        HandedOver(Submission submission, CompletableFuture<Void> answered, long deadline) {
            this.submission = submission;
            this.answered = answered;
            this.deadline = deadline;
        }
    }

    /** One device connected to this node, and where its backlog stands. */
    private static final class DeviceQueue {
        // written on the pipeline's context only; read also by provider requests deciding on a hand-over
        volatile boolean draining;
        /** A notification for this device was committed while the backlog was being read. */
        boolean dirty;
        volatile boolean closed;
        /** Notifications of this device submitted to the writer and not yet routed: later ones queue behind them. */
        volatile int storing;

        /** Nothing of this device is pending or on its way to the store: a new notification may go straight to it. */
        boolean quiet() {
            return !draining && storing == 0 && !closed;
        }
    }

    private final NotificationStore store;
    private final DeviceDelivery delivery;
    private final NotificationRouter router;
    private final PushSettings settings;
    private final PushMetrics metrics;
    private final GroupCommit<Storing> commits;
    private final GroupCommit<Mark> marks;
    private final GroupCommit<Delivered> receipts;
    /** Receipts of handed-over notifications not yet written, so the receipt API knows them at once. */
    private final Map<UUID, Receipt> unwritten = new ConcurrentHashMap<>();
    /** Handed-over notifications in the order their waits end. */
    private final Queue<HandedOver> waiting = new ConcurrentLinkedQueue<>();
    private final long deliveryWaitNanos;
    /** Written on this verticle's context; read by provider requests on theirs. */
    private final Map<DeviceToken, DeviceQueue> queues = new ConcurrentHashMap<>();
    private Context context;

    public PushPipeline(NotificationStore store, DeviceDelivery delivery, NotificationRouter router, PushSettings settings, PushMetrics metrics) {
        this.store = store;
        this.delivery = delivery;
        this.router = router;
        this.settings = settings;
        this.metrics = metrics;
        this.commits = new GroupCommit<>("notifications", settings.commitMaxBatch(), COMMIT_LINGER,
                GroupCommit.DEFAULT_QUEUE_CAPACITY, this::storeBatch, metrics::acceptBatch);
        this.marks = new GroupCommit<>("delivery-marks", settings.commitMaxBatch(), Duration.ZERO,
                GroupCommit.DEFAULT_QUEUE_CAPACITY, this::markBatch, metrics::markBatch);
        this.receipts = new GroupCommit<>("receipts", RECEIPT_MAX_BATCH, RECEIPT_LINGER, true,
                GroupCommit.DEFAULT_QUEUE_CAPACITY, this::receiptBatch, metrics::receiptBatch);
        this.deliveryWaitNanos = settings.deliveryWait().toNanos();
    }

    @Override
    public Future<?> start() {
        context = vertx.getOrCreateContext();
        vertx.setPeriodic(SWEEP_MS, id -> sweep());
        vertx.setPeriodic(PENDING_GAUGE_MS, id -> countPending());
        vertx.setPeriodic(PURGE_MS, id -> purge());
        if (deliveryWaitNanos > 0) {
            vertx.setPeriodic(Math.max(5, settings.deliveryWait().toMillis() / 5), id -> endWaits());
        }
        countPending();
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        commits.close();
        marks.close();
        receipts.close();
        return Future.succeededFuture();
    }

    /**
     * Takes {@code submission}: the future completes on the caller's context once the
     * notification is delivered to its device or durably stored, or fails (storage error, or
     * {@link GroupCommit.Overloaded}).
     */
    public Future<Void> accept(Submission submission) {
        CompletableFuture<Void> answered = new CompletableFuture<>();
        Context caller = vertx.getOrCreateContext();
        // The hand-over is decided here, on the caller's event loop: the PUBLISH goes from here to
        // the device's loop and the PUBACK answers from there, with no stop on this verticle's
        // context. Anything else takes the commit path there.
        Notification n = submission.notification();
        DeviceQueue queue = deliveryWaitNanos > 0 ? queues.get(n.token()) : null;
        if (queue != null && mayHandOver(queue, n)) {
            handOver(new HandedOver(submission, answered, System.nanoTime() + deliveryWaitNanos));
        } else if (queue == null && deliveryWaitNanos > 0 && !n.expiredAt(Instant.now()) && receipts.backlog() < RECEIPT_BACKLOG_LIMIT) {
            handOverElsewhere(submission, answered);
        } else {
            context.runOnContext(v -> take(submission, answered));
        }
        return Future.fromCompletionStage(answered, caller);
    }

    /**
     * The device is not connected here: if another node holds it, that node publishes it and
     * answers on the PUBACK; if not (or it has something of the device's pending), the commit path.
     */
    private void handOverElsewhere(Submission submission, CompletableFuture<Void> answered) {
        router.handOverElsewhere(submission.notification()).onComplete(r -> {
            if (r.succeeded()) {
                metrics.handedOver(HandOver.DELIVERED);
                recordDelivered(submission);
                answered.complete(null);
            } else if (r.cause() instanceof NotificationRouter.HandOverTimedOut) {
                // Maybe still in flight there: stored as pending, not routed again meanwhile; at
                // worst the device gets it again on its next connection.
                metrics.handedOver(HandOver.TIMED_OUT);
                settle(submit(submission), answered);
            } else {
                context.runOnContext(v -> commit(submission, queues.get(submission.notification().token()), answered));
            }
        });
    }

    /**
     * For the node inbox: another node hands over a notification it has not stored, for a
     * device connected here. Delivered only if nothing of the device's is pending or being
     * stored here (else it would overtake those); otherwise refused, and the sender stores it.
     */
    public Future<Void> handOverHere(Notification notification) {
        DeviceQueue queue = queues.get(notification.token());
        if (queue == null || !queue.quiet()) {
            return Future.failedFuture(new DeviceDelivery.DeviceNotConnected("device " + notification.token() + " is not ready for a hand-over here"));
        }
        return delivery.deliver(notification);
    }

    private void recordDelivered(Submission submission) {
        Notification n = submission.notification();
        metrics.accepted();
        metrics.delivered(n.acceptedAt());
        Delivered delivered = new Delivered(submission, Instant.now());
        unwritten.put(n.id(), delivered.receipt());
        receipts.submit(delivered).whenComplete((ok, failure) -> unwritten.remove(n.id()));
    }

    private boolean mayHandOver(DeviceQueue queue, Notification n) {
        return queue.quiet() && !n.expiredAt(Instant.now()) && receipts.backlog() < RECEIPT_BACKLOG_LIMIT;
    }

    /** On this context: hand over to a connected device when nothing of its own waits, else commit. */
    private void take(Submission submission, CompletableFuture<Void> answered) {
        Notification n = submission.notification();
        DeviceQueue queue = queues.get(n.token());
        if (deliveryWaitNanos > 0 && queue != null && mayHandOver(queue, n)) {
            handOver(new HandedOver(submission, answered, System.nanoTime() + deliveryWaitNanos));
        } else {
            commit(submission, queue, answered);
        }
    }

    /** The commit path: the answer waits for the commit; then the notification is routed. */
    private void commit(Submission submission, DeviceQueue queue, CompletableFuture<Void> answered) {
        if (queue != null) {
            queue.storing++;
        }
        CompletableFuture<Void> committed = submit(submission);
        settle(committed, answered);
        committed.whenComplete((ok, failure) -> {
            context.runOnContext(v -> {
                // routed first: a later notification that sees storing at 0 is then behind this one on the device's loop
                if (failure == null) {
                    afterCommit(submission.notification());
                }
                if (queue != null) {
                    queue.storing--;
                }
            });
        });
    }

    private void handOver(HandedOver h) {
        waiting.add(h);
        delivery.deliver(h.submission.notification()).onComplete(r -> handedOver(h, r));
    }

    /** On the device's event loop: it answered the handed-over notification, or its connection went. */
    private void handedOver(HandedOver h, AsyncResult<Void> result) {
        Notification n = h.submission.notification();
        if (!h.compareAndSet(HandedOver.WAITING, HandedOver.ANSWERED)) {
            // the wait ran out first and a pending copy is being stored; settle that copy once it is committed
            h.stored.thenRun(() -> {
                if (result.succeeded()) {
                    metrics.delivered(n.acceptedAt());
                    marks.submit(new Mark(n.id(), true));
                } else if (n.nowOrNever()) {
                    marks.submit(new Mark(n.id(), false));
                }
            });
            return;
        }
        if (result.succeeded()) {
            metrics.handedOver(HandOver.DELIVERED);
            recordDelivered(h.submission);
            h.answered.complete(null);
        } else {
            // the connection closed first, or the device refused it: it is stored like any other
            metrics.handedOver(HandOver.STORED);
            context.runOnContext(v -> commit(h.submission, queues.get(n.token()), h.answered));
        }
    }

    /** On this context, periodically: notifications whose PUBACK did not come in time are stored, still in flight. */
    private void endWaits() {
        long now = System.nanoTime();
        HandedOver h;
        while ((h = waiting.peek()) != null && (h.get() != HandedOver.WAITING || h.deadline - now <= 0)) {
            waiting.poll();
            // published before the state changes, so an answer that finds TIMED_OUT finds this too
            CompletableFuture<Void> stored = new CompletableFuture<>();
            h.stored = stored;
            if (!h.compareAndSet(HandedOver.WAITING, HandedOver.TIMED_OUT)) {
                continue;
            }
            metrics.handedOver(HandOver.TIMED_OUT);
            // Stored as pending: the device gets it again on its next connection unless the
            // PUBACK still comes (then it is marked delivered). Not routed again meanwhile.
            settle(submit(h.submission), stored);
            settle(stored, h.answered);
        }
    }

    /** What became of a notification handed straight to its device, for the metric. */
    public enum HandOver {
        DELIVERED, STORED, TIMED_OUT
    }

    private void receiptBatch(List<Delivered> batch) {
        metrics.dropped(store.recordDelivered(batch), 0);
    }

    /** A receipt of a notification delivered moments ago whose record is still being written. */
    public Optional<Receipt> unwrittenReceipt(UUID id) {
        return Optional.ofNullable(unwritten.get(id));
    }

    private void storeBatch(List<Storing> batch) {
        List<Submission> submissions = new ArrayList<>(batch.size());
        for (Storing s : batch) {
            submissions.add(s.submission);
        }
        StoreOutcome outcome = store.store(submissions);
        metrics.dropped(outcome.collapsed(), outcome.overCap());
        for (int i : outcome.reused()) {
            batch.get(i).reused = true;
        }
        for (Storing s : batch) {
            if (!s.reused) {
                metrics.accepted();
                metrics.committed(s.submission.notification().acceptedAt());
            }
        }
    }

    /** Completes {@code to} as {@code from} completes. */
    private static void settle(CompletableFuture<Void> from, CompletableFuture<Void> to) {
        from.whenComplete((ok, failure) -> {
            if (failure == null) {
                to.complete(null);
            } else {
                to.completeExceptionally(failure);
            }
        });
    }

    /** Commits {@code submission}; fails with {@link ReusedApnsId} when it was left out for its apns-id. */
    private CompletableFuture<Void> submit(Submission submission) {
        Storing storing = new Storing(submission);
        CompletableFuture<Void> stored = new CompletableFuture<>();
        commits.submit(storing).whenComplete((ok, failure) -> {
            if (failure != null) {
                stored.completeExceptionally(failure);
            } else if (storing.reused) {
                stored.completeExceptionally(new ReusedApnsId(submission.notification().id()));
            } else {
                stored.complete(null);
            }
        });
        return stored;
    }

    private void markBatch(List<Mark> batch) {
        List<UUID> delivered = new ArrayList<>();
        List<UUID> expired = new ArrayList<>();
        for (Mark m : batch) {
            (m.delivered() ? delivered : expired).add(m.id());
        }
        Instant now = Instant.now();
        store.markDelivered(delivered, now);
        metrics.expired(store.markExpired(expired, now));
    }

    /** On this context, once {@code n} is committed. */
    private void afterCommit(Notification n) {
        if (n.expiredAt(Instant.now())) {
            marks.submit(new Mark(n.id(), false));
            return;
        }
        if (offer(n)) {
            return;
        }
        router.routeElsewhere(n).onComplete(routed -> context.runOnContext(v -> {
            boolean away = routed.failed() || routed.result() == NotificationRouter.Routed.NOT_CONNECTED;
            if (away && n.nowOrNever()) {
                marks.submit(new Mark(n.id(), false));
            }
        }));
    }

    /**
     * For the event-bus consumer of {@code landline.node.<id>}: another node committed
     * {@code notification} for a device that this node holds. Completes with whether the device
     * is connected here; if so, the notification is delivered in its turn and marked here.
     */
    public Future<Boolean> offerHere(Notification notification) {
        return Future.future(promise -> context.runOnContext(v -> promise.complete(offer(notification))));
    }

    /**
     * {@link #offerHere} as a {@link DeviceDelivery}, for the node inbox: succeeds once this node
     * took the notification, fails with {@link DeviceDelivery.DeviceNotConnected} when the device
     * is not (or no longer) connected here, so the sending node leaves it pending.
     */
    public Future<Void> deliverRouted(Notification notification) {
        return offerHere(notification).compose(taken -> taken ? Future.succeededFuture()
                : Future.failedFuture(new DeviceDelivery.DeviceNotConnected("device " + notification.token() + " is not connected here")));
    }

    /** Takes {@code n} for a device connected here; false when it is not. */
    private boolean offer(Notification n) {
        DeviceQueue queue = queues.get(n.token());
        if (queue == null) {
            return false;
        }
        if (n.nowOrNever()) {
            // now or never does not wait behind a backlog
            deliver(n, queue);
        } else if (queue.draining) {
            queue.dirty = true;
        } else {
            deliver(n, queue);
        }
        return true;
    }

    private Future<Void> deliver(Notification n, DeviceQueue queue) {
        return onContext(delivery.deliver(n)).andThen(r -> {
            if (r.succeeded()) {
                metrics.delivered(n.acceptedAt());
                marks.submit(new Mark(n.id(), true));
            } else if (n.nowOrNever()) {
                marks.submit(new Mark(n.id(), false));
            }
            // any other failure: the device went away; the notification stays pending for its return
        });
    }

    @Override
    public void deviceReady(DeviceToken token) {
        context.runOnContext(v -> {
            DeviceQueue queue = new DeviceQueue();
            DeviceQueue previous = queues.put(token, queue);
            if (previous != null) {
                previous.closed = true;
            }
            drain(token, queue);
        });
    }

    @Override
    public void deviceGone(DeviceToken token) {
        context.runOnContext(v -> {
            DeviceQueue queue = queues.remove(token);
            if (queue != null) {
                queue.closed = true;
            }
        });
    }

    /** Reads the next part of the backlog, delivers it in order, waits for its marks, and goes on while there is more. */
    private void drain(DeviceToken token, DeviceQueue queue) {
        queue.draining = true;
        queue.dirty = false;
        Instant now = Instant.now();
        onContext(Blocking.offload(vertx, () -> {
            metrics.expired(store.expire(token, now));
            return store.pending(token, now, DRAIN_BATCH);
        })).onComplete(read -> {
            if (queue.closed) {
                return;
            }
            if (read.failed()) {
                LOG.log(Level.WARNING, () -> "cannot read pending notifications of a device: " + read.cause().getMessage());
                queue.draining = false;
                return;
            }
            List<Notification> backlog = read.result();
            if (backlog.isEmpty() && !queue.dirty) {
                // Nothing pending, nothing committed meanwhile: no read follows, so there are no
                // delivered marks to wait for. Most reconnections end here, and waiting for a
                // marker commit made each one cost a commit (1,000 of them when a fleet reconnects).
                queue.draining = false;
                return;
            }
            List<Future<Void>> sent = new ArrayList<>(backlog.size());
            for (Notification n : backlog) {
                sent.add(deliver(n, queue));
            }
            Future.join(sent).onComplete(all -> {
                if (queue.closed) {
                    return;
                }
                if (all.failed()) {
                    // the connection went away mid-backlog; the rest waits for the next deviceReady
                    queue.draining = false;
                    return;
                }
                // delivered marks must be written before the next read, or it would return them again
                onContext(Future.fromCompletionStage(marksFlushed())).onComplete(flushed -> {
                    if (queue.closed) {
                        return;
                    }
                    if (backlog.size() == DRAIN_BATCH || queue.dirty) {
                        drain(token, queue);
                    } else {
                        queue.draining = false;
                    }
                });
            });
        });
    }

    /** Completes once every mark submitted so far is written (a marker item rides behind them). */
    private CompletableFuture<Void> marksFlushed() {
        return marks.submit(new Mark(new UUID(0, 0), true)).exceptionally(e -> null);
    }

    private <T> Future<T> onContext(Future<T> future) {
        return Future.future(promise -> future.onComplete(r -> context.runOnContext(v -> promise.handle(r))));
    }

    private void sweep() {
        Instant now = Instant.now();
        Blocking.offload(vertx, () -> store.expireDue(now)).onComplete(logged("expiry sweep", metrics::expired));
    }

    private void purge() {
        Instant cutoff = Instant.now().minus(settings.receiptRetention());
        Blocking.offload(vertx, () -> store.purgeFinishedBefore(cutoff)).onComplete(logged("receipt purge", n -> { }));
    }

    private void countPending() {
        Blocking.offload(vertx, store::countPending).onComplete(logged("pending count", metrics::pending));
    }

    private static <T> Handler<AsyncResult<T>> logged(String what, java.util.function.Consumer<T> use) {
        return r -> {
            if (r.succeeded()) {
                use.accept(r.result());
            } else {
                LOG.warning(() -> what + " failed: " + r.cause().getMessage());
            }
        };
    }

    /** Devices connected to this node whose backlog is being tracked. */
    int connectedDevices() {
        return queues.size();
    }
}
