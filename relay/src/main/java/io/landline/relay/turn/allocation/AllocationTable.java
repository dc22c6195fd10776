package io.landline.relay.turn.allocation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node's allocations by 5-tuple, and the quotas that bound them: per user and per node.
 * Shared by every event loop. A slot is taken with {@link #admit} before the relayed port is
 * bound, so two concurrent Allocates cannot both take the last one, and given back by
 * {@link #remove} or {@link #release}.
 *
 * @param <S> the server's handle on a relayed socket
 */
public final class AllocationTable<S> {

    private final int maxAllocations;
    private final int userQuota;
    private final ConcurrentHashMap<FiveTuple, Allocation<S>> byFiveTuple = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> perUser = new ConcurrentHashMap<>();
    private final AtomicInteger slots = new AtomicInteger();

    /**
     * @param maxAllocations most allocations on this node
     * @param userQuota      most allocations of one user on this node
     */
    public AllocationTable(int maxAllocations, int userQuota) {
        this.maxAllocations = maxAllocations;
        this.userQuota = userQuota;
    }

    public Allocation<S> get(FiveTuple fiveTuple) {
        return byFiveTuple.get(fiveTuple);
    }

    /** Takes a node slot and one of {@code user}'s, or neither. */
    public Admission admit(String user) {
        if (slots.incrementAndGet() > maxAllocations) {
            slots.decrementAndGet();
            return Admission.NODE_FULL;
        }
        AtomicInteger count = perUser.computeIfAbsent(user, u -> new AtomicInteger());
        if (count.incrementAndGet() > userQuota) {
            count.decrementAndGet();
            slots.decrementAndGet();
            return Admission.USER_QUOTA_REACHED;
        }
        return Admission.ADMITTED;
    }

    /** Gives back what {@link #admit} took when the allocation could not be made after all. */
    public void release(String user) {
        slots.decrementAndGet();
        perUser.computeIfPresent(user, (u, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    /** Enters an admitted allocation; false (and nothing entered) when its 5-tuple already has one. */
    public boolean add(Allocation<S> allocation) {
        return byFiveTuple.putIfAbsent(allocation.fiveTuple(), allocation) == null;
    }

    /** Removes the allocation and gives back its slots; false when it was already gone. */
    public boolean remove(Allocation<S> allocation) {
        if (!byFiveTuple.remove(allocation.fiveTuple(), allocation)) {
            return false;
        }
        release(allocation.quotaName());
        return true;
    }

    /** Allocations whose lifetime has run out at {@code nowMs}, still in the table. */
    public List<Allocation<S>> expired(long nowMs) {
        List<Allocation<S>> expired = new ArrayList<>();
        for (Allocation<S> allocation : byFiveTuple.values()) {
            if (allocation.isExpired(nowMs)) {
                expired.add(allocation);
            }
        }
        return expired;
    }

    public List<Allocation<S>> all() {
        return List.copyOf(byFiveTuple.values());
    }

    public int size() {
        return byFiveTuple.size();
    }

    public int userCount(String user) {
        AtomicInteger count = perUser.get(user);
        return count == null ? 0 : count.get();
    }
}
