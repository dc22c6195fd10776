package io.landline.appliance.cli;

import io.landline.appliance.admin.AdminClient;
import io.landline.appliance.config.Durations;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "invite", description = "Invite codes for the invite activation policy.",
        subcommands = {InviteCommand.Create.class})
final class InviteCommand extends CommandGroup {

    @Command(name = "create", description = "Mint single-use invite codes on the running node and print them, one per line.")
    static final class Create implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "How many codes (1-1000; default ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--expires", paramLabel = "DURATION", defaultValue = "7d",
                description = "How long the codes stay valid, e.g. 1h or 30d (1m-365d; default ${DEFAULT-VALUE}).")
        String expires;

        @Option(names = "--json", description = "Print the node's answer as JSON, with each code's expiry.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Duration validFor;
            try {
                validFor = Durations.parse(expires);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--expires '" + expires + "' " + e.getMessage());
            }
            if (count < 1 || count > 1000) {
                throw new ParameterException(spec.commandLine(), "--count must be 1-1000, not " + count);
            }
            try {
                JsonObject body = new JsonObject().put("count", count).put("expiresInSeconds", validFor.toSeconds());
                JsonObject answer = new JsonObject(AdminClient.of(config.load()).send("POST", "/v1/invites", body.encode()));
                JsonArray invites = answer.getJsonArray("invites");
                if (json) {
                    spec.commandLine().getOut().println(answer.encodePrettily());
                } else {
                    invites.forEach(i -> spec.commandLine().getOut().println(((JsonObject) i).getString("code")));
                    spec.commandLine().getErr().println(invites.size() + " invite code(s), each good for one activation until "
                            + invites.getJsonObject(0).getString("expiresAt"));
                }
                return 0;
            } catch (AdminClient.AdminException e) {
                spec.commandLine().getErr().println("landline: " + e.getMessage());
                return 1;
            }
        }
    }
}
