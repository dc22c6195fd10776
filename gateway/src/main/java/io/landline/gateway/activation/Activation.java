package io.landline.gateway.activation;

import io.landline.device.DeviceRepository;
import io.landline.enrollment.EnrollmentTokenLedger;
import io.landline.invite.InviteRepository;
import io.landline.tls.CertificateAuthority;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The activation service of a node, wired once: the {@code POST /v1/activate} route that every
 * HTTPS verticle mounts (one rate limiter for them all), and the operator's side, invites and
 * revocation, for the admin API.
 */
public final class Activation {

    private static final Logger LOG = Logger.getLogger("landline.activation");
    /** How often idle rate-limit buckets are dropped and used enrollment tokens past expiry forgotten. */
    static final long HOUSEKEEPING_MS = 60_000;

    private final ActivationRoute route;
    private final DeviceRevocation revocation;
    private final InviteMinter invites;
    private final Vertx vertx;
    private final long housekeeping;

    private Activation(ActivationRoute route, DeviceRevocation revocation, InviteMinter invites, Vertx vertx, long housekeeping) {
        this.route = route;
        this.revocation = revocation;
        this.invites = invites;
        this.vertx = vertx;
        this.housekeeping = housekeeping;
    }

    public static Activation create(Vertx vertx, ActivationSettings settings, CertificateAuthority ca, DataSource dataSource,
                                    MeterRegistry registry, Clock clock) {
        SecureRandom random = new SecureRandom();
        ActivationMetrics metrics = new ActivationMetrics(registry);
        DeviceRepository devices = DeviceRepository.jdbc(dataSource);
        InviteRepository inviteRepository = InviteRepository.jdbc(dataSource);
        EnrollmentTokenLedger ledger = EnrollmentTokenLedger.jdbc(dataSource);
        Admission admission = switch (settings.policy()) {
            case OPEN -> new OpenAdmission();
            case INVITE -> new InviteAdmission(inviteRepository, metrics);
            case ENROLLMENT -> new EnrollmentAdmission(
                    new EnrollmentTokenVerifier(settings.enrollmentKey().orElseThrow(), settings.enrollmentMaxLifetime()), ledger);
        };
        Activator activator = new Activator(admission, ca, devices, settings.certificateValidity(), clock, random);
        SourceRateLimiter limiter = new SourceRateLimiter(settings.rate(), SourceRateLimiter.DEFAULT_MAX_SOURCES, System::nanoTime);
        metrics.trackSources(limiter::sources);
        long timer = vertx.setPeriodic(HOUSEKEEPING_MS, id -> {
            limiter.sweep();
            if (settings.policy() == ActivationPolicy.ENROLLMENT) {
                vertx.executeBlocking(() -> ledger.purgeExpired(clock.instant()), false)
                        .onFailure(e -> LOG.warning(() -> "cannot purge used enrollment tokens: " + e.getMessage()));
            }
        });
        LOG.info(() -> "activation policy " + settings.policy().name().toLowerCase(java.util.Locale.ROOT)
                + settings.enrollmentKey().map(k -> " (enrollment key " + k.file() + ")").orElse("")
                + ", " + settings.rate().permits() + " per " + settings.rate().per() + " and burst " + settings.rate().burst()
                + " per client address, certificates valid " + settings.certificateValidity().toDays() + " d");
        return new Activation(new ActivationRoute(activator, limiter, metrics),
                new DeviceRevocation(vertx, devices, metrics, clock),
                new InviteMinter(vertx, inviteRepository, metrics, clock, random), vertx, timer);
    }

    /** Adds {@code POST /v1/activate} to an HTTPS router; called by each HTTPS verticle instance. */
    public void mount(Router router) {
        route.mount(router);
    }

    public DeviceRevocation revocation() {
        return revocation;
    }

    public InviteMinter invites() {
        return invites;
    }

    /** Stops the housekeeping timer. */
    public void close() {
        vertx.cancelTimer(housekeeping);
    }
}
