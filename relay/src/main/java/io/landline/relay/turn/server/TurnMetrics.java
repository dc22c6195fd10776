package io.landline.relay.turn.server;

import io.landline.protocol.stun.StunMethod;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The STUN/TURN service's meters, named {@code landline.turn.*}. Counters of the packet path
 * are fields, looked up once; counters keyed by method and outcome or by reason are created
 * on first use and cached, so counting never allocates after warm-up.
 */
public final class TurnMetrics {

    /** Drop reasons of the packet path, beyond the codec's {@code MalformedReason} tags. */
    public static final String NO_ALLOCATION = "no_allocation";
    public static final String UNBOUND_CHANNEL = "unbound_channel";
    public static final String NO_PERMISSION = "no_permission";
    public static final String PEER_DENIED = "peer_denied";
    public static final String PEER_FAMILY_MISMATCH = "peer_family_mismatch";
    public static final String BANDWIDTH = "bandwidth";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String NOT_STUN_OR_CHANNEL_DATA = "not_stun_or_channel_data";
    public static final String UNEXPECTED_MESSAGE = "unexpected_message";
    public static final String BAD_SEND_INDICATION = "bad_send_indication";
    public static final String BAD_FRAMING = "bad_framing";

    private final MeterRegistry registry;
    // Counted per packet: plain adders, read by the registry at scrape time, so the packet
    // path pays one uncontended add each and no meter dispatch.
    private final LongAdder packetsToPeer = new LongAdder();
    private final LongAdder packetsToClient = new LongAdder();
    private final LongAdder bytesToPeer = new LongAdder();
    private final LongAdder bytesToClient = new LongAdder();
    private final ConcurrentHashMap<String, Counter> drops = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> authFailures = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Counter> requests = new ConcurrentHashMap<>();
    /** The one request outcome counted at packet rate: looked up once. */
    private final Counter bindingSuccess;

    public TurnMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.bindingSuccess = requestCounter(StunMethod.BINDING, 0);
        relayed("packets", "client_to_peer", "packets relayed", packetsToPeer);
        relayed("packets", "peer_to_client", "packets relayed", packetsToClient);
        relayed("bytes", "client_to_peer", "application bytes relayed", bytesToPeer);
        relayed("bytes", "peer_to_client", "application bytes relayed", bytesToClient);
    }

    /** Gauges read from the service's state at scrape time. */
    public void gauges(Supplier<Number> allocations, Supplier<Number> relayPortsInUse) {
        Gauge.builder("landline.turn.allocations", allocations).description("TURN allocations on this node").register(registry);
        Gauge.builder("landline.turn.relay.ports.in.use", relayPortsInUse).description("relayed transport ports bound").register(registry);
    }

    private void relayed(String what, String direction, String description, LongAdder count) {
        FunctionCounter.builder("landline.turn.relayed." + what, count, LongAdder::doubleValue).tag("direction", direction)
                .description(description).register(registry);
    }

    void relayedToPeer(int bytes) {
        packetsToPeer.increment();
        bytesToPeer.add(bytes);
    }

    void relayedToClient(int bytes) {
        packetsToClient.increment();
        bytesToClient.add(bytes);
    }

    /** Counts a packet dropped for {@code reason}: not answered, not relayed. */
    public void drop(String reason) {
        drops.computeIfAbsent(reason, r -> Counter.builder("landline.turn.drops").tag("reason", r)
                .description("packets dropped without an answer").register(registry)).increment();
    }

    void authFailure(String reason) {
        authFailures.computeIfAbsent(reason, r -> Counter.builder("landline.turn.auth.failures").tag("reason", r)
                .description("requests refused by the long-term credential check").register(registry)).increment();
    }

    /** Counts an answered request: outcome {@code success} or the error code. */
    void request(StunMethod method, int errorCode) {
        if (errorCode == 0 && method.equals(StunMethod.BINDING)) {
            bindingSuccess.increment();
            return;
        }
        requestCounter(method, errorCode).increment();
    }

    private Counter requestCounter(StunMethod method, int errorCode) {
        long key = (long) method.code() << 32 | errorCode;
        return requests.computeIfAbsent(key, k -> Counter.builder("landline.turn.requests").tag("method", method.name())
                .tag("outcome", errorCode == 0 ? "success" : Integer.toString(errorCode))
                .description("STUN/TURN requests answered").register(registry));
    }

    public double dropped(String reason) {
        Counter counter = drops.get(reason);
        return counter == null ? 0 : counter.count();
    }

    public double requests(StunMethod method, int errorCode) {
        Counter counter = requests.get((long) method.code() << 32 | errorCode);
        return counter == null ? 0 : counter.count();
    }

    public double authFailures(String reason) {
        Counter counter = authFailures.get(reason);
        return counter == null ? 0 : counter.count();
    }
}
