package io.landline.gateway.activation;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.device.Device;
import io.landline.device.DeviceEvents;
import io.landline.device.DeviceRepository;
import io.landline.protocol.token.DeviceToken;
import io.landline.storage.Blocking;
import io.landline.storage.Database;
import io.landline.storage.StorageSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class DeviceRevocationTest {

    @TempDir
    static Path dataDir;
    static Database database;
    static DeviceRepository devices;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeAll
    static void open() {
        database = Database.open(new StorageSettings("", "", "", 2), dataDir);
        devices = DeviceRepository.jdbc(database.dataSource());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static DeviceToken stored() {
        DeviceToken token = DeviceToken.random(new SecureRandom());
        devices.insert(Device.active(token, "-----BEGIN CERTIFICATE-----", "EC P-256", Instant.now()));
        return token;
    }

    @Test
    void revocationMarksTheDeviceAndTellsTheEventBusEveryTime(Vertx vertx, VertxTestContext test) throws Exception {
        DeviceToken token = stored();
        DeviceRevocation revocation = new DeviceRevocation(vertx, devices, new ActivationMetrics(registry), Clock.systemUTC());
        CopyOnWriteArrayList<String> published = new CopyOnWriteArrayList<>();
        vertx.eventBus().<String>consumer(DeviceEvents.REVOKED, m -> published.add(m.body()));

        revocation.revoke(token)
                .compose(first -> {
                    test.verify(() -> {
                        assertThat(first).hasValueSatisfying(r -> {
                            assertThat(r.changed()).isTrue();
                            assertThat(r.device().isRevoked()).isTrue();
                        });
                    });
                    return revocation.revoke(token);
                })
                .compose(second -> {
                    test.verify(() -> assertThat(second).hasValueSatisfying(r -> assertThat(r.changed()).isFalse()));
                    return Blocking.offload(vertx, () -> devices.find(token).orElseThrow());
                })
                .onComplete(test.succeeding(device -> vertx.setTimer(100, id -> test.verify(() -> {
                    assertThat(device.isRevoked()).isTrue();
                    assertThat(published).containsExactly(token.hex(), token.hex());
                    assertThat(registry.get("landline.activation.revocations").counter().count()).isEqualTo(1.0);
                    test.completeNow();
                }))));
        assertThat(test.awaitCompletion(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void unknownDeviceIsEmptyAndPublishesNothing(Vertx vertx, VertxTestContext test) throws Exception {
        CopyOnWriteArrayList<String> published = new CopyOnWriteArrayList<>();
        vertx.eventBus().<String>consumer(DeviceEvents.REVOKED, m -> published.add(m.body()));
        DeviceRevocation revocation = new DeviceRevocation(vertx, devices, new ActivationMetrics(registry), Clock.systemUTC());

        revocation.revoke(DeviceToken.random(new SecureRandom())).onComplete(test.succeeding(result ->
                vertx.setTimer(100, id -> test.verify(() -> {
                    assertThat(result).isEmpty();
                    assertThat(published).isEmpty();
                    test.completeNow();
                }))));
        assertThat(test.awaitCompletion(10, TimeUnit.SECONDS)).isTrue();
    }
}
