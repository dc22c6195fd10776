package io.landline.gateway.mqtt;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;

/**
 * The one timer of an event loop's device connections: once a second it walks them and ends
 * those past their deadline (CONNECT deadline, then 1.5 × keep-alive, MQTT 5 §3.1.2.10). A
 * connection costs two links and a deadline here, not a timer of its own. The sweep's clock is
 * coarse (the time of the last tick), which is also what sessions use to move their deadline,
 * so a packet costs no clock read. Used only on its context.
 */
final class SessionSweep {

    static final long TICK_MS = 1000;

    private final Context context;
    private MqttSession head;
    private int size;
    private long now = System.nanoTime();
    private long timer = -1;

    private SessionSweep(Context context) {
        this.context = context;
    }

    /** The sweep of the current event-loop context, started on first use. */
    static SessionSweep of(Context context, List<SessionSweep> registry) {
        SessionSweep sweep = context.get(SessionSweep.class);
        if (sweep == null) {
            sweep = new SessionSweep(context);
            context.put(SessionSweep.class, sweep);
            SessionSweep started = sweep;
            started.timer = context.owner().setPeriodic(TICK_MS, id -> started.tick());
            registry.add(sweep);
        }
        return sweep;
    }

    Context context() {
        return context;
    }

    /** The coarse clock, in nanoseconds. */
    long now() {
        return now;
    }

    void add(MqttSession session) {
        session.sweepNext = head;
        session.sweepPrev = null;
        if (head != null) {
            head.sweepPrev = session;
        }
        head = session;
        size++;
    }

    void remove(MqttSession session) {
        if (session.sweepPrev == null && head != session) {
            return; // not linked
        }
        if (session.sweepPrev != null) {
            session.sweepPrev.sweepNext = session.sweepNext;
        } else {
            head = session.sweepNext;
        }
        if (session.sweepNext != null) {
            session.sweepNext.sweepPrev = session.sweepPrev;
        }
        session.sweepNext = null;
        session.sweepPrev = null;
        size--;
    }

    int size() {
        return size;
    }

    private void tick() {
        now = System.nanoTime();
        for (MqttSession s = head, next; s != null; s = next) {
            next = s.sweepNext;
            if (now - s.deadline > 0) {
                s.deadlinePassed();
            }
        }
    }

    /** Ends every connection of this event loop with {@code ending}; completes once all are closed. */
    Future<Void> endAll(Ending ending) {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            List<Future<Void>> closing = new ArrayList<>(size);
            for (MqttSession s = head, next; s != null; s = next) {
                next = s.sweepNext;
                closing.add(s.end(ending, "node draining"));
            }
            Future.join(closing).onComplete(r -> done.complete());
        });
        return done.future();
    }

    /** Stops the timer; the verticle's context is going away. */
    void stop() {
        if (timer >= 0) {
            context.owner().cancelTimer(timer);
            timer = -1;
        }
    }
}
