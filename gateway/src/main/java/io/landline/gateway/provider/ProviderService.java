package io.landline.gateway.provider;

import io.landline.device.DeviceRepository;
import io.landline.gateway.https.HttpsRoutes;
import io.landline.gateway.provider.keys.ProviderKeys;
import io.landline.gateway.provider.keys.ProviderTokens;
import io.landline.gateway.push.DeviceDelivery;
import io.landline.gateway.push.DeviceSessions;
import io.landline.gateway.push.NotificationRouter;
import io.landline.gateway.push.PushMetrics;
import io.landline.gateway.push.PushPipeline;
import io.landline.notification.NotificationStore;
import io.landline.provider.ProviderKeyRepository;
import io.landline.storage.Blocking;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The provider API and its push pipeline, put together for one node: the keys in force, the
 * token checks, the store, the pipeline verticle and the HTTPS routes.
 */
public final class ProviderService {

    private static final Logger LOG = Logger.getLogger("landline.provider");
    /** Keys added on another node of the cluster take effect here within this time. */
    public static final long KEY_REFRESH_MS = 10_000;

    private final ProviderKeys keys;
    private final PushPipeline pipeline;
    private final ProviderApi api;

    private ProviderService(ProviderKeys keys, PushPipeline pipeline, ProviderApi api) {
        this.keys = keys;
        this.pipeline = pipeline;
        this.api = api;
    }

    /** Loads the stored keys, deploys the pipeline and readies the routes. */
    public static Future<ProviderService> start(Vertx vertx, DataSource dataSource, ProviderApiSettings settings,
                                                DeviceDelivery delivery, NotificationRouter router, MeterRegistry registry) {
        ProviderKeys keys = new ProviderKeys(settings.providers(), ProviderKeyRepository.jdbc(dataSource));
        NotificationStore store = NotificationStore.jdbc(dataSource, settings.push().maxPendingPerDevice());
        PushMetrics metrics = new PushMetrics(registry);
        PushPipeline pipeline = new PushPipeline(store, delivery, router, settings.push(), metrics);
        ProviderTokens tokens = new ProviderTokens(keys, ProviderTokens.DEFAULT_CACHE_SIZE);
        Gauge.builder("landline.provider.keys", keys, k -> k.list().size()).description("Provider keys in force").register(registry);
        ProviderApi api = new ProviderApi(tokens, new TeamRateLimit(settings.teamRateLimit()),
                new DeviceStates(vertx, DeviceRepository.jdbc(dataSource)), pipeline, store, metrics);
        return Blocking.offload(vertx, () -> {
                    keys.refresh();
                    return keys.list().size();
                })
                .compose(count -> {
                    LOG.info(() -> count + " provider key(s) in force (" + settings.providers().size() + " from the config file)");
                    return vertx.deployVerticle(pipeline);
                })
                .map(id -> {
                    vertx.setPeriodic(KEY_REFRESH_MS, t -> Blocking.offload(vertx, () -> {
                        keys.refresh();
                        return null;
                    }).onFailure(e -> LOG.warning(() -> "cannot re-read provider keys: " + e.getMessage())));
                    return new ProviderService(keys, pipeline, api);
                });
    }

    public ProviderKeys keys() {
        return keys;
    }

    /** What the device endpoint tells when a device is ready or gone. */
    public DeviceSessions deviceSessions() {
        return pipeline;
    }

    /** For the event-bus consumer that receives notifications routed here by other nodes. */
    public PushPipeline pipeline() {
        return pipeline;
    }

    public HttpsRoutes routes() {
        return api;
    }
}
