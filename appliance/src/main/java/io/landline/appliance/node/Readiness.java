package io.landline.appliance.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Whether the node should be sent traffic: ready when every named check passes and the
 * node is not draining. Checks are cheap, non-blocking reads (bound listeners, cluster
 * membership, the last database ping), so the admin API may evaluate them on an event loop.
 */
public final class Readiness {

    private final Map<String, BooleanSupplier> checks = new ConcurrentHashMap<>();
    private final List<String> order;
    private volatile boolean draining;

    /** @param names every check the node must register before it can be ready */
    public Readiness(List<String> names) {
        this.order = List.copyOf(names);
        for (String name : names) {
            checks.put(name, () -> false);
        }
    }

    public void register(String name, BooleanSupplier check) {
        if (!order.contains(name)) {
            throw new IllegalArgumentException("unknown readiness check " + name);
        }
        checks.put(name, check);
    }

    public void drain() {
        draining = true;
    }

    public boolean isDraining() {
        return draining;
    }

    public boolean isReady() {
        return !draining && order.stream().allMatch(n -> checks.get(n).getAsBoolean());
    }

    /** Each check's state, in registration order, for the health endpoint. */
    public Map<String, Boolean> states() {
        Map<String, Boolean> states = new LinkedHashMap<>();
        for (String name : order) {
            states.put(name, checks.get(name).getAsBoolean());
        }
        return states;
    }
}
