package io.landline.appliance.cli;

import io.landline.appliance.config.ConfigLoader;
import io.landline.appliance.config.LandlineConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "check-config", description = "Validate a configuration file (with the environment's overrides) and exit: 0 valid, 2 invalid.")
final class CheckConfigCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The configuration file to check.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LandlineConfig config = ConfigLoader.load(Optional.of(file), System.getenv());
        spec.commandLine().getOut().println(file + ": valid (node '" + config.node().name() + "', https " + config.https().port()
                + ", admin " + config.admin().host() + ":" + config.admin().port()
                + ", cluster '" + config.cluster().name() + "' of " + config.cluster().members().size() + " member(s), storage "
                + (config.storage().embedded() ? "H2" : "PostgreSQL") + ")");
        return 0;
    }
}
