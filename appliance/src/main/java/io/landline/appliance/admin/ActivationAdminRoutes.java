package io.landline.appliance.admin;

import io.landline.device.Device;
import io.landline.device.DeviceRepository;
import io.landline.gateway.activation.Activation;
import io.landline.gateway.activation.InviteMinter;
import io.landline.protocol.token.DeviceToken;
import io.landline.storage.Blocking;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The operator's side of activation on the admin API (behind its token):
 * <ul>
 *   <li>{@code POST /v1/invites} {@code {"count":N,"expiresInSeconds":S}}: mints invite codes, 201 with the codes;</li>
 *   <li>{@code GET /v1/devices?limit=N}: counts and the newest devices;</li>
 *   <li>{@code GET /v1/devices/{token}}: one device;</li>
 *   <li>{@code POST /v1/devices/{token}/revoke}: revokes it and closes its connection (404 {@code UnknownDevice}).</li>
 * </ul>
 */
public final class ActivationAdminRoutes {

    static final int DEFAULT_LIST_LIMIT = 20;
    static final int MAX_LIST_LIMIT = 1000;
    static final long DEFAULT_INVITE_SECONDS = Duration.ofDays(7).toSeconds();

    private final Activation activation;
    private final DeviceRepository devices;

    public ActivationAdminRoutes(Activation activation, DataSource dataSource) {
        this.activation = activation;
        this.devices = DeviceRepository.jdbc(dataSource);
    }

    public void mount(Router router) {
        router.post("/v1/invites").handler(BodyHandler.create(false).setBodyLimit(1024)).handler(this::mintInvites);
        router.get("/v1/devices").handler(this::list);
        router.get("/v1/devices/:token").handler(this::show);
        router.post("/v1/devices/:token/revoke").handler(this::revoke);
    }

    private void mintInvites(RoutingContext ctx) {
        JsonObject request;
        try {
            request = ctx.body().length() == 0 ? new JsonObject() : ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            reason(ctx, 400, "BadRequest", "body is not a JSON object");
            return;
        }
        Object count = request.getValue("count", 1);
        Object seconds = request.getValue("expiresInSeconds", DEFAULT_INVITE_SECONDS);
        if (!(count instanceof Integer n) || !(seconds instanceof Number s) || s.longValue() != s.doubleValue()) {
            reason(ctx, 400, "BadRequest", "count and expiresInSeconds must be whole numbers");
            return;
        }
        try {
            activation.invites().mint(n, Duration.ofSeconds(s.longValue()))
                    .onSuccess(minted -> {
                        JsonArray invites = new JsonArray();
                        minted.forEach(m -> invites.add(new JsonObject().put("code", m.code()).put("expiresAt", m.expiresAt().toString())));
                        ctx.response().setStatusCode(201);
                        ctx.json(new JsonObject().put("invites", invites));
                    })
                    .onFailure(e -> reason(ctx, 500, "StorageUnavailable", e.getMessage()));
        } catch (IllegalArgumentException e) {
            reason(ctx, 400, "BadRequest", e.getMessage() + " (at most " + InviteMinter.MAX_BATCH + " per call)");
        }
    }

    private void list(RoutingContext ctx) {
        int limit;
        try {
            limit = Integer.parseInt(ctx.request().getParam("limit", String.valueOf(DEFAULT_LIST_LIMIT)));
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 0 || limit > MAX_LIST_LIMIT) {
            reason(ctx, 400, "BadRequest", "limit must be 0-" + MAX_LIST_LIMIT);
            return;
        }
        int n = limit;
        Blocking.offload(ctx.vertx(), () -> {
            long total = devices.count();
            long active = devices.countActive();
            JsonArray recent = new JsonArray();
            devices.recent(n).forEach(d -> recent.add(json(d)));
            return new JsonObject().put("total", total).put("active", active).put("revoked", total - active).put("devices", recent);
        }).onSuccess(ctx::json).onFailure(e -> reason(ctx, 500, "StorageUnavailable", e.getMessage()));
    }

    private void show(RoutingContext ctx) {
        Optional<DeviceToken> token = token(ctx);
        if (token.isEmpty()) {
            return;
        }
        Blocking.offload(ctx.vertx(), () -> devices.find(token.get()))
                .onSuccess(device -> device.ifPresentOrElse(
                        d -> ctx.json(json(d).put("certificate", d.certificatePem())),
                        () -> reason(ctx, 404, "UnknownDevice", "no device has token " + token.get())))
                .onFailure(e -> reason(ctx, 500, "StorageUnavailable", e.getMessage()));
    }

    private void revoke(RoutingContext ctx) {
        Optional<DeviceToken> token = token(ctx);
        if (token.isEmpty()) {
            return;
        }
        activation.revocation().revoke(token.get())
                .onSuccess(revoked -> revoked.ifPresentOrElse(
                        r -> ctx.json(json(r.device()).put("changed", r.changed())),
                        () -> reason(ctx, 404, "UnknownDevice", "no device has token " + token.get())))
                .onFailure(e -> reason(ctx, 500, "StorageUnavailable", e.getMessage()));
    }

    private static Optional<DeviceToken> token(RoutingContext ctx) {
        Optional<DeviceToken> token = DeviceToken.parse(ctx.pathParam("token"));
        if (token.isEmpty()) {
            reason(ctx, 400, "BadDeviceToken", "a device token is 64 hex digits");
        }
        return token;
    }

    private static JsonObject json(Device device) {
        return new JsonObject()
                .put("token", device.token().hex())
                .put("keyAlgorithm", device.keyAlgorithm())
                .put("activatedAt", device.activatedAt().toString())
                .put("revokedAt", device.revokedAt().map(Object::toString).orElse(null));
    }

    private static void reason(RoutingContext ctx, int status, String reason, String detail) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                    .end(new JsonObject().put("reason", reason).put("detail", detail).encode());
        }
    }
}
