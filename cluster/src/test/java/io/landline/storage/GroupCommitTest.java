package io.landline.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    @Test
    void itemsSubmittedWhileAWriteRunsGoIntoTheNextBatchTogether() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        try (GroupCommit<Integer> commit = new GroupCommit<>("test", 100, Duration.ZERO, 1000, batch -> {
            batches.add(List.copyOf(batch));
            firstWriteStarted.countDown();
            release.await(5, TimeUnit.SECONDS);
        }, sizes::add)) {
            CompletableFuture<Void> first = commit.submit(0);
            assertThat(firstWriteStarted.await(5, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Void>> rest = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                rest.add(commit.submit(i));
            }
            release.countDown();
            CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);

            assertThat(first).isDone();
            assertThat(batches).containsExactly(List.of(0), List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
            assertThat(sizes).containsExactly(1, 10);
        }
    }

    @Test
    void aGatheringWriterTakesEverythingThatArrivesWithinItsWindowInOneBatch() throws Exception {
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        try (GroupCommit<Integer> commit = new GroupCommit<>("test", 100, Duration.ofMillis(400), true, 1000, batch -> { }, sizes::add)) {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                all.add(commit.submit(i));
                Thread.sleep(20); // each arrives long after the one before, well within the window
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);

            assertThat(sizes).containsExactly(5);
        }
    }

    @Test
    void batchesNeverExceedTheirMaximum() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        try (GroupCommit<Integer> commit = new GroupCommit<>("test", 4, Duration.ZERO, 1000, batch -> release.await(5, TimeUnit.SECONDS), sizes::add)) {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                all.add(commit.submit(i));
            }
            release.countDown();
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);

            assertThat(sizes).allMatch(s -> s <= 4);
            assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);
        }
    }

    @Test
    void aFailedWriteFailsEveryItemOfItsBatch() throws Exception {
        try (GroupCommit<Integer> commit = new GroupCommit<>("test", 10, Duration.ZERO, 10, batch -> {
            throw new IllegalStateException("disk full");
        }, size -> { })) {
            CompletableFuture<Void> item = commit.submit(1);

            assertThat(item).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                    .isInstanceOf(ExecutionException.class).withMessageContaining("disk full");
        }
    }

    @Test
    void aFullQueueRefusesAtOnceInsteadOfBlocking() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (GroupCommit<Integer> commit = new GroupCommit<>("test", 1, Duration.ZERO, 2, batch -> release.await(5, TimeUnit.SECONDS), size -> { })) {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                all.add(commit.submit(i));
            }
            release.countDown();

            assertThat(all).anySatisfy(f -> assertThat(f).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                    .withCauseInstanceOf(GroupCommit.Overloaded.class));
        }
    }

    @Test
    void closeFailsWhatCouldNotBeWritten() {
        GroupCommit<Integer> commit = new GroupCommit<>("test", 10, Duration.ZERO, 10, batch -> { }, size -> { });
        commit.close(Duration.ofSeconds(5));

        assertThat(commit.submit(1)).failsWithin(Duration.ofSeconds(1)).withThrowableThat().withCauseInstanceOf(GroupCommit.Overloaded.class);
    }

    @Test
    void anIdleWriterWaitsWithoutATimeoutSoItNeverWakesUpOnItsOwn() {
        try (GroupCommit<Integer> commit = new GroupCommit<>("idle-probe", 10, Duration.ZERO, 10, batch -> { }, size -> { })) {
            Thread writer = writerThread("landline-group-commit-idle-probe");

            // TIMED_WAITING would mean a periodic poll: a wake-up per period on an idle node.
            await().atMost(Duration.ofSeconds(5)).until(writer::getState, state -> state == Thread.State.WAITING);
        }
    }

    @Test
    void closeWakesAnIdleWriterAndStopsIt() {
        GroupCommit<Integer> commit = new GroupCommit<>("close-probe", 10, Duration.ZERO, 10, batch -> { }, size -> { });
        Thread writer = writerThread("landline-group-commit-close-probe");
        await().atMost(Duration.ofSeconds(5)).until(writer::getState, state -> state == Thread.State.WAITING);

        long start = System.nanoTime();
        commit.close(Duration.ofSeconds(5));

        assertThat(writer.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    private static Thread writerThread(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no thread named " + name));
    }
}
