package io.landline.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.landline.testkit.FreePorts;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    /** The version of the newest script in db/migration, which a migrated database must report. */
    static final String NEWEST_MIGRATION = String.valueOf(migrationVersions().stream().max(Integer::compare).orElseThrow());
    /** How many scripts there are: each is applied once. */
    static final long MIGRATION_COUNT = migrationVersions().size();

    private static java.util.List<Integer> migrationVersions() {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V[0-9]+__.*\\.sql"))
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }


    private static final String PASSWORD = "hunter2-secret";

    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = new EmbeddedPostgresExtension();

    @TempDir
    Path dataDir;

    private static StorageSettings embedded() {
        return new StorageSettings("", "", "", 2);
    }

    @Test
    void migrationsApplyOnEmbeddedH2() throws SQLException {
        try (Database database = Database.open(embedded(), dataDir)) {
            assertThat(database.vendor()).isEqualTo("H2");
            assertThat(database.schemaVersion()).isEqualTo(NEWEST_MIGRATION);
            assertThat(database.ping()).isTrue();
            assertThat(countRows(database, "device")).isZero();
        }
        assertThat(dataDir.resolve("db").resolve("landline.mv.db")).isRegularFile();
    }

    @Test
    void migrationsApplyOnPostgresAndReopeningLeavesThemAlone() throws SQLException {
        try (Database database = Database.open(POSTGRES.settings(), dataDir)) {
            assertThat(database.vendor()).isEqualTo("PostgreSQL");
            assertThat(database.schemaVersion()).isEqualTo(NEWEST_MIGRATION);
            assertThat(database.ping()).isTrue();
            assertThat(countRows(database, "device")).isZero();
        }
        try (Database reopened = Database.open(POSTGRES.settings(), dataDir)) {
            assertThat(reopened.schemaVersion()).isEqualTo(NEWEST_MIGRATION);
            assertThat(appliedMigrations(reopened)).isEqualTo(MIGRATION_COUNT);
        }
    }

    @Test
    void embeddedDatabaseSurvivesRestart() throws SQLException {
        try (Database database = Database.open(embedded(), dataDir)) {
            execute(database, "INSERT INTO device (token, certificate, key_algorithm, activated_at) "
                    + "VALUES ('" + "ab".repeat(32) + "', 'pem', 'Ed25519', CURRENT_TIMESTAMP)");
        }
        try (Database restarted = Database.open(embedded(), dataDir)) {
            assertThat(restarted.schemaVersion()).isEqualTo(NEWEST_MIGRATION);
            assertThat(countRows(restarted, "device")).isEqualTo(1);
            assertThat(appliedMigrations(restarted)).isEqualTo(MIGRATION_COUNT);
        }
    }

    @Test
    void unreachablePostgresIsOneLineNamingTheUrlButNotThePassword() {
        String url = "jdbc:postgresql://127.0.0.1:" + FreePorts.next() + "/landline";
        StorageSettings settings = new StorageSettings(url + "?password=" + PASSWORD, "landline", PASSWORD, 2);

        StorageException e = catchThrowableOfType(StorageException.class, () -> Database.open(settings, dataDir));

        assertThat(e.getMessage())
                .isEqualTo("cannot open database " + url + "?password=****: Connection refused")
                .doesNotContain(PASSWORD);
    }

    @Test
    void urlWithoutDriverIsOneLineNamingTheUrl() {
        StorageSettings settings = new StorageSettings("jdbc:nosuch://db.example/landline", "landline", PASSWORD, 2);

        StorageException e = catchThrowableOfType(StorageException.class, () -> Database.open(settings, dataDir));

        assertThat(e.getMessage())
                .startsWith("cannot open database jdbc:nosuch://db.example/landline: ")
                .doesNotContain(PASSWORD)
                .doesNotContain("\n");
    }

    @Test
    void closedDatabaseFailsItsPing() {
        Database database = Database.open(embedded(), dataDir);
        database.close();

        assertThat(database.ping()).isFalse();
    }

    @Test
    void urlIsPrintedWithItsPasswordMasked() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://db/landline?user=l&password=x&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/landline?user=l&password=****&ssl=true");
        assertThat(JdbcUrls.redact("jdbc:h2:file:/var/db;USER=sa;PASSWORD=x;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:file:/var/db;USER=sa;PASSWORD=****;MODE=PostgreSQL");
    }

    private static long countRows(Database database, String table) throws SQLException {
        return count(database, "SELECT COUNT(*) FROM " + table);
    }

    /** Versioned migrations in Flyway's history; on H2 it also keeps a marker row without a version. */
    private static long appliedMigrations(Database database) throws SQLException {
        return count(database, "SELECT COUNT(*) FROM flyway_schema_history WHERE version IS NOT NULL");
    }

    private static long count(Database database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void execute(Database database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
