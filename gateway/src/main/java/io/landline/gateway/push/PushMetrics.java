package io.landline.gateway.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The push path's meters, all named {@code landline.push.*}. */
public final class PushMetrics {

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter delivered;
    private final Counter expired;
    private final Counter collapsed;
    private final Counter overCap;
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Timer commitLatency;
    private final Timer deliveryLatency;
    private final DistributionSummary acceptBatches;
    private final DistributionSummary markBatches;
    private final DistributionSummary receiptBatches;
    private final Map<PushPipeline.HandOver, Counter> handOvers = new EnumMap<>(PushPipeline.HandOver.class);
    private final AtomicLong pending = new AtomicLong();

    public PushMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("landline.push.accepted").description("Notifications answered 200: delivered or committed").register(registry);
        this.delivered = Counter.builder("landline.push.delivered").description("Notifications acknowledged by their device (PUBACK)").register(registry);
        this.expired = Counter.builder("landline.push.expired").description("Notifications expired before delivery, now-or-never ones included").register(registry);
        this.collapsed = dropped("collapsed");
        this.overCap = dropped("cap");
        this.commitLatency = Timer.builder("landline.push.commit.latency").description("From acceptance to the commit of its group")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.deliveryLatency = Timer.builder("landline.push.delivery.latency").description("From acceptance to the device's PUBACK")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.acceptBatches = batches("accept");
        this.markBatches = batches("mark");
        this.receiptBatches = batches("receipt");
        for (PushPipeline.HandOver outcome : PushPipeline.HandOver.values()) {
            handOvers.put(outcome, Counter.builder("landline.push.handed.over").tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .description("Notifications published straight to a connected device before any commit, by outcome:"
                            + " delivered (answered on the PUBACK), stored (the connection went first), timed_out (stored after the wait)")
                    .register(registry));
        }
        Gauge.builder("landline.push.pending", pending, AtomicLong::get).description("Notifications stored and waiting for their device")
                .register(registry);
    }

    private Counter dropped(String reason) {
        return Counter.builder("landline.push.dropped").tag("reason", reason)
                .description("Pending notifications dropped: replaced by collapse id, or over the per-device cap").register(registry);
    }

    private DistributionSummary batches(String kind) {
        return DistributionSummary.builder("landline.push.commit.batch").tag("kind", kind)
                .description("Notifications written per group commit").publishPercentiles(0.5, 0.99).register(registry);
    }

    public void accepted() {
        accepted.increment();
    }

    public void committed(Instant acceptedAt) {
        commitLatency.record(Duration.between(acceptedAt, Instant.now()));
    }

    public void delivered(Instant acceptedAt) {
        delivered.increment();
        deliveryLatency.record(Duration.between(acceptedAt, Instant.now()));
    }

    public void expired(int count) {
        expired.increment(count);
    }

    public void dropped(int collapsedCount, int overCapCount) {
        collapsed.increment(collapsedCount);
        overCap.increment(overCapCount);
    }

    public void rejected(String reason) {
        rejected.computeIfAbsent(reason, r -> Counter.builder("landline.push.rejected").tag("reason", r)
                .description("Push requests refused, by APNs reason").register(registry)).increment();
    }

    public void acceptBatch(int size) {
        acceptBatches.record(size);
    }

    public void markBatch(int size) {
        markBatches.record(size);
    }

    public void receiptBatch(int size) {
        receiptBatches.record(size);
    }

    public void handedOver(PushPipeline.HandOver outcome) {
        handOvers.get(outcome).increment();
    }

    public void pending(long count) {
        pending.set(count);
    }
}
