package io.landline.appliance.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * This node itself.
 *
 * @param name            its name in logs, metrics and the cluster; never empty (an empty
 *                        configured name is replaced by the host name at load)
 * @param dataDir         absolute state directory: H2 database, generated TLS material, admin token
 * @param shutdownTimeout longest a SIGTERM drain may take before the node exits anyway
 */
public record NodeSettings(String name, Path dataDir, Duration shutdownTimeout) {

    public NodeSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    }
}
