package io.landline.gateway.provider;

import io.landline.gateway.https.HttpsRoutes;
import io.landline.gateway.provider.keys.ProviderTokens;
import io.landline.gateway.push.PushMetrics;
import io.landline.gateway.push.PushPipeline;
import io.landline.notification.Notification;
import io.landline.notification.NotificationStore;
import io.landline.notification.Receipt;
import io.landline.notification.Submission;
import io.landline.protocol.token.DeviceToken;
import io.landline.provider.ProviderKey;
import io.landline.storage.Blocking;
import io.landline.storage.GroupCommit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The APNs-compatible provider API on the HTTPS listener:
 * <ul>
 *   <li>{@code POST /3/device/{token}}: checks the request in APNs' order — provider token,
 *       device token, {@code apns-*} headers, team rate, payload, device state — then commits the
 *       notification and answers 200 with {@code apns-id};</li>
 *   <li>{@code GET /3/notifications/{apns-id}}: the receipt, for the team that sent it.</li>
 * </ul>
 * Every refusal is a status and {@code {"reason": ...}}, counted by reason, never logged.
 */
public final class ProviderApi implements HttpsRoutes {

    private static final Logger LOG = Logger.getLogger("landline.provider");
    private static final String KEY = "landline.provider-key";

    private final ProviderTokens tokens;
    private final TeamRateLimit rateLimit;
    private final DeviceStates devices;
    private final PushPipeline pipeline;
    private final NotificationStore store;
    private final PushMetrics metrics;
    private final ApnsIds apnsIds = new ApnsIds(System::currentTimeMillis);

    public ProviderApi(ProviderTokens tokens, TeamRateLimit rateLimit, DeviceStates devices, PushPipeline pipeline,
                       NotificationStore store, PushMetrics metrics) {
        this.tokens = tokens;
        this.rateLimit = rateLimit;
        this.devices = devices;
        this.pipeline = pipeline;
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public void mount(Vertx vertx, Router router) {
        // The body is never read beyond the largest payload a push type allows: a bigger one is
        // refused with 413 as it arrives (or at once from its content-length), so at most 5 KiB
        // is buffered per request, even before the provider token is checked.
        router.post("/3/device/:token")
                .handler(new PayloadReader(PushOptions.MAX_VOIP_PAYLOAD, ctx -> refuse(ctx, ApnsReason.PayloadTooLarge)))
                .handler(this::authenticate)
                .handler(this::push);
        router.get("/3/notifications/:id").handler(this::authenticate).handler(ctx -> receipt(vertx, ctx));
        router.route("/3/*").handler(ctx -> refuse(ctx, ctx.request().path().startsWith("/3/device/")
                ? ApnsReason.MethodNotAllowed : ApnsReason.BadPath));
    }

    private void authenticate(RoutingContext ctx) {
        ProviderTokens.Check check = tokens.check(ctx.request().getHeader("authorization"), Instant.now());
        if (check instanceof ProviderTokens.Accepted accepted) {
            ctx.put(KEY, accepted.key());
            ctx.next();
        } else if (check instanceof ProviderTokens.Refused refused) {
            refuse(ctx, refused.reason());
        }
    }

    private void push(RoutingContext ctx) {
        ProviderKey key = ctx.get(KEY);
        Optional<DeviceToken> token = DeviceToken.parse(ctx.pathParam("token"));
        if (token.isEmpty()) {
            refuse(ctx, ApnsReason.BadDeviceToken);
            return;
        }
        PushOptionsParser.Parsed parsed = PushOptionsParser.parse(ctx.request().headers(), key, apnsIds::next);
        if (parsed instanceof PushOptionsParser.Refused refused) {
            refuse(ctx, refused.reason());
            return;
        }
        PushOptions options = ((PushOptionsParser.Valid) parsed).options();
        if (!rateLimit.tryAcquire(key.team(), System.nanoTime())) {
            refuse(ctx, ApnsReason.TooManyRequests);
            return;
        }
        Buffer body = ctx.get(PayloadReader.BODY);
        byte[] payload = body.getBytes();
        Optional<ApnsReason> bad = JsonPayload.problem(payload, options.maxPayload());
        if (bad.isPresent()) {
            refuse(ctx, bad.get());
            return;
        }
        devices.of(token.get()).onComplete(state -> {
            if (state.failed()) {
                refuse(ctx, ApnsReason.ServiceUnavailable);
            } else if (state.result() instanceof DeviceStates.Unknown) {
                refuse(ctx, ApnsReason.BadDeviceToken);
            } else if (state.result() instanceof DeviceStates.Revoked revoked) {
                // APNs: 410 with the last time the token was known valid, in milliseconds
                unregistered(ctx, revoked.at());
            } else {
                commit(ctx, key, token.get(), options, payload);
            }
        });
    }

    private void commit(RoutingContext ctx, ProviderKey key, DeviceToken token, PushOptions options, byte[] payload) {
        Notification notification = new Notification(options.apnsId(), token, options.topic(), options.pushType(),
                options.priority(), options.expiration(), options.collapseId(), payload, Instant.now());
        pipeline.accept(new Submission(key.team(), notification)).onComplete(committed -> {
            if (committed.succeeded()) {
                ctx.response().putHeader("apns-id", options.apnsId().toString()).setStatusCode(200).end();
            } else if (committed.cause() instanceof GroupCommit.Overloaded) {
                refuse(ctx, ApnsReason.ServiceUnavailable);
            } else if (committed.cause() instanceof PushPipeline.ReusedApnsId) {
                // the receipt API names notifications by apns-id, so one id stands for one notification
                refuse(ctx, ApnsReason.BadMessageId);
            } else {
                LOG.warning(() -> "cannot store a notification: " + committed.cause().getMessage());
                refuse(ctx, ApnsReason.InternalServerError);
            }
        });
    }

    private void receipt(Vertx vertx, RoutingContext ctx) {
        ProviderKey key = ctx.get(KEY);
        UUID id;
        try {
            id = UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            refuse(ctx, ApnsReason.BadPath);
            return;
        }
        Optional<Receipt> fresh = pipeline.unwrittenReceipt(id);
        Future<Optional<Receipt>> lookup = fresh.isPresent() ? Future.succeededFuture(fresh) : Blocking.offload(vertx, () -> store.receipt(id));
        lookup.onComplete(found -> {
            if (found.failed()) {
                refuse(ctx, ApnsReason.ServiceUnavailable);
                return;
            }
            Optional<Receipt> receipt = found.result().filter(r -> r.team().equals(key.team()));
            if (receipt.isEmpty()) {
                // another team's notification is as unknown as one that never was
                answer(ctx, 404, new JsonObject().put("reason", "NotFound"));
                return;
            }
            answer(ctx, 200, json(receipt.get()));
        });
    }

    static JsonObject json(Receipt r) {
        JsonObject body = new JsonObject().put("apns-id", r.id().toString()).put("status", r.status().word())
                .put("accepted-at", r.acceptedAt().toString());
        r.finishedAt().ifPresent(at -> body.put(r.status().word() + "-at", at.toString()));
        return body;
    }

    private void unregistered(RoutingContext ctx, Instant at) {
        metrics.rejected(ApnsReason.Unregistered.name());
        answer(ctx, 410, new JsonObject().put("reason", ApnsReason.Unregistered.name()).put("timestamp", at.toEpochMilli()));
    }

    private void refuse(RoutingContext ctx, ApnsReason reason) {
        metrics.rejected(reason.name());
        answer(ctx, reason.status(), new JsonObject().put("reason", reason.name()));
    }

    private static void answer(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }
}
