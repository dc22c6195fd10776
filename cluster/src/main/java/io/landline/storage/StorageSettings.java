package io.landline.storage;

import java.nio.file.Path;

/**
 * Where durable state lives.
 *
 * @param url      JDBC URL; empty means an embedded H2 file database under the data directory
 * @param user     database user (empty for embedded H2)
 * @param password database password; never printed by {@link #toString()}
 * @param poolSize most JDBC connections this node holds open
 */
public record StorageSettings(String url, String user, String password, int poolSize) {

    /** The JDBC URL to use: the configured one, or the embedded H2 database under {@code dataDir}. */
    public String jdbcUrl(Path dataDir) {
        if (!url.isEmpty()) {
            return url;
        }
        Path file = dataDir.toAbsolutePath().normalize().resolve("db").resolve("landline");
        // WRITE_DELAY=0: H2 otherwise keeps a commit in memory for up to 500 ms, and a node
        // killed in that window would lose notifications it had already answered 200 for.
        return "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
    }

    public boolean embedded() {
        return url.isEmpty() || url.startsWith("jdbc:h2:");
    }

    @Override
    public String toString() {
        return "StorageSettings[url=" + (url.isEmpty() ? "<embedded H2>" : url) + ", user=" + user
                + ", password=" + (password.isEmpty() ? "" : "****") + ", poolSize=" + poolSize + "]";
    }
}
