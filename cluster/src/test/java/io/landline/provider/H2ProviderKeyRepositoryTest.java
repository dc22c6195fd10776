package io.landline.provider;

import io.landline.storage.Database;
import io.landline.storage.StorageSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2ProviderKeyRepositoryTest extends ProviderKeyRepositoryContract {

    @TempDir
    static Path dataDir;

    @Override
    protected Database openDatabase() {
        return Database.open(new StorageSettings("", "", "", 2), dataDir);
    }
}
