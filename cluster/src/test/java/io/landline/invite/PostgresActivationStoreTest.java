package io.landline.invite;

import io.landline.storage.Database;
import io.landline.storage.EmbeddedPostgresExtension;
import io.landline.storage.StorageSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The contract on a real PostgreSQL server, as the nodes of a cluster share it. */
class PostgresActivationStoreTest extends ActivationStoreContract {

    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = new EmbeddedPostgresExtension();

    // Unused with a PostgreSQL URL, but Database.open wants a data directory.
    @TempDir
    static Path dataDir;

    @Override
    protected Database openDatabase() {
        return Database.open(new StorageSettings(POSTGRES.url(), "postgres", "", 8), dataDir);
    }
}
