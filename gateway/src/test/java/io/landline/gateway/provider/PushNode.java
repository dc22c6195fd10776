package io.landline.gateway.provider;

import io.landline.client.jws.JwsSigner;
import io.landline.device.Device;
import io.landline.device.DeviceRepository;
import io.landline.gateway.https.HttpsSettings;
import io.landline.gateway.https.HttpsVerticle;
import io.landline.gateway.provider.keys.ProviderKeys;
import io.landline.gateway.provider.keys.ProviderTokens;
import io.landline.gateway.push.NotificationRouter;
import io.landline.gateway.push.PushMetrics;
import io.landline.gateway.push.PushPipeline;
import io.landline.gateway.push.PushSettings;
import io.landline.gateway.push.RecordingDelivery;
import io.landline.notification.NotificationStore;
import io.landline.protocol.token.DeviceToken;
import io.landline.provider.ProviderKey;
import io.landline.provider.ProviderKeyRepository;
import io.landline.storage.Database;
import io.landline.storage.StorageSettings;
import io.landline.testkit.FreePorts;
import io.landline.tls.ServerTls;
import io.landline.tls.TlsSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The provider API and push pipeline as a node runs them — real TLS on a loopback port, a real
 * database, the real pipeline — with a {@link RecordingDelivery} in place of the MQTT endpoint.
 * Closing and starting again on the same data directory or database is a node restart.
 */
final class PushNode implements AutoCloseable {

    static final String TEAM = "ABCDE12345";
    static final String KEY_ID = "KEY1234567";
    static final List<String> TOPICS = List.of("com.example.app", "com.example.app.voip");
    static final SecureRandom RANDOM = new SecureRandom();

    final Vertx vertx;
    final Database database;
    final ServerTls tls;
    final RecordingDelivery delivery = new RecordingDelivery();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final PushPipeline pipeline;
    final NotificationStore store;
    final DeviceRepository devices;
    final int port;

    private PushNode(Path dataDir, StorageSettings storage, List<ProviderKey> keys, PushSettings settings, int rate) throws Exception {
        database = Database.open(storage, dataDir);
        tls = ServerTls.create(new TlsSettings(Optional.empty(), Optional.empty(), TlsSettings.TlsEngine.AUTO, List.of()), dataDir);
        vertx = Vertx.vertx();
        store = NotificationStore.jdbc(database.dataSource(), settings.maxPendingPerDevice());
        devices = DeviceRepository.jdbc(database.dataSource());
        PushMetrics metrics = new PushMetrics(registry);
        pipeline = new PushPipeline(store, delivery, NotificationRouter.LOCAL_ONLY, settings, metrics);
        vertx.deployVerticle(pipeline).await(10, TimeUnit.SECONDS);
        ProviderKeys providerKeys = new ProviderKeys(keys, ProviderKeyRepository.jdbc(database.dataSource()));
        ProviderApi api = new ProviderApi(new ProviderTokens(providerKeys, 100), new TeamRateLimit(rate),
                new DeviceStates(vertx, devices), pipeline, store, metrics);
        port = FreePorts.next();
        vertx.deployVerticle(() -> new HttpsVerticle(new HttpsSettings("127.0.0.1", port), tls::applyTo, registry, List.of(api)),
                new DeploymentOptions().setInstances(2)).await(10, TimeUnit.SECONDS);
    }

    static PushNode start(Path dataDir, StorageSettings storage, List<ProviderKey> keys) throws Exception {
        return start(dataDir, storage, keys, PushSettings.defaults(), 10_000);
    }

    static PushNode start(Path dataDir, StorageSettings storage, List<ProviderKey> keys, PushSettings settings, int rate) throws Exception {
        return new PushNode(dataDir, storage, keys, settings, rate);
    }

    static StorageSettings h2() {
        return new StorageSettings("", "", "", 4);
    }

    static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static ProviderKey key(KeyPair pair, String team, String keyId, List<String> topics) {
        return new ProviderKey(team, keyId, (ECPublicKey) pair.getPublic(), topics, ProviderKey.Origin.CONFIG);
    }

    static String jwt(KeyPair pair, String team, String keyId, Instant issuedAt) {
        return new JwsSigner(pair.getPrivate()).sign(Map.of("kid", keyId), Map.of("iss", team, "iat", issuedAt.getEpochSecond()));
    }

    /** A device activated now; {@code revokedAt} set: revoked then. */
    DeviceToken device(Optional<Instant> revokedAt) {
        DeviceToken token = DeviceToken.random(RANDOM);
        devices.insert(new Device(token, "-----BEGIN CERTIFICATE-----", "EC P-256", Instant.now(), revokedAt));
        return token;
    }

    DeviceToken device() {
        return device(Optional.empty());
    }

    Path caPem() {
        return tls.caCertificatePath();
    }

    String url(String path) {
        return "https://localhost:" + port + path;
    }

    double counter(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
        database.close();
    }
}
