package io.landline.gateway.activation;

import io.landline.storage.StorageException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /v1/activate} on the HTTPS router, as named stages: the rate limit (before the
 * body is read), the media type, the body limit, the credential's presence; then one blocking
 * task on a worker thread ({@link Activator}) and a {@code 201} or one of the {@link Refusal}s.
 * Activations are counted, not logged (FINE shows each one).
 */
final class ActivationRoute {

    static final String PATH = "/v1/activate";
    /** RFC 5967 §2's media type for PKCS#10 (the body may be PEM or DER). */
    static final String MEDIA_TYPE = "application/pkcs10";

    private static final Logger LOG = Logger.getLogger("landline.activation");

    private final Activator activator;
    private final SourceRateLimiter limiter;
    private final ActivationMetrics metrics;

    ActivationRoute(Activator activator, SourceRateLimiter limiter, ActivationMetrics metrics) {
        this.activator = activator;
        this.limiter = limiter;
        this.metrics = metrics;
    }

    void mount(Router router) {
        // Security-policy handlers run before the body handler (Vert.x Web orders handler kinds), so a
        // limited or mistyped request is answered before its body is read.
        SecurityPolicyHandler rateLimit = this::rateLimit;
        SecurityPolicyHandler mediaType = this::mediaType;
        router.post(PATH)
                .handler(rateLimit)
                .handler(mediaType)
                .handler(BodyHandler.create(false).setBodyLimit(SigningRequest.MAX_BYTES))
                .handler(this::activate)
                .failureHandler(this::failure);
        // Any other method: 405 with the Allow header RFC 9110 §15.5.6 asks for (the router's catch-all would say 404).
        router.route(PATH).handler(ctx -> {
            ctx.response().putHeader("allow", "POST");
            answer(ctx, 405, "MethodNotAllowed");
        });
    }

    private void rateLimit(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        // An address Vert.x cannot name (not IP) shares one bucket with its kind rather than escaping the limit.
        SourceAddress source = SourceAddress.of(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress())
                .orElse(new SourceAddress(false, -1));
        long waitNanos = limiter.acquire(source);
        if (waitNanos == 0) {
            ctx.next();
            return;
        }
        // RFC 9110 §10.2.3: delay-seconds, rounded up so that a client that waits that long is admitted.
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        ctx.response().putHeader("retry-after", Long.toString(seconds));
        refuse(ctx, Refusal.TOO_MANY_REQUESTS);
    }

    private void mediaType(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("content-type");
        String media = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (MEDIA_TYPE.equals(media)) {
            ctx.next();
        } else {
            refuse(ctx, Refusal.BAD_CONTENT_TYPE);
        }
    }

    private void activate(RoutingContext ctx) {
        Credential credential;
        try {
            credential = activator.admission().credential(ctx.request()::getHeader);
        } catch (ActivationRefused e) {
            refuse(ctx, e);
            return;
        }
        Buffer buffer = ctx.body().buffer();
        byte[] body = buffer == null ? new byte[0] : buffer.getBytes();
        long t0 = System.nanoTime();
        // Unordered: activations from one event loop need not wait for each other's signatures.
        ctx.vertx().executeBlocking(() -> activator.activate(body, credential), false).onComplete(result -> {
            if (result.succeeded()) {
                metrics.activated(System.nanoTime() - t0);
                Activated activated = result.result();
                LOG.fine(() -> "activated device " + activated.token());
                ctx.response().setStatusCode(201)
                        .putHeader("content-type", "application/json")
                        .putHeader("cache-control", "no-store")
                        .end(new JsonObject()
                                .put("token", activated.token().hex())
                                .put("certificate", activated.certificatePem())
                                .put("ca", activated.caPem()).encode());
            } else if (result.cause() instanceof ActivationRefused refused) {
                refuse(ctx, refused);
            } else {
                metrics.failed();
                Throwable cause = result.cause();
                LOG.log(Level.WARNING, "activation failed: " + (cause instanceof StorageException ? cause.getMessage() : cause.toString()),
                        cause instanceof StorageException ? null : cause);
                answer(ctx, 500, "InternalServerError");
            }
        });
    }

    /** The body handler fails a request over the limit with 413; anything else unexpected is a 500. */
    private void failure(RoutingContext ctx) {
        if (ctx.statusCode() == 413) {
            refuse(ctx, Refusal.PAYLOAD_TOO_LARGE);
        } else {
            metrics.failed();
            LOG.log(Level.WARNING, "activation route failed with status " + ctx.statusCode(), ctx.failure());
            answer(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500, "InternalServerError");
        }
    }

    private void refuse(RoutingContext ctx, ActivationRefused refused) {
        LOG.fine(() -> "activation refused: " + refused.getMessage());
        refuse(ctx, refused.refusal());
    }

    private void refuse(RoutingContext ctx, Refusal refusal) {
        metrics.refused(refusal);
        answer(ctx, refusal.status(), refusal.reason());
    }

    private static void answer(RoutingContext ctx, int status, String reason) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                    .end(new JsonObject().put("reason", reason).encode());
        }
    }
}
