package io.landline.relay.turn.server;

import io.landline.net.PortRange;
import io.landline.relay.RelaySettings;
import io.landline.relay.TurnSettings;
import io.landline.relay.turn.policy.Cidr;
import io.landline.testkit.FreePorts;
import io.landline.tls.ServerTls;
import io.landline.tls.TlsSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A TURN server on free loopback ports in its own Vert.x (native transport, as a node runs),
 * with the settings a test chooses. Close it after use.
 */
final class TurnFixture implements AutoCloseable {

    static final String USER = "alice";
    static final String PASSWORD = "wonderland";
    static final String REALM = "landline.test";
    static final String SECRET = "rest-secret-one";

    final int port;
    final int tlsPort;
    final Path tlsDir;
    final Vertx vertx;
    final TurnServer server;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private TurnFixture(Builder b) throws Exception {
        this.port = FreePorts.consecutive(2);
        this.tlsPort = FreePorts.next();
        this.tlsDir = Files.createTempDirectory("turn-tls");
        TurnSettings turn = new TurnSettings(REALM, "127.0.0.1", b.users, b.secrets, b.allowed, Optional.empty(), b.relayAddressV6,
                Optional.empty(), b.nonceLifetime, b.maxAllocations, b.userQuota, b.requestsPerSecond, b.bandwidthKbps,
                b.receiveCoalescing);
        RelaySettings settings = new RelaySettings(new PortRange(port, port + 1), tlsPort, b.relayPorts, new PortRange(16384, 16402), turn);
        ServerTls tls = ServerTls.create(new TlsSettings(Optional.empty(), Optional.empty(), TlsSettings.TlsEngine.AUTO, List.of()), tlsDir);
        this.vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
        this.server = TurnServer.start(vertx, settings, tls::applyTo, registry, b.clock).await(20, TimeUnit.SECONDS);
    }

    static Builder with() {
        return new Builder();
    }

    InetSocketAddress udp() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    TurnMetrics metrics() {
        return server.metrics();
    }

    Path caFile() {
        return tlsDir.resolve("tls").resolve("ca.pem");
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop().await(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
            try (var files = Files.walk(tlsDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static final class Builder {
        private List<String> users = List.of(USER + ":" + PASSWORD);
        private List<String> secrets = List.of();
        private final List<Cidr> allowed = new ArrayList<>();
        private Duration nonceLifetime = Duration.ofMinutes(10);
        private Duration receiveCoalescing = Duration.ofNanos(100_000);
        private int maxAllocations = 1000;
        private int userQuota = 50;
        private int requestsPerSecond = 0;
        private int bandwidthKbps = 0;
        private PortRange relayPorts = new PortRange(49152, 65535);
        private Clock clock = Clock.systemUTC();
        private Optional<InetAddress> relayAddressV6 = Optional.empty();

        Builder users(String... entries) {
            users = List.of(entries);
            return this;
        }

        Builder restSecrets(String... newestFirst) {
            secrets = List.of(newestFirst);
            return this;
        }

        Builder allow(String cidr) {
            allowed.add(Cidr.parse(cidr));
            return this;
        }

        Builder receiveCoalescing(Duration pause) {
            receiveCoalescing = pause;
            return this;
        }

        Builder nonceLifetime(Duration lifetime) {
            nonceLifetime = lifetime;
            return this;
        }

        Builder maxAllocations(int max) {
            maxAllocations = max;
            return this;
        }

        Builder userQuota(int quota) {
            userQuota = quota;
            return this;
        }

        Builder requestsPerSecond(int limit) {
            requestsPerSecond = limit;
            return this;
        }

        Builder relayIpv6(InetAddress address) {
            relayAddressV6 = Optional.of(address);
            return this;
        }

        Builder clock(Clock c) {
            clock = c;
            return this;
        }

        TurnFixture start() throws Exception {
            return new TurnFixture(this);
        }
    }
}
