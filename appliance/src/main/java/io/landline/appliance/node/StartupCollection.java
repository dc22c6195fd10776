package io.landline.appliance.node;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.logging.Logger;

/**
 * One full collection after the node has started and before it reports ready. Starting leaves
 * tens of megabytes of long-lived objects in the young generation (Hazelcast, H2 and Flyway,
 * Vert.x, TLS, the caches they fill); without this, the first young pauses under traffic copy
 * all of it, twice (to a survivor space, then to the old generation), which measured 40-150 ms
 * per pause on one core against 5-12 ms once it is gone (docs/benchmarks.md). Collecting once,
 * while no traffic flows yet, moves it to the old generation at once. A restarted node is
 * exactly the one whose clients all reconnect and re-allocate at the same moment, so the first
 * minute matters. {@code -XX:+DisableExplicitGC} turns it into a no-op; the launcher's
 * {@code -XX:MaxHeapFreeRatio=100} keeps the collection from shrinking the heap (and with it
 * the young generation) to a few times what survived.
 */
final class StartupCollection {

    private static final Logger LOG = Logger.getLogger("landline.node");

    private StartupCollection() {
    }

    static void run() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = memory.getHeapMemoryUsage().getUsed();
        long t0 = System.nanoTime();
        System.gc();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long after = memory.getHeapMemoryUsage().getUsed();
        LOG.info(() -> "startup collection: heap " + (before >> 20) + " MB -> " + (after >> 20) + " MB in " + ms + " ms");
    }
}
