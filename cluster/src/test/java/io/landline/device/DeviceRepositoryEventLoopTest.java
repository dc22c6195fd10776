package io.landline.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.landline.protocol.token.DeviceToken;
import io.landline.storage.Blocking;
import io.landline.storage.Database;
import io.landline.storage.StorageSettings;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Handlers must reach the repository through {@link Blocking#offload}, never directly. */
@ExtendWith(VertxExtension.class)
class DeviceRepositoryEventLoopTest {

    private static final Device DEVICE = Device.active(DeviceToken.random(new SecureRandom()),
            "pem", "Ed25519", Instant.parse("2025-03-01T10:15:30Z"));

    @TempDir
    static Path dataDir;

    private static Database database;
    private static DeviceRepository devices;

    @BeforeAll
    static void open() {
        database = Database.open(new StorageSettings("", "", "", 2), dataDir);
        devices = DeviceRepository.jdbc(database.dataSource());
        devices.insert(DEVICE);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void repositoryCallOnEventLoopIsRefused(Vertx vertx, VertxTestContext test) {
        vertx.runOnContext(v -> test.verify(() -> {
            assertThatThrownBy(() -> devices.find(DEVICE.token()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("blocking database call on an event loop thread: use executeBlocking");
            test.completeNow();
        }));
    }

    @Test
    void offloadedRepositoryCallFromEventLoopSucceeds(Vertx vertx, VertxTestContext test) {
        vertx.runOnContext(v -> Blocking.offload(vertx, () -> devices.find(DEVICE.token()))
                .onComplete(test.succeeding(found -> test.verify(() -> {
                    assertThat(found).contains(DEVICE);
                    test.completeNow();
                }))));
    }
}
