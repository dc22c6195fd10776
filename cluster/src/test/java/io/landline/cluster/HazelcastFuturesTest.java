package io.landline.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.cluster.presence.HazelcastPresence;
import io.landline.protocol.token.DeviceToken;
import io.landline.testkit.FreePorts;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hazelcast results reach the caller's context, on one real member, and cost no thread each. */
class HazelcastFuturesTest {

    private static final int CLAIMS = 300;

    private ClusterNode node;

    @BeforeEach
    void join() throws Exception {
        int port = FreePorts.next();
        ClusterSettings settings = new ClusterSettings("futures-" + port, "127.0.0.1", port, FreePorts.next(),
                List.of(new ClusterSettings.Member("127.0.0.1", port)));
        node = ClusterNode.join(settings, "futures", new VertxOptions(), b -> b).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @AfterEach
    void leave() throws Exception {
        node.leave().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void presenceClaimsCompleteOnTheCallersContextWithoutAThreadPerClaim() throws Exception {
        HazelcastPresence presence = new HazelcastPresence(node);
        Context context = node.vertx().getOrCreateContext();
        onContext(context, () -> presence.claim(token(0)).map(previous -> true)); // Hazelcast starts its own pools on first use
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long startedBefore = threads.getTotalStartedThreadCount();

        List<Boolean> onCaller = onContext(context, () -> {
            List<Future<Boolean>> claims = new ArrayList<>();
            for (int i = 1; i <= CLAIMS; i++) {
                claims.add(presence.claim(token(i)).map(previous -> previous.isEmpty() && Vertx.currentContext() == context));
            }
            return Future.all(claims).map(all -> all.<Boolean>list());
        });

        assertThat(onCaller).hasSize(CLAIMS).containsOnly(true);
        // A thread per callback (Hazelcast's executor when the common pool has parallelism 1) would start CLAIMS threads.
        assertThat(threads.getTotalStartedThreadCount() - startedBefore).isLessThan(CLAIMS / 10);
    }

    @Test
    void aFailedStageFailsTheFutureOnTheContext() throws Exception {
        Context context = node.vertx().getOrCreateContext();
        CompletableFuture<String> stage = new CompletableFuture<>();
        CompletableFuture<String> seen = new CompletableFuture<>();
        context.runOnContext(v -> HazelcastFutures.onContext(stage, context)
                .onComplete(done -> seen.complete(done.failed() && Vertx.currentContext() == context ? done.cause().getMessage() : "wrong")));

        new Thread(() -> stage.completeExceptionally(new IllegalStateException("partition lost"))).start();

        assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("partition lost");
    }

    private static DeviceToken token(int i) {
        return DeviceToken.parse(String.format("%064x", i + 1)).orElseThrow();
    }

    private static <T> T onContext(Context context, java.util.function.Supplier<Future<T>> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> work.get().onComplete(done -> {
            if (done.succeeded()) {
                result.complete(done.result());
            } else {
                result.completeExceptionally(done.cause());
            }
        }));
        return result.get(30, TimeUnit.SECONDS);
    }
}
