package io.landline.appliance.cli;

import io.landline.appliance.config.ConfigLoader;
import io.landline.appliance.config.LandlineConfig;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by every command that acts on a node. */
final class ConfigOption {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration file laid over the embedded defaults (default: the embedded defaults alone).")
    Path file;

    LandlineConfig load() {
        return ConfigLoader.load(Optional.ofNullable(file), System.getenv());
    }
}
