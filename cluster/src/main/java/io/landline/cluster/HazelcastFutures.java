package io.landline.cluster;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Hazelcast's asynchronous results as Vert.x futures on a given context, without a thread per
 * result.
 *
 * <p>A callback registered with {@code whenComplete} on a Hazelcast future runs on Hazelcast's
 * default asynchronous executor, which is the JDK's common fork-join pool only when that pool has
 * a parallelism above 1; on a machine with two cores it has 1, and Hazelcast then starts a new
 * thread for every callback (as {@code CompletableFuture} does), about as much CPU as the map
 * operation itself. Here the callback runs on the Hazelcast thread that completes the future,
 * where it does no more than complete a Vert.x promise, which hands the result to the context's
 * event loop.
 */
public final class HazelcastFutures {

    /** Runs the callback on the thread that completes the future: it only completes a promise. */
    private static final Executor COMPLETING_THREAD = Runnable::run;

    private HazelcastFutures() {
    }

    /** {@code stage}'s outcome on {@code context}, as {@code Future.fromCompletionStage(stage, context)} but without a thread per callback. */
    public static <T> Future<T> onContext(CompletionStage<T> stage, Context context) {
        Promise<T> promise = ((ContextInternal) context).promise();
        stage.whenCompleteAsync((value, failure) -> {
            if (failure != null) {
                promise.fail(failure);
            } else {
                promise.complete(value);
            }
        }, COMPLETING_THREAD);
        return promise.future();
    }
}
