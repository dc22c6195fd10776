package io.landline.relay.turn.server;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Receive coalescing for a UDP relay loop, as a NIC's interrupt moderation or Linux's NAPI do
 * it: while datagrams arrive densely the loop sleeps a short pause between batches instead of
 * blocking in epoll_wait, so that the datagrams of a pause are read by one recvmmsg after one
 * timer wake-up rather than each waking the loop (a wake-up costs more CPU than relaying a
 * packet, on the receiving and on the sending CPU). When a pause brings nothing the loop
 * blocks again, so sparse traffic is served at once and an idle loop costs nothing; queued
 * tasks and a read that filled its batch skip the pause. A pause adds at most its length, plus
 * the kernel's timer slack, to a packet's relay delay. Figures in docs/benchmarks.md.
 */
final class ReceiveCoalescing implements SelectStrategy {

    /** The strategy of the loop running on this thread, so that a socket read can report a backlog. */
    private static final FastThreadLocal<ReceiveCoalescing> CURRENT = new FastThreadLocal<>();

    private final long pauseNanos;
    private final LongConsumer pause;
    private final LongSupplier nanoTime;
    /** The last pause brought datagrams: keep pausing. */
    private boolean dense;
    /** A read filled its batch: more datagrams are queued, read on at once. */
    private boolean backlog;
    /** When the loop last went to block in epoll_wait; none yet at first. */
    private long blockedAt;
    private boolean blockedBefore;

    ReceiveCoalescing(long pauseNanos) {
        this(pauseNanos, LockSupport::parkNanos, System::nanoTime);
    }

    ReceiveCoalescing(long pauseNanos, LongConsumer pause, LongSupplier nanoTime) {
        this.pauseNanos = pauseNanos;
        this.pause = pause;
        this.nanoTime = nanoTime;
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        if (CURRENT.get() != this) {
            CURRENT.set(this);
        }
        if (hasTasks || backlog) {
            backlog = false;
            return selectNow.get();
        }
        // Dense: the last pause brought datagrams, or the last blocking wait ended within one
        // pause, so that a pause is likely to gather more than one datagram.
        if (dense || blockedBefore && nanoTime.getAsLong() - blockedAt < pauseNanos) {
            pause.accept(pauseNanos);
            int ready = selectNow.get();
            if (ready > 0) {
                dense = true;
                return ready;
            }
        }
        dense = false;
        blockedBefore = true;
        blockedAt = nanoTime.getAsLong();
        return SelectStrategy.SELECT;
    }

    /**
     * Called by a socket at the end of each read with the datagrams it took: a read that
     * filled its batch ({@link Datagrams#READ_BATCH}) leaves more queued, so the next round
     * reads without a pause.
     */
    static void readComplete(int datagrams) {
        if (datagrams >= Datagrams.READ_BATCH) {
            backlogged();
        }
    }

    /** A read on a coalescing loop filled its batch: the next round reads without a pause. */
    static void backlogged() {
        ReceiveCoalescing current = CURRENT.getIfExists();
        if (current != null) {
            current.backlog = true;
        }
    }
}
