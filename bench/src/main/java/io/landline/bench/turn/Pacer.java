package io.landline.bench.turn;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Open-loop pacing on one event loop: every tick it sends as many datagrams as the offered
 * rate says are due since the start, round-robin over its senders, so that a slow server
 * shows as loss and latency rather than as a lower offered load. A stall of the generator
 * itself (a preempted thread) is caught up in bursts; when it falls more than
 * {@link #MAX_BACKLOG_NANOS} behind, the missed sends are dropped and counted as shortfall,
 * and the run reports the rate it really offered.
 */
final class Pacer implements Runnable {

    /** 100 µs: a 50k/s load leaves each tick a burst of 5, close to a steady stream. */
    static final long TICK_NANOS = 100_000;
    static final int MAX_BURST = 256;
    /** Backlog, in time at the offered rate, beyond which the generator gives up catching up. */
    static final long MAX_BACKLOG_NANOS = 50_000_000;
    /** Epochs are one byte in a payload. */
    static final int EPOCHS = 256;

    /** Datagrams sent, and sends missed by the generator, under each epoch. */
    record Counts(long[] sent, long[] shortfall) {
    }

    private final EventLoop loop;
    private final Sender[] senders;
    private final double perNano;
    private final long[] sentByEpoch = new long[EPOCHS];
    private final long[] shortfallByEpoch = new long[EPOCHS];
    private volatile int epoch;
    private long start;
    private long issued;
    private int cursor;
    private ScheduledFuture<?> tick;

    private Pacer(EventLoop loop, List<Sender> senders, double perSecond) {
        this.loop = loop;
        this.senders = senders.toArray(new Sender[0]);
        this.perNano = perSecond / 1e9;
    }

    /** One pacer per event loop, each offering its share of {@code totalPerSecond} by its number of senders. */
    static List<Pacer> over(List<? extends Sender> senders, double totalPerSecond) {
        Map<EventLoop, List<Sender>> byLoop = new LinkedHashMap<>();
        for (Sender s : senders) {
            byLoop.computeIfAbsent(s.channel().eventLoop(), l -> new ArrayList<>()).add(s);
        }
        List<Pacer> pacers = new ArrayList<>();
        byLoop.forEach((loop, own) -> pacers.add(new Pacer(loop, own, totalPerSecond * own.size() / senders.size())));
        return pacers;
    }

    void start(int firstEpoch) {
        epoch = firstEpoch;
        loop.execute(() -> {
            start = System.nanoTime();
            tick = loop.scheduleAtFixedRate(this, 0, TICK_NANOS, TimeUnit.NANOSECONDS);
        });
    }

    /** Datagrams sent from now on carry {@code next}. */
    void epoch(int next) {
        epoch = next;
    }

    @Override
    public void run() {
        long due = (long) ((System.nanoTime() - start) * perNano);
        long behind = due - issued;
        int e = epoch;
        if (behind > MAX_BURST && behind > MAX_BACKLOG_NANOS * perNano) {
            shortfallByEpoch[e] += behind - MAX_BURST;
            issued = due - MAX_BURST;
            behind = MAX_BURST;
        }
        int n = (int) Math.min(behind, MAX_BURST);
        for (int i = 0; i < n; i++) {
            senders[cursor].send(e);
            if (++cursor == senders.length) {
                cursor = 0;
            }
        }
        issued += n;
        sentByEpoch[e] += n;
    }

    /** Stops sending and returns what was sent, and missed, under each epoch. */
    Counts stop() {
        try {
            return loop.submit(() -> {
                if (tick != null) {
                    tick.cancel(false);
                }
                return new Counts(sentByEpoch.clone(), shortfallByEpoch.clone());
            }).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("event loop did not stop its pacer", e);
        }
    }

    /** Sums {@link #stop()} over pacers. */
    static Counts stopAll(List<Pacer> pacers) {
        Counts sum = new Counts(new long[EPOCHS], new long[EPOCHS]);
        for (Pacer p : pacers) {
            Counts one = p.stop();
            for (int i = 0; i < EPOCHS; i++) {
                sum.sent()[i] += one.sent()[i];
                sum.shortfall()[i] += one.shortfall()[i];
            }
        }
        return sum;
    }
}
