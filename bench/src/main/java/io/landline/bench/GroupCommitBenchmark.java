package io.landline.bench;

import io.landline.notification.Notification;
import io.landline.notification.NotificationStore;
import io.landline.notification.Submission;
import io.landline.protocol.token.DeviceToken;
import io.landline.storage.Database;
import io.landline.storage.GroupCommit;
import io.landline.storage.StorageSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Durable acceptance of notifications, two ways, on the node's embedded H2 (or a JDBC URL given
 * as the third argument): one transaction per notification, and the group commit the push
 * pipeline uses. {@code threads} callers each store notifications one at a time and wait for
 * the commit, as provider requests do, for {@code seconds}; prints throughput and latency.
 * <p>
 * Usage: {@code GroupCommitBenchmark [threads=64] [seconds=10] [jdbc-url]}
 */
public final class GroupCommitBenchmark {

    private static final byte[] PAYLOAD = "{\"aps\":{\"alert\":{\"title\":\"Benchmark\",\"body\":\"one notification of a run\"}}}"
            .getBytes(StandardCharsets.UTF_8);

    private GroupCommitBenchmark() {
    }

    interface Accept {
        void accept(Submission submission) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String url = args.length > 2 ? args[2] : "";
        System.out.printf("threads=%d seconds=%d database=%s%n", threads, seconds, url.isEmpty() ? "embedded H2" : url);

        try (Database db = open(url)) {
            NotificationStore store = NotificationStore.jdbc(db.dataSource(), 100);
            run("one transaction per notification", threads, seconds, s -> store.store(List.of(s)));
        }
        try (Database db = open(url)) {
            NotificationStore store = NotificationStore.jdbc(db.dataSource(), 100);
            AtomicLong batches = new AtomicLong();
            AtomicLong items = new AtomicLong();
            try (GroupCommit<Submission> commit = new GroupCommit<>("bench", 256, Duration.ofNanos(200_000), 65_536, store::store,
                    size -> {
                        batches.incrementAndGet();
                        items.addAndGet(size);
                    })) {
                run("group commit (max 256, linger 200 us)", threads, seconds, s -> commit.submit(s).join());
            }
            System.out.printf("  mean batch: %.1f notifications over %d commits%n", (double) items.get() / Math.max(1, batches.get()), batches.get());
        }
    }

    private static Database open(String url) throws Exception {
        Path dir = Files.createTempDirectory("landline-bench");
        return Database.open(new StorageSettings(url, url.isEmpty() ? "" : "postgres", "", 16), dir);
    }

    private static void run(String name, int threads, int seconds, Accept accept) throws Exception {
        SecureRandom random = new SecureRandom();
        DeviceToken[] devices = new DeviceToken[1000];
        for (int i = 0; i < devices.length; i++) {
            devices[i] = DeviceToken.random(random);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<long[]> latencies = new ArrayList<>();
        AtomicLong done = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(threads);
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            long[] mine = new long[2_000_000];
            latencies.add(mine);
            int offset = t;
            Thread worker = new Thread(() -> {
                int n = 0;
                try {
                    while (System.nanoTime() < deadline && n < mine.length) {
                        Notification notification = new Notification(UUID.randomUUID(), devices[(offset + n * 7) % devices.length],
                                "com.example.app", "alert", 10, Optional.empty(), Optional.empty(), PAYLOAD, Instant.now());
                        long start = System.nanoTime();
                        accept.accept(new Submission("BENCH", notification));
                        mine[n++] = System.nanoTime() - start;
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    done.addAndGet(n);
                    mine[mine.length - 1] = n;
                    finished.countDown();
                }
            });
            worker.start();
        }
        finished.await();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long total = done.get();
        long[] all = new long[(int) total];
        int k = 0;
        for (long[] mine : latencies) {
            int n = (int) mine[mine.length - 1];
            System.arraycopy(mine, 0, all, k, n);
            k += n;
        }
        Arrays.sort(all);
        System.out.printf("%s: %d notifications in %.1f s = %.0f/s; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", name, total, elapsed,
                total / elapsed, pct(all, 0.50), pct(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }
}
