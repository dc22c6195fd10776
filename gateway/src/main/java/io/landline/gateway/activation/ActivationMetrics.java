package io.landline.gateway.activation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The activation service's meters, registered once so that every refusal reason shows in a
 * scrape from the start (a dashboard can tell zero from absent):
 * <ul>
 *   <li>{@code landline.activation.requests{outcome, reason}}: requests past the rate limit, by
 *       outcome {@code activated}, {@code refused} (reason as sent) or {@code failed};</li>
 *   <li>{@code landline.activation.rate.limited}: requests answered 429 before anything else;</li>
 *   <li>{@code landline.activation.duration}: time to check, sign and store a successful activation;</li>
 *   <li>{@code landline.activation.invites.minted} and {@code .redeemed};</li>
 *   <li>{@code landline.activation.revocations}: devices revoked (first revocation only);</li>
 *   <li>{@code landline.activation.rate.sources}: client addresses the rate limiter tracks.</li>
 * </ul>
 */
public final class ActivationMetrics {

    private static final String REQUESTS = "landline.activation.requests";

    private final Counter activated;
    private final Counter failed;
    private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);
    private final Counter rateLimited;
    private final Timer duration;
    private final Counter invitesMinted;
    private final Counter invitesRedeemed;
    private final Counter revocations;
    private final MeterRegistry registry;

    public ActivationMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.activated = requests(registry, "activated", "none");
        this.failed = requests(registry, "failed", "InternalServerError");
        for (Refusal refusal : Refusal.values()) {
            if (refusal != Refusal.TOO_MANY_REQUESTS) {
                refused.put(refusal, requests(registry, "refused", refusal.reason()));
            }
        }
        this.rateLimited = Counter.builder("landline.activation.rate.limited")
                .description("Activation requests refused 429 by the per-address rate limit").register(registry);
        this.duration = Timer.builder("landline.activation.duration")
                .description("Time to verify, sign and store a successful activation").register(registry);
        this.invitesMinted = Counter.builder("landline.activation.invites.minted")
                .description("Invite codes minted").register(registry);
        this.invitesRedeemed = Counter.builder("landline.activation.invites.redeemed")
                .description("Invite codes spent on an activation").register(registry);
        this.revocations = Counter.builder("landline.activation.revocations")
                .description("Devices revoked").register(registry);
    }

    private static Counter requests(MeterRegistry registry, String outcome, String reason) {
        return Counter.builder(REQUESTS).tag("outcome", outcome).tag("reason", reason)
                .description("Activation requests past the rate limit, by outcome and reason").register(registry);
    }

    void activated(long nanos) {
        activated.increment();
        duration.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    void refused(Refusal refusal) {
        if (refusal == Refusal.TOO_MANY_REQUESTS) {
            rateLimited.increment();
        } else {
            refused.get(refusal).increment();
        }
    }

    void failed() {
        failed.increment();
    }

    void invitesMinted(int count) {
        invitesMinted.increment(count);
    }

    void inviteRedeemed() {
        invitesRedeemed.increment();
    }

    void revoked() {
        revocations.increment();
    }

    void trackSources(Supplier<Number> sources) {
        io.micrometer.core.instrument.Gauge.builder("landline.activation.rate.sources", sources)
                .description("Client addresses the activation rate limit tracks").register(registry);
    }
}
