package io.landline.relay.turn.allocation;

import io.landline.net.PortRange;
import java.util.BitSet;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * The UDP ports of relayed transport addresses (RFC 8656 §7.2 step 7, §23: chosen at random,
 * so that a relayed address cannot be guessed). A port is taken before it is bound and given
 * back when its socket closes; a port the operating system refuses (another program, a test's
 * ephemeral port in the same range) is given back and another one is tried by the caller.
 * Thread-safe; the lock is held only for a scan of the bit set.
 */
public final class RelayPortPool {

    private final PortRange range;
    private final RandomGenerator random;
    private final BitSet taken;

    public RelayPortPool(PortRange range, RandomGenerator random) {
        this.range = range;
        this.random = random;
        this.taken = new BitSet(range.size());
    }

    /**
     * A free port, at random; with {@code even}, an even port whose successor is also free
     * (RFC 8656 §7.2, EVEN-PORT: with the R bit the successor is reserved too, by a second
     * {@link #take(int)}). Empty when none is left.
     */
    public synchronized OptionalInt take(boolean even) {
        int size = range.size();
        int start = random.nextInt(size);
        for (int i = 0; i < size; i++) {
            int index = (start + i) % size;
            int port = range.first() + index;
            if (taken.get(index) || (even && (port % 2 != 0 || !range.contains(port + 1) || taken.get(index + 1)))) {
                continue;
            }
            taken.set(index);
            return OptionalInt.of(port);
        }
        return OptionalInt.empty();
    }

    /** Takes a given port, e.g. the successor an EVEN-PORT reservation holds; false when taken or outside. */
    public synchronized boolean take(int port) {
        if (!range.contains(port) || taken.get(port - range.first())) {
            return false;
        }
        taken.set(port - range.first());
        return true;
    }

    public synchronized void release(int port) {
        if (range.contains(port)) {
            taken.clear(port - range.first());
        }
    }

    public synchronized int inUse() {
        return taken.cardinality();
    }

    public PortRange range() {
        return range;
    }
}
