package io.landline.notification;

import io.landline.storage.Database;
import io.landline.storage.StorageSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded H2 file database a single appliance uses. */
class H2NotificationStoreTest extends NotificationStoreContract {

    @TempDir
    static Path dataDir;

    @Override
    protected Database openDatabase() {
        return Database.open(new StorageSettings("", "", "", 2), dataDir);
    }
}
