package io.landline.provider;

import io.landline.storage.Database;
import io.landline.storage.EmbeddedPostgresExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PostgresProviderKeyRepositoryTest extends ProviderKeyRepositoryContract {

    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = new EmbeddedPostgresExtension();

    @TempDir
    static Path dataDir;

    @Override
    protected Database openDatabase() {
        return Database.open(POSTGRES.settings(), dataDir);
    }
}
