package io.landline.gateway.https;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The routes of the HTTPS listener. Every error, including a route that does not exist,
 * is answered in the provider API's own shape: a status and {@code {"reason": ...}}.
 */
public final class GatewayRoutes {

    private GatewayRoutes() {
    }

    /** The service's own routes; services add theirs (see {@link HttpsRoutes}), the catch-all answers last. */
    public static Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.get("/").handler(GatewayRoutes::service);
        router.route().last().handler(ctx -> reason(ctx, 404, "NotFound"));
        router.errorHandler(404, ctx -> reason(ctx, 404, "NotFound"));
        router.errorHandler(405, ctx -> reason(ctx, 405, "MethodNotAllowed"));
        router.errorHandler(413, ctx -> reason(ctx, 413, "PayloadTooLarge"));
        router.errorHandler(500, ctx -> reason(ctx, 500, "InternalServerError"));
        return router;
    }

    private static void service(RoutingContext ctx) {
        ctx.json(new JsonObject().put("service", "landline").put("version", Version.current()));
    }

    static void reason(RoutingContext ctx, int status, String reason) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader("content-type", "application/json")
                .end(new JsonObject().put("reason", reason).encode());
    }
}
