package io.landline.gateway.mqtt;

import io.landline.cluster.ClusterNode;
import io.landline.cluster.ClusterSettings;
import io.landline.cluster.presence.HazelcastPresence;
import io.landline.device.Device;
import io.landline.device.DeviceRepository;
import io.landline.gateway.https.HttpsSettings;
import io.landline.gateway.https.HttpsVerticle;
import io.landline.gateway.push.DeviceSessions;
import io.landline.gateway.push.PushRouter;
import io.landline.protocol.token.DeviceToken;
import io.landline.storage.Database;
import io.landline.storage.StorageSettings;
import io.landline.testkit.FreePorts;
import io.landline.tls.Pem;
import io.landline.tls.ServerTls;
import io.landline.tls.TlsSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The parts of a node the device endpoint needs, started for real in the test JVM: a clustered
 * Vert.x on Hazelcast, H2 storage, the node's TLS (CA and server certificate), the MQTT over TLS
 * listener on two event loops and the HTTPS listener with {@code /mqtt}. Nodes given the same
 * directory share the CA and the database, as the nodes of one cluster do.
 */
final class MqttTestNode implements AutoCloseable {

    final ClusterNode cluster;
    final Database database;
    final DeviceRepository devices;
    final ServerTls tls;
    final MqttEndpoint endpoint;
    final PushRouter router;
    final SimpleMeterRegistry registry;
    final int mqttPort;
    final int httpsPort;
    final Path dir;
    final List<String> ready = new CopyOnWriteArrayList<>();
    final List<String> gone = new CopyOnWriteArrayList<>();

    private MqttTestNode(ClusterNode cluster, Database database, ServerTls tls, MqttEndpoint endpoint, SimpleMeterRegistry registry,
                         int mqttPort, int httpsPort, Path dir) {
        this.cluster = cluster;
        this.database = database;
        this.devices = DeviceRepository.jdbc(database.dataSource());
        this.tls = tls;
        this.endpoint = endpoint;
        this.router = new PushRouter(cluster.vertx(), new HazelcastPresence(cluster), endpoint.delivery());
        this.registry = registry;
        this.mqttPort = mqttPort;
        this.httpsPort = httpsPort;
        this.dir = dir;
    }

    /** One node alone in its cluster. */
    static MqttTestNode start(Path dir, MqttSettings settings) throws Exception {
        int clusterPort = FreePorts.next();
        return start(dir, "mqtt-" + clusterPort, clusterPort, List.of(new ClusterSettings.Member("127.0.0.1", clusterPort)), settings);
    }

    static MqttTestNode start(Path dir, String clusterName, int clusterPort, List<ClusterSettings.Member> members, MqttSettings settings)
            throws Exception {
        ClusterNode cluster = await(ClusterNode.join(new ClusterSettings(clusterName, "127.0.0.1", clusterPort, FreePorts.next(), members),
                "n" + clusterPort, new VertxOptions().setEventLoopPoolSize(2), b -> b));
        Database database = Database.open(new StorageSettings("", "", "", 4), dir);
        ServerTls tls = ServerTls.create(new TlsSettings(Optional.empty(), Optional.empty(), TlsSettings.TlsEngine.AUTO, List.of()), dir);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        int httpsPort = FreePorts.next();
        MqttTestNode[] self = new MqttTestNode[1];
        DeviceSessions sessions = new DeviceSessions() {
            @Override
            public void deviceReady(DeviceToken token) {
                self[0].ready.add(token.hex());
            }

            @Override
            public void deviceGone(DeviceToken token) {
                self[0].gone.add(token.hex());
            }
        };
        MqttEndpoint endpoint = new MqttEndpoint(cluster.vertx(), settings, DeviceRepository.jdbc(database.dataSource()),
                new HazelcastPresence(cluster), sessions, cluster.hazelcast(), registry, Clock.systemUTC());
        self[0] = new MqttTestNode(cluster, database, tls, endpoint, registry, settings.port(), httpsPort, dir);
        await(endpoint.start());
        DeploymentOptions twoLoops = new DeploymentOptions().setInstances(2);
        await(cluster.vertx().deployVerticle(() -> endpoint.tcpVerticle(o -> tls.applyTo(o, io.vertx.core.http.ClientAuth.REQUIRED)), twoLoops));
        await(cluster.vertx().deployVerticle(() -> new HttpsVerticle(new HttpsSettings("127.0.0.1", httpsPort), tls::applyTo, registry,
                java.util.List.<io.landline.gateway.https.HttpsRoutes>of((v, router) -> router.get("/mqtt").handler(endpoint.webSocketRoute()))), twoLoops));
        return self[0];
    }

    static MqttSettings settings(int port) {
        return MqttSettings.defaults("127.0.0.1", port);
    }

    /** A new activated device: P-256 key, CSR, certificate with CN = token from this node's CA, stored. */
    TestDevice newDevice() throws Exception {
        DeviceToken token = DeviceToken.random(new SecureRandom());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=device"), keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
        X509Certificate certificate = tls.certificateAuthority().signDeviceCertificate(csr, token.hex(), Duration.ofDays(30));
        String pem = Pem.encodeCertificates(List.of(certificate));
        devices.insert(Device.active(token, pem, "EC P-256", Instant.now()));
        Path devicesDir = Files.createDirectories(dir.resolve("devices"));
        Path certificateFile = Files.writeString(devicesDir.resolve(token.hex() + ".pem"), pem);
        Path keyFile = Files.writeString(devicesDir.resolve(token.hex() + ".key"), Pem.encodePrivateKey(keys.getPrivate()));
        return new TestDevice(token, keys, certificate, certificateFile, keyFile);
    }

    double counter(String name, String... tags) {
        var search = registry.find(name).tags(tags);
        return search.counter() == null ? 0 : search.counter().count();
    }

    double gauge(String name, String... tags) {
        var gauge = registry.find(name).tags(tags).gauge();
        return gauge == null ? 0 : gauge.value();
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        try {
            await(endpoint.drain());
        } finally {
            await(cluster.leave());
            database.close();
        }
    }
}
