package io.landline.appliance.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "landline", mixinStandardHelpOptions = true,
        description = "Landline: a self-hosted push-and-relay gateway.",
        subcommands = {StartCommand.class, CheckConfigCommand.class, StatusCommand.class, VersionCommand.class,
                InviteCommand.class, DeviceCommand.class, EnrollmentCommand.class, ProviderCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the node failed to start or a command failed", "2:invalid configuration or command line", "3:the node is not ready (status)"})
public final class LandlineCommand implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static CommandLine commandLine() {
        return new CommandLine(new LandlineCommand());
    }

    /** Without a command there is nothing to do: show the usage, as for any usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
