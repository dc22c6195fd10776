package io.landline.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for one test class. Starting one takes seconds, so register it
 * as a {@code static} field: it starts before the class's {@code @BeforeAll} and stops after
 * its {@code @AfterAll}.
 */
public final class EmbeddedPostgresExtension implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedPostgres postgres;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        postgres.close();
    }

    /** Settings that reach the server the way an operator's configuration would. */
    public StorageSettings settings() {
        return new StorageSettings(url(), "postgres", "", 4);
    }

    public String url() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }
}
