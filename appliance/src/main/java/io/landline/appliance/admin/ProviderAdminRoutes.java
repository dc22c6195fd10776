package io.landline.appliance.admin;

import io.landline.gateway.provider.keys.ProviderKeys;
import io.landline.provider.EcPublicKeys;
import io.landline.provider.ProviderKey;
import io.landline.storage.Blocking;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * {@code /v1/providers}: the provider keys in force, and adding and removing the ones stored in
 * the database ({@code landline provider add/list/remove}).
 * <ul>
 *   <li>{@code GET /v1/providers}: {@code {"providers": [{"team","key-id","topics","origin"}]}};</li>
 *   <li>{@code POST /v1/providers} with {@code {"team","key-id","key": PEM,"topics": [...]}}: 201, or 409 if it exists;</li>
 *   <li>{@code DELETE /v1/providers/{team}/{key-id}}: 204, 404, or 409 for a key declared in the config file.</li>
 * </ul>
 */
public final class ProviderAdminRoutes implements AdminRoutes {

    private static final Logger LOG = Logger.getLogger("landline.provider");
    private static final int MAX_BODY = 16 * 1024;

    private final Supplier<ProviderKeys> keys;

    /** @param keys the keys once the node's storage is up; null before */
    public ProviderAdminRoutes(Supplier<ProviderKeys> keys) {
        this.keys = keys;
    }

    @Override
    public void mount(Vertx vertx, Router router) {
        router.get("/v1/providers").handler(ctx -> withKeys(ctx, k -> list(ctx, k)));
        router.post("/v1/providers").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
                .handler(ctx -> withKeys(ctx, k -> add(vertx, ctx, k)));
        router.delete("/v1/providers/:team/:keyId").handler(ctx -> withKeys(ctx, k -> remove(vertx, ctx, k)));
    }

    private void withKeys(RoutingContext ctx, java.util.function.Consumer<ProviderKeys> use) {
        ProviderKeys k = keys.get();
        if (k == null) {
            answer(ctx, 503, new JsonObject().put("reason", "NotReady").put("message", "storage is not open yet"));
        } else {
            use.accept(k);
        }
    }

    private static void list(RoutingContext ctx, ProviderKeys keys) {
        JsonArray all = new JsonArray();
        for (ProviderKey key : keys.list()) {
            all.add(new JsonObject().put("team", key.team()).put("key-id", key.keyId())
                    .put("topics", new JsonArray(key.topics())).put("origin", key.origin().name().toLowerCase(java.util.Locale.ROOT)));
        }
        answer(ctx, 200, new JsonObject().put("providers", all));
    }

    private static void add(Vertx vertx, RoutingContext ctx, ProviderKeys keys) {
        ProviderKey key;
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body == null) {
                throw new IllegalArgumentException("the body must be a JSON object with team, key-id, key and topics");
            }
            ECPublicKey publicKey = EcPublicKeys.parse(body.getString("key"));
            List<String> topics = new ArrayList<>();
            for (Object topic : body.getJsonArray("topics", new JsonArray())) {
                topics.add(String.valueOf(topic));
            }
            key = new ProviderKey(body.getString("team"), body.getString("key-id"), publicKey, topics, ProviderKey.Origin.STORED);
        } catch (IllegalArgumentException | ClassCastException | DecodeException e) {
            answer(ctx, 400, new JsonObject().put("reason", "BadProviderKey").put("message", e.getMessage()));
            return;
        }
        Blocking.offload(vertx, () -> keys.add(key)).onComplete(r -> {
            if (r.failed()) {
                answer(ctx, 503, new JsonObject().put("reason", "StorageUnavailable"));
            } else if (r.result() == ProviderKeys.Added.ALREADY_EXISTS) {
                answer(ctx, 409, new JsonObject().put("reason", "ProviderKeyExists")
                        .put("message", "team " + key.team() + " already has a key " + key.keyId()));
            } else {
                LOG.info(() -> "provider key added: team " + key.team() + ", key id " + key.keyId() + ", topics "
                        + (key.topics().isEmpty() ? "any" : String.join(",", key.topics())));
                answer(ctx, 201, new JsonObject().put("team", key.team()).put("key-id", key.keyId()));
            }
        });
    }

    private static void remove(Vertx vertx, RoutingContext ctx, ProviderKeys keys) {
        String team = ctx.pathParam("team");
        String keyId = ctx.pathParam("keyId");
        Blocking.offload(vertx, () -> keys.remove(team, keyId)).onComplete(r -> {
            if (r.failed()) {
                answer(ctx, 503, new JsonObject().put("reason", "StorageUnavailable"));
                return;
            }
            switch (r.result()) {
                case REMOVED -> {
                    LOG.info(() -> "provider key removed: team " + team + ", key id " + keyId);
                    ctx.response().setStatusCode(204).end();
                }
                case NOT_FOUND -> answer(ctx, 404, new JsonObject().put("reason", "NoSuchProviderKey")
                        .put("message", "team " + team + " has no key " + keyId));
                case DECLARED_IN_CONFIG -> answer(ctx, 409, new JsonObject().put("reason", "DeclaredInConfig")
                        .put("message", "key " + keyId + " of team " + team + " is declared in the config file (gateway.providers); remove it there and restart"));
            }
        });
    }

    private static void answer(RoutingContext ctx, int status, JsonObject body) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
        }
    }
}
