package io.landline.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: one writer thread takes whatever callers have submitted since its last
 * write — waiting up to {@code linger} for more once it holds one, and never more than
 * {@code maxBatch} — writes it with one {@link BatchWrite} (one JDBC batch, one commit) and
 * completes every caller's future together. Durability costs one commit per batch rather than
 * one per item, and callers never block: {@link #submit} only enqueues.
 *
 * @param <T> what is written
 */
public final class GroupCommit<T> implements AutoCloseable {

    /** Default bound of items waiting for the writer; past it {@link #submit} fails at once. */
    public static final int DEFAULT_QUEUE_CAPACITY = 65_536;

    private static final Logger LOG = Logger.getLogger("landline.storage");

    /** Writes one batch durably, or throws and writes nothing. */
    @FunctionalInterface
    public interface BatchWrite<T> {
        void write(List<T> batch) throws Exception;
    }

    /** {@link #submit} refused because the writer is behind or closed; nothing was written. */
    public static final class Overloaded extends RuntimeException {
        public Overloaded(String message) {
            super(message, null, false, false);
        }
    }

    private record Pending<T>(T item, CompletableFuture<Void> done) {
    }

    private final String name;
    private final int maxBatch;
    private final long lingerNanos;
    private final BatchWrite<T> write;
    private final IntConsumer batchSizes;
    private final BlockingQueue<Pending<T>> queue;
    private final Thread writer;
    private final boolean gather;
    /** Put on the queue by {@link #close} to wake an idle writer; never written. */
    private final Pending<T> wake = new Pending<>(null, null);
    private volatile boolean closed;

    /**
     * @param name       names the writer thread and log lines
     * @param batchSizes told the size of each batch written (a distribution metric)
     */
    public GroupCommit(String name, int maxBatch, Duration linger, int queueCapacity, BatchWrite<T> write, IntConsumer batchSizes) {
        this(name, maxBatch, linger, false, queueCapacity, write, batchSizes);
    }

    /**
     * @param gather false: once it holds an item the writer waits up to {@code linger} for one
     *               more (low latency, what a caller waiting for its commit wants); true: it
     *               gathers everything arriving within {@code linger} of the first item (fewer,
     *               larger commits, for writes nobody waits on)
     */
    public GroupCommit(String name, int maxBatch, Duration linger, boolean gather, int queueCapacity, BatchWrite<T> write, IntConsumer batchSizes) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1: " + maxBatch);
        }
        this.name = Objects.requireNonNull(name, "name");
        this.maxBatch = maxBatch;
        this.lingerNanos = linger.toNanos();
        this.gather = gather;
        this.write = Objects.requireNonNull(write, "write");
        this.batchSizes = Objects.requireNonNull(batchSizes, "batchSizes");
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.writer = new Thread(this::run, "landline-group-commit-" + name);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Completes once {@code item} is committed; fails with the write's error, or {@link Overloaded}. */
    public CompletableFuture<Void> submit(T item) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new Overloaded(name + " writer is closed"));
        } else if (!queue.offer(new Pending<>(item, done))) {
            done.completeExceptionally(new Overloaded(name + " writer is " + queue.size() + " items behind"));
        }
        return done;
    }

    /** Items waiting for the writer. */
    public int backlog() {
        return queue.size();
    }

    private void run() {
        List<Pending<T>> batch = new ArrayList<>(maxBatch);
        List<T> items = new ArrayList<>(maxBatch);
        while (!closed || !queue.isEmpty()) {
            try {
                // An idle writer sleeps until an item or close()'s wake-up arrives: no periodic
                // polling, so an idle node's writer threads use no CPU.
                Pending<T> first = queue.take();
                if (first == wake) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - batch.size());
                if (gather) {
                    // fill the window: everything that arrives within linger of the first item
                    long deadline = System.nanoTime() + lingerNanos;
                    long left;
                    while (batch.size() < maxBatch && (left = deadline - System.nanoTime()) > 0) {
                        Pending<T> more = queue.poll(left, TimeUnit.NANOSECONDS);
                        if (more == null) {
                            break;
                        }
                        batch.add(more);
                        queue.drainTo(batch, maxBatch - batch.size());
                    }
                } else if (batch.size() < maxBatch && lingerNanos > 0) {
                    Pending<T> more = queue.poll(lingerNanos, TimeUnit.NANOSECONDS);
                    if (more != null) {
                        batch.add(more);
                        queue.drainTo(batch, maxBatch - batch.size());
                    }
                }
            } catch (InterruptedException e) {
                if (!closed) {
                    continue;
                }
            }
            batch.remove(wake);
            if (!batch.isEmpty()) {
                writeBatch(batch, items);
            }
        }
    }

    private void writeBatch(List<Pending<T>> batch, List<T> items) {
        for (Pending<T> p : batch) {
            items.add(p.item());
        }
        Throwable failure = null;
        try {
            write.write(items);
        } catch (Exception | Error e) {
            failure = e;
        }
        batchSizes.accept(batch.size());
        for (Pending<T> p : batch) {
            if (failure == null) {
                p.done().complete(null);
            } else {
                p.done().completeExceptionally(failure);
            }
        }
        if (failure != null) {
            Throwable f = failure;
            LOG.log(Level.WARNING, () -> name + ": a batch of " + batch.size() + " failed: " + f.getMessage());
        }
        batch.clear();
        items.clear();
    }

    /** Writes what was already submitted, then stops the writer (waiting at most {@code timeout}). */
    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    public void close(Duration timeout) {
        closed = true;
        // Fails only when the queue is full, and then the writer is not waiting: it drains
        // the queue, sees closed and stops.
        queue.offer(wake);
        try {
            writer.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending<T> left;
        while ((left = queue.poll()) != null) {
            if (left == wake) {
                continue;
            }
            left.done().completeExceptionally(new Overloaded(name + " writer closed before this was written"));
        }
    }
}
