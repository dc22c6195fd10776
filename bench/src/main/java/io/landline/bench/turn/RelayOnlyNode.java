package io.landline.bench.turn;

import io.landline.appliance.config.ConfigLoader;
import io.landline.appliance.config.LandlineConfig;
import io.landline.relay.turn.server.TurnServer;
import io.landline.tls.ServerTls;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Landline's STUN/TURN server alone, started from a Landline configuration file exactly as a
 * node starts it (same TurnServer, same native-transport Vert.x, same TLS setup, a Prometheus
 * registry), without the node's other services. turn-compare.sh falls back to it while
 * {@code landline start} does not yet run the relay; figures taken this way say so.
 * Runs until SIGTERM. {@code java -cp ... io.landline.bench.turn.RelayOnlyNode CONFIG}
 */
public final class RelayOnlyNode {

    private RelayOnlyNode() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: RelayOnlyNode CONFIG");
            System.exit(2);
        }
        LandlineConfig config = ConfigLoader.load(Optional.of(Path.of(args[0])), System.getenv());
        Path dataDir = config.node().dataDir();
        Files.createDirectories(dataDir);
        ServerTls tls = ServerTls.create(config.tls(), dataDir);
        Vertx vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        TurnServer server = TurnServer.start(vertx, config.relay(), tls::applyTo, registry, Clock.systemUTC())
                .await(30, TimeUnit.SECONDS);
        System.out.println("relay-only node ready");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop().await(10, TimeUnit.SECONDS);
                vertx.close().await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("relay-only node: stop failed: " + e);
            } finally {
                stopped.countDown();
            }
        }));
        stopped.await();
    }
}
