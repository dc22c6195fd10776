package io.landline.appliance.node;

import io.landline.appliance.admin.ActivationAdminRoutes;
import io.landline.appliance.admin.AdminToken;
import io.landline.appliance.admin.AdminVerticle;
import io.landline.appliance.admin.ProviderAdminRoutes;
import io.landline.appliance.config.LandlineConfig;
import io.landline.appliance.systemd.SystemdNotifier;
import io.landline.cluster.ClusterNode;
import io.landline.cluster.HazelcastMetrics;
import io.landline.cluster.presence.HazelcastPresence;
import io.landline.device.DeviceRepository;
import io.landline.gateway.activation.Activation;
import io.landline.gateway.https.HttpsVerticle;
import io.landline.gateway.mqtt.MqttEndpoint;
import io.landline.gateway.provider.ProviderService;
import io.landline.gateway.push.ClusterNotificationRouter;
import io.landline.gateway.push.DeviceDelivery;
import io.landline.gateway.push.DeviceSessions;
import io.landline.gateway.push.ForwardingDeviceSessions;
import io.landline.gateway.push.PushRouter;
import io.vertx.core.http.ClientAuth;
import io.landline.relay.turn.server.TurnServer;
import io.landline.storage.Blocking;
import io.landline.storage.Database;
import io.landline.tls.ServerTls;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One running Landline node: starts its parts in order (TLS material and the database in
 * parallel with the cluster join), reports readiness, and stops them in reverse: stop
 * accepting, drain, leave the cluster, close storage.
 */
public final class LandlineNode {

    private static final Logger LOG = Logger.getLogger("landline.node");
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    private static final long STORAGE_PING_MS = 10_000;

    private final LandlineConfig config;
    private final SystemdNotifier systemd;
    private final NodeMetrics metrics = new NodeMetrics();
    private final Readiness readiness = new Readiness(List.of("storage", "cluster", "https", "mqtt", "admin", "relay"));
    private final Instant startedAt = Instant.now();
    private final NodeStatus status;

    private ClusterNode cluster;
    private Database database;
    private ServerTls tls;
    private String httpsDeployment;
    private MqttEndpoint mqtt;
    private String mqttDeployment;
    private PushRouter pushRouter;
    private volatile ProviderService provider;
    private TurnServer turn;
    private volatile boolean storageUp;
    private boolean stopped;

    private LandlineNode(LandlineConfig config, SystemdNotifier systemd) {
        this.config = config;
        this.systemd = systemd;
        this.status = new NodeStatus(this);
    }

    /** Starts a node and returns once it is ready; on failure, whatever started is stopped again. */
    public static LandlineNode start(LandlineConfig config, SystemdNotifier systemd) throws StartupException {
        LandlineNode node = new LandlineNode(config, systemd);
        try {
            node.startParts();
            return node;
        } catch (StartupException e) {
            node.stop();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            node.stop();
            throw new StartupException("interrupted while starting", 1);
        }
    }

    private void startParts() throws StartupException, InterruptedException {
        long t0 = System.nanoTime();
        Path dataDir = config.node().dataDir();
        LOG.info(() -> "starting Landline " + NodeStatus.version() + " node '" + config.node().name() + "' from " + config.source()
                + ", data in " + dataDir.toAbsolutePath().normalize());
        createDataDir(dataDir);

        ExecutorService startup = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "landline-startup");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletableFuture<ServerTls> tlsSetup = CompletableFuture.supplyAsync(() -> ServerTls.create(config.tls(), dataDir), startup);
            CompletableFuture<Database> storage = CompletableFuture.supplyAsync(() -> Database.open(config.storage(), dataDir, metrics.registry()), startup);

            // Native epoll where it loads: SO_REUSEPORT lets every event loop read the TURN UDP ports.
            VertxOptions options = metrics.enableVertxMetrics(new VertxOptions().setPreferNativeTransport(true));
            cluster = step("join cluster '" + config.cluster().name() + "' on " + config.cluster().host() + ":" + config.cluster().port(),
                    () -> Futures.await(ClusterNode.join(config.cluster(), config.node().name(), options, metrics::withVertxMetrics), STEP_TIMEOUT));
            new HazelcastMetrics(cluster).bindTo(metrics.registry());
            readiness.register("cluster", cluster::isJoined);
            Vertx vertx = cluster.vertx();

            // Storage and TLS first: activation (admin and HTTPS routes), the device endpoint's CONNECT
            // lookups and the provider API (200 only once committed) need them.
            database = step("open storage", () -> storage.join());
            storageUp = true;
            readiness.register("storage", () -> storageUp);
            LOG.info(() -> "storage " + database.vendor() + " at schema version " + database.schemaVersion());

            tls = step("set up TLS", () -> tlsSetup.join());
            tls.deviceCertificateTrust().bindTo(metrics.registry());
            LOG.info(() -> "TLS engine " + tls.engineName() + ", certificate " + tls.certificatePath() + ", TLSv1.3 and TLSv1.2 only");
            Activation activation = Activation.create(vertx, config.activation(), tls.certificateAuthority(), database.dataSource(),
                    metrics.registry(), Clock.systemUTC());

            // The device endpoint and the push pipeline need each other: the endpoint reports devices
            // ready or gone to the pipeline, the pipeline delivers through the endpoint.
            HazelcastPresence presence = new HazelcastPresence(cluster);
            ForwardingDeviceSessions deviceSessions = new ForwardingDeviceSessions();
            mqtt = new MqttEndpoint(vertx, config.mqtt(), DeviceRepository.jdbc(database.dataSource()), presence,
                    deviceSessions, cluster.hazelcast(), metrics.registry(), Clock.systemUTC());
            pushRouter = new PushRouter(vertx, presence, mqtt.delivery(), PushRouter.DEFAULT_TIMEOUT, config.providerApi().push().deliveryWait());
            provider = step("start push pipeline", () -> Futures.await(ProviderService.start(vertx, database.dataSource(), config.providerApi(),
                    mqtt.delivery(), new ClusterNotificationRouter(presence, pushRouter), metrics.registry()), STEP_TIMEOUT));
            deviceSessions.forwardTo(provider.deviceSessions());
            mqtt.routeInboxTo(provider.pipeline()::deliverRouted);
            mqtt.handOverInboxTo(provider.pipeline()::handOverHere);
            step("start the device endpoint", () -> Futures.await(mqtt.start(), STEP_TIMEOUT));

            AdminToken token = step("write admin token", () -> AdminToken.create(dataDir, new SecureRandom()));
            AdminVerticle admin = new AdminVerticle(config.admin().host(), config.admin().port(), token, readiness, metrics.registry(), status::json)
                    .withRoutes((v, router) -> new ActivationAdminRoutes(activation, database.dataSource()).mount(router))
                    .withRoutes(new ProviderAdminRoutes(() -> provider == null ? null : provider.keys()));
            step("listen on " + config.admin().host() + ":" + config.admin().port() + " (admin)", () -> Futures.await(vertx.deployVerticle(admin), STEP_TIMEOUT));
            readiness.register("admin", () -> true);

            DeploymentOptions perEventLoop = new DeploymentOptions().setInstances(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE);
            mqttDeployment = step("listen on " + config.mqtt().host() + ":" + config.mqtt().port() + " (mqtt)",
                    () -> Futures.await(vertx.deployVerticle(() -> mqtt.tcpVerticle(o -> tls.applyTo(o, ClientAuth.REQUIRED)), perEventLoop), STEP_TIMEOUT));
            readiness.register("mqtt", () -> mqttDeployment != null);

            httpsDeployment = step("listen on " + config.https().host() + ":" + config.https().port() + " (https)",
                    () -> Futures.await(vertx.deployVerticle(() -> new HttpsVerticle(config.https(), tls::applyTo, metrics.registry(), List.of(
                            (v, router) -> activation.mount(router),
                            (v, router) -> router.get("/mqtt").handler(mqtt.webSocketRoute()),
                            provider.routes())), perEventLoop), STEP_TIMEOUT));
            readiness.register("https", () -> httpsDeployment != null);

            turn = step("listen on " + config.relay().turn().host() + " ports " + config.relay().turnPorts() + " and "
                            + config.relay().turnTlsPort() + " (STUN/TURN)",
                    () -> Futures.await(TurnServer.start(vertx, config.relay(), tls::applyTo, metrics.registry(), Clock.systemUTC()), STEP_TIMEOUT));
            // Before the last readiness check passes, so that no load balancer sends traffic into it.
            StartupCollection.run();
            readiness.register("relay", () -> turn != null);
            vertx.setPeriodic(STORAGE_PING_MS, id -> Blocking.offload(vertx, database::ping).onComplete(r -> {
                boolean up = r.succeeded() && Boolean.TRUE.equals(r.result());
                if (up != storageUp) {
                    LOG.log(up ? Level.INFO : Level.WARNING, up ? "storage reachable again" : "storage unreachable: node not ready");
                }
                storageUp = up;
            }));
        } finally {
            startup.shutdownNow();
        }

        long ms = (System.nanoTime() - t0) / 1_000_000;
        String summary = "ready in " + ms + " ms: https " + config.https().host() + ":" + config.https().port()
                + ", mqtt " + config.mqtt().host() + ":" + config.mqtt().port()
                + ", STUN/TURN " + config.relay().turnPorts() + " and " + config.relay().turnTlsPort()
                + ", admin " + config.admin().host() + ":" + config.admin().port()
                + ", cluster '" + config.cluster().name() + "' with " + cluster.memberCount() + " member(s)";
        LOG.info(summary);
        systemd.ready(summary);
        systemd.watchdogInterval().ifPresent(interval ->
                // Pinged from an event loop, so a blocked event loop stops the pings and systemd restarts the node.
                cluster.vertx().setPeriodic(Math.max(100, interval.toMillis()), id -> systemd.watchdog()));
    }

    /**
     * Stops accepting, drains in-flight work, leaves the cluster and closes storage,
     * within {@code node.shutdown-timeout}. Safe to call more than once.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        long t0 = System.nanoTime();
        long deadline = t0 + config.node().shutdownTimeout().toNanos();
        readiness.drain();
        systemd.stopping("draining");
        LOG.info("stopping: no new connections, draining");
        if (mqtt != null) {
            // DESIGN: devices are told to reconnect elsewhere (DISCONNECT 0x9C) before the listeners close.
            quietly("drain device connections", () -> Futures.await(mqtt.drain(), remaining(deadline)));
        }
        if (cluster != null && mqttDeployment != null) {
            quietly("close mqtt listener", () -> Futures.await(cluster.vertx().undeploy(mqttDeployment), remaining(deadline)));
        }
        if (turn != null) {
            quietly("close STUN/TURN listeners", () -> Futures.await(turn.stop(), remaining(deadline)));
        }
        if (cluster != null && httpsDeployment != null) {
            quietly("close https listener", () -> Futures.await(cluster.vertx().undeploy(httpsDeployment), remaining(deadline)));
        }
        if (cluster != null) {
            quietly("leave cluster", () -> Futures.await(cluster.leave(), remaining(deadline)));
        }
        if (database != null) {
            quietly("close storage", () -> {
                database.close();
                return null;
            });
        }
        metrics.close();
        LOG.info(() -> "stopped in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    public LandlineConfig config() {
        return config;
    }

    Instant startedAt() {
        return startedAt;
    }

    Readiness readiness() {
        return readiness;
    }

    ClusterNode cluster() {
        return cluster;
    }

    Database database() {
        return database;
    }

    /** The push pipeline's side of the device seam, for the device endpoint. */
    public DeviceSessions deviceSessions() {
        return provider.deviceSessions();
    }

    ServerTls tls() {
        return tls;
    }

    /**
     * Delivers a notification to its device on whichever node holds the connection, completing
     * on PUBACK; the push pipeline's {@link DeviceDelivery}.
     */
    public DeviceDelivery deviceDelivery() {
        return pushRouter;
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(100_000_000L, deadlineNanos - System.nanoTime()));
    }

    private static void createDataDir(Path dataDir) throws StartupException {
        try {
            if (!Files.isDirectory(dataDir)) {
                Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
            }
            if (!Files.isWritable(dataDir)) {
                throw new StartupException("data directory " + dataDir + " (node.data-dir) is not writable", 2);
            }
        } catch (IOException e) {
            throw new StartupException("cannot create data directory " + dataDir + " (node.data-dir): " + Futures.rootMessage(e), 2);
        }
    }

    private interface Step<T> {
        T run() throws Exception;
    }

    private static <T> T step(String what, Step<T> step) throws StartupException, InterruptedException {
        try {
            return step.run();
        } catch (InterruptedException e) {
            throw e;
        } catch (TimeoutException e) {
            throw new StartupException("cannot " + what + ": timed out", 1);
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException || e instanceof CompletionException ? e.getCause() : e;
            if (cause instanceof io.landline.tls.TlsSetupException) {
                throw new StartupException(cause.getMessage(), 2);
            }
            throw new StartupException("cannot " + what + ": " + Futures.rootMessage(cause), 1);
        }
    }

    private static void quietly(String what, Step<?> step) {
        try {
            step.run();
        } catch (Exception e) {
            LOG.warning(() -> "while stopping, could not " + what + ": " + Futures.rootMessage(e));
        }
    }
}
