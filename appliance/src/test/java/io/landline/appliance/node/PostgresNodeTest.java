package io.landline.appliance.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.appliance.admin.AdminToken;
import io.landline.appliance.config.ConfigLoader;
import io.landline.appliance.systemd.SystemdNotifier;
import io.landline.device.Device;
import io.landline.device.DeviceRepository;
import io.landline.protocol.token.DeviceToken;
import io.landline.storage.Database;
import io.landline.storage.StorageSettings;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node configured with a PostgreSQL URL uses it, migrated by Flyway, and its data outlives the node. */
class PostgresNodeTest {

    @TempDir
    Path dir;

    @Test
    void nodeRunsOnConfiguredPostgresAndItsDataSurvivesARestart() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
            TestNodeConfig config = TestNodeConfig.in(dir);
            Files.writeString(config.file(), Files.readString(config.file()) + "storage:\n  url: " + url + "\n  user: postgres\n");

            LandlineNode node = start(config);
            try {
                JsonObject status = status(config);
                assertThat(status.getBoolean("ready")).isTrue();
                assertThat(status.getJsonObject("storage").getString("vendor")).isEqualTo("PostgreSQL");
                assertThat(status.getJsonObject("devices").getLong("total")).isZero();
            } finally {
                node.stop();
            }
            assertThat(Files.exists(config.dataDir().resolve("db"))).as("no embedded H2 database beside PostgreSQL").isFalse();

            try (Database db = Database.open(new StorageSettings(url, "postgres", "", 2), dir)) {
                DeviceRepository.jdbc(db.dataSource()).insert(Device.active(DeviceToken.random(new SecureRandom()), "-----BEGIN CERTIFICATE-----", "EC P-256", Instant.now()));
            }

            LandlineNode again = start(config);
            try {
                assertThat(status(config).getJsonObject("devices").getLong("total")).isEqualTo(1);
            } finally {
                again.stop();
            }
        }
    }

    private static LandlineNode start(TestNodeConfig config) throws Exception {
        return LandlineNode.start(ConfigLoader.load(Optional.of(config.file()), Map.of()), SystemdNotifier.fromEnvironment(Map.of()));
    }

    private static JsonObject status(TestNodeConfig config) throws Exception {
        return new JsonObject(Http.get(config.adminUrl("/v1/node"), "authorization", "Bearer " + AdminToken.read(config.dataDir())).body());
    }
}
