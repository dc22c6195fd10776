package io.landline.bench.turn;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens TURN allocations, each on a socket of its own (its own 5-tuple), with a bounded
 * number of setups in flight so that the setup burst does not itself trip a server's limits;
 * optionally with a permission and channel 0x4000 to a peer, as a call's relay would have.
 */
final class AllocationOpener {

    /** The channel every allocation binds: numbers are per allocation (RFC 8656 §12). */
    static final int CHANNEL = 0x4000;

    /**
     * @param sessions    the allocations that are ready, in order of their flow number
     * @param failed      setups that failed
     * @param firstError  why the first one failed, or empty
     * @param seconds     wall time of the whole setup
     */
    record Outcome(List<TurnSession> sessions, int failed, String firstError, double seconds) {
    }

    private AllocationOpener() {
    }

    /**
     * @param peers     peer addresses, allocation {@code i} binding to {@code peers[i % length]}; empty: no permission, no channel
     * @param lifetime  LIFETIME asked for, seconds
     * @param timeout   bound of the whole setup
     */
    static Outcome open(UdpTransport transport, InetSocketAddress server, Credentials credentials, int count, int concurrency,
                        List<InetSocketAddress> peers, long lifetime, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Semaphore inFlight = new Semaphore(concurrency);
        TurnSession[] ready = new TurnSession[count];
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>("");
        List<CompletableFuture<?>> setups = new ArrayList<>(count);
        for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
            if (!acquire(inFlight, deadline)) {
                break;
            }
            StunClient client = new StunClient();
            transport.open(client, server);
            TurnSession session = new TurnSession(client, credentials.user, credentials.password);
            int index = i;
            CompletableFuture<?> setup = session.allocate(lifetime).thenCompose(relayed -> {
                if (peers.isEmpty()) {
                    return CompletableFuture.completedFuture(null);
                }
                InetSocketAddress peer = peers.get(index % peers.size());
                return session.createPermission(peer).thenCompose(p -> session.channelBind(CHANNEL, peer));
            }).whenComplete((ok, error) -> {
                inFlight.release();
                if (error == null) {
                    ready[index] = session;
                } else {
                    failed.incrementAndGet();
                    Throwable cause = error.getCause() != null ? error.getCause() : error;
                    firstError.compareAndSet("", cause.getMessage());
                    client.channel().close();
                }
            });
            setups.add(setup);
        }
        try {
            CompletableFuture.allOf(setups.toArray(new CompletableFuture<?>[0]))
                    .get(Math.max(1, deadline - System.nanoTime()) + 5_000_000_000L, TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            firstError.compareAndSet("", "setup did not finish in time");
        }
        List<TurnSession> sessions = new ArrayList<>();
        for (TurnSession s : ready) {
            if (s != null) {
                sessions.add(s);
            }
        }
        int missing = count - sessions.size() - failed.get();
        return new Outcome(Collections.unmodifiableList(sessions), failed.get() + Math.max(0, missing), firstError.get(),
                (System.nanoTime() - start) / 1e9);
    }

    /** Refreshes every allocation with {@code lifetime}; returns how many the server confirmed. */
    static int refreshAll(List<TurnSession> sessions, long lifetime, int concurrency, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore inFlight = new Semaphore(concurrency);
        AtomicInteger confirmed = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>(sessions.size());
        for (TurnSession s : sessions) {
            if (!acquire(inFlight, deadline)) {
                break;
            }
            all.add(s.refresh(lifetime).whenComplete((ok, error) -> {
                inFlight.release();
                if (error == null) {
                    confirmed.incrementAndGet();
                }
            }));
        }
        try {
            CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]))
                    .get(Math.max(1, deadline - System.nanoTime()) + 5_000_000_000L, TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            // counted by what was confirmed
        }
        return confirmed.get();
    }

    /** Deletes every allocation (Refresh with LIFETIME 0, RFC 8656 §8) and closes its socket. */
    static void releaseAll(List<TurnSession> sessions, int concurrency) {
        refreshAll(sessions, 0, concurrency, Duration.ofSeconds(10));
        sessions.forEach(s -> s.stun().channel().close());
    }

    private static boolean acquire(Semaphore semaphore, long deadline) {
        try {
            return semaphore.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
