package io.landline.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * The node's durable store: a HikariCP pool over embedded H2 (the default) or PostgreSQL,
 * migrated to the current schema before anyone may use it. Every method blocks; call them
 * from startup code or through {@link Blocking#offload}.
 */
public final class Database implements AutoCloseable {

    public static final String POOL_NAME = "landline";
    /** Flyway scripts; each must run unchanged on H2 in PostgreSQL mode and on PostgreSQL. */
    public static final String MIGRATIONS = "classpath:db/migration";
    /** How long a caller waits for a pooled connection before giving up. */
    public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    /** How long {@link #ping()} and the pool wait for a connection to prove it is alive. */
    public static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(2);

    private final HikariDataSource pool;
    private final String url;
    private final String vendor;
    private final String schemaVersion;

    private Database(HikariDataSource pool, String url, String vendor, String schemaVersion) {
        this.pool = pool;
        this.url = url;
        this.vendor = vendor;
        this.schemaVersion = schemaVersion;
    }

    /**
     * Opens the pool and applies pending migrations.
     *
     * @param dataDir holds the embedded H2 database when {@code settings} names no URL
     * @throws StorageException when the database is unreachable, refuses us or cannot be migrated
     */
    public static Database open(StorageSettings settings, Path dataDir) {
        return open(settings, dataDir, null);
    }

    /** As {@link #open(StorageSettings, Path)}, with the pool's meters ({@code hikaricp_*}) in {@code registry}. */
    public static Database open(StorageSettings settings, Path dataDir, MeterRegistry registry) {
        Blocking.check();
        String jdbcUrl = settings.jdbcUrl(dataDir);
        String printable = JdbcUrls.redact(jdbcUrl);
        HikariDataSource pool;
        try {
            HikariConfig config = poolConfig(settings, jdbcUrl);
            if (registry != null) {
                config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
            }
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw StorageException.of("cannot open database " + printable, e);
        }
        try {
            String version = migrate(pool);
            return new Database(pool, printable, productName(pool), version);
        } catch (RuntimeException | SQLException e) {
            pool.close();
            throw StorageException.of("cannot migrate database " + printable, e);
        }
    }

    private static HikariConfig poolConfig(StorageSettings settings, String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME);
        config.setJdbcUrl(jdbcUrl);
        // Embedded H2 has no user; leaving these unset lets the driver use its own defaults.
        if (!settings.user().isEmpty()) {
            config.setUsername(settings.user());
        }
        if (!settings.password().isEmpty()) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(VALIDATION_TIMEOUT.toMillis());
        // One attempt at startup: an unreachable database should stop the node with a clear
        // error rather than let it come up and fail its first request.
        config.setInitializationFailTimeout(1);
        return config;
    }

    private static String migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .load();
        flyway.migrate();
        MigrationInfo current = flyway.info().current();
        if (current == null || current.getVersion() == null) {
            throw new IllegalStateException("no migration found in " + MIGRATIONS);
        }
        return current.getVersion().getVersion();
    }

    private static String productName(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    /** The database product, as its driver names it: {@code "H2"} or {@code "PostgreSQL"}. */
    public String vendor() {
        return vendor;
    }

    /** The version of the newest applied migration, e.g. {@code "1"}. */
    public String schemaVersion() {
        return schemaVersion;
    }

    /** The JDBC URL, fit to print: any password parameter is masked. */
    public String url() {
        return url;
    }

    /**
     * Whether a pooled connection answers within {@link #VALIDATION_TIMEOUT}; for readiness
     * checks, so it reports rather than throws.
     */
    public boolean ping() {
        Blocking.check();
        try (Connection connection = pool.getConnection()) {
            return connection.isValid((int) VALIDATION_TIMEOUT.toSeconds());
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "Database[" + vendor + " " + url + ", schema " + schemaVersion + "]";
    }
}
