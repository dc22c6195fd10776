package io.landline.cluster;

import com.hazelcast.internal.util.ConcurrencyUtil;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A pool for Hazelcast's asynchronous work on machines with one or two cores.
 *
 * <p>Hazelcast completes its asynchronous operations (an {@code IMap.putAsync}, its callbacks)
 * on a default executor that is the JDK's common fork-join pool only when that pool's
 * parallelism is above 1. With two cores it is 1, and Hazelcast then starts a new thread for
 * every task, as {@code CompletableFuture} does: at least one per map operation, so each device
 * CONNECT (presence claim, session store) started and ended threads, which cost more CPU than the
 * operations themselves. On such machines the default becomes this pool: two daemon threads, the
 * parallelism the common pool has on a machine with three cores. The setter is in Hazelcast's
 * {@code internal} package (public, but not API): {@code HazelcastFuturesTest} fails if an
 * upgrade brings a thread per result back.
 */
final class HazelcastAsyncExecutor {

    private static final Logger LOG = Logger.getLogger("landline.cluster");

    /** Threads of the pool: the common pool's parallelism on a three-core machine. */
    static final int PARALLELISM = 2;
    private static final String THREAD_PREFIX = "hz.async-";

    private static final Object LOCK = new Object();
    private static Executor installed;

    private HazelcastAsyncExecutor() {
    }

    /**
     * Makes Hazelcast's default asynchronous executor a pool when the common pool cannot serve;
     * once per JVM (the setting is Hazelcast's static), before a member starts.
     *
     * @return whether a pool is (now) in place of Hazelcast's thread per task
     */
    static boolean installIfNeeded() {
        if (ForkJoinPool.getCommonPoolParallelism() > 1) {
            return false;
        }
        synchronized (LOCK) {
            if (installed == null) {
                AtomicInteger index = new AtomicInteger();
                installed = new ForkJoinPool(PARALLELISM, pool -> {
                    ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                    thread.setName(THREAD_PREFIX + index.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, null, true);
                ConcurrencyUtil.setDefaultAsyncExecutor(installed);
                LOG.fine(() -> "Hazelcast's asynchronous work runs on " + PARALLELISM + " pooled threads (the common pool has parallelism "
                        + ForkJoinPool.getCommonPoolParallelism() + ")");
            }
            return true;
        }
    }
}
