package io.landline.appliance.admin;

import io.landline.appliance.node.Readiness;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The admin API, on a private address (127.0.0.1:9100 by default), plain HTTP:
 * <ul>
 *   <li>{@code GET /metrics}: Prometheus text exposition, unauthenticated like any scrape target;</li>
 *   <li>{@code GET /health/live}, {@code GET /health/ready}: for systemd, load balancers and probes;</li>
 *   <li>{@code /v1/...}: operator commands, only with {@code authorization: Bearer <admin token>}.</li>
 * </ul>
 */
public final class AdminVerticle extends VerticleBase {

    private final String host;
    private final int port;
    private final AdminToken token;
    private final Readiness readiness;
    private final PrometheusMeterRegistry registry;
    private final Supplier<Future<JsonObject>> nodeStatus;
    private final Counter refused;
    private final Counter connectionErrors;
    private final List<AdminRoutes> services = new ArrayList<>();
    private HttpServer server;

    public AdminVerticle(String host, int port, AdminToken token, Readiness readiness,
                         PrometheusMeterRegistry registry, Supplier<Future<JsonObject>> nodeStatus) {
        this.host = host;
        this.port = port;
        this.token = token;
        this.readiness = readiness;
        this.registry = registry;
        this.nodeStatus = nodeStatus;
        this.refused = Counter.builder("landline.admin.unauthorized")
                .description("Admin API calls refused for a missing or wrong token")
                .register((MeterRegistry) registry);
        this.connectionErrors = Counter.builder("landline.admin.connection.errors")
                .description("Admin API connections dropped for an error (reset, malformed request)")
                .register((MeterRegistry) registry);
    }

    /** Adds a service's operator routes under {@code /v1/}, behind the admin token; call before deploying. */
    public AdminVerticle withRoutes(AdminRoutes routes) {
        services.add(routes);
        return this;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "live")));
        router.get("/health/ready").handler(this::ready);
        // A scrape reads every gauge, and some ask Hazelcast, which may wait on other members: off the event loop.
        router.get("/metrics").handler(ctx -> vertx.executeBlocking(registry::scrape, false)
                .onSuccess(text -> ctx.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(text))
                .onFailure(ctx::fail));
        router.route("/v1/*").handler(this::authorize);
        router.get("/v1/node").handler(ctx -> nodeStatus.get()
                .onSuccess(ctx::json)
                .onFailure(e -> reason(ctx, 500, "StatusUnavailable")));
        services.forEach(service -> service.mount(vertx, router));
        router.route().last().handler(ctx -> reason(ctx, 404, "NotFound"));
        router.errorHandler(405, ctx -> reason(ctx, 405, "MethodNotAllowed"));
        router.errorHandler(500, ctx -> reason(ctx, 500, "InternalServerError"));
        server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
                .setIdleTimeout(60).setMaxInitialLineLength(1024).setMaxHeaderSize(8192));
        return server.requestHandler(router).exceptionHandler(e -> connectionErrors.increment()).listen();
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void ready(RoutingContext ctx) {
        boolean ready = readiness.isReady();
        JsonObject body = new JsonObject()
                .put("status", ready ? "ready" : readiness.isDraining() ? "draining" : "starting")
                .put("checks", new JsonObject(new java.util.LinkedHashMap<>(readiness.states())));
        ctx.response().setStatusCode(ready ? 200 : 503);
        ctx.json(body);
    }

    private void authorize(RoutingContext ctx) {
        if (token.admits(ctx.request().getHeader("authorization"))) {
            ctx.next();
            return;
        }
        refused.increment();
        ctx.response().putHeader("www-authenticate", "Bearer realm=\"landline-admin\"");
        reason(ctx, 401, "Unauthorized");
    }

    private static void reason(RoutingContext ctx, int status, String reason) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                    .end(new JsonObject().put("reason", reason).encode());
        }
    }
}
