package io.landline.appliance;

import io.landline.appliance.config.ConfigException;
import io.landline.appliance.logging.LogSetup;
import io.landline.appliance.cli.LandlineCommand;
import picocli.CommandLine;

/** The {@code landline} launcher's entry point. */
public final class Landline {

    /** Exit code of a configuration error or a bad command line. */
    public static final int EXIT_CONFIG = 2;

    private Landline() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; used by {@link #main} and by tests. */
    public static int run(String... args) {
        LogSetup.configure(System.getenv());
        CommandLine cli = LandlineCommand.commandLine();
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException) {
                // One line, naming file, key and value; no stack trace.
                commandLine.getErr().println("landline: " + e.getMessage());
                return EXIT_CONFIG;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
