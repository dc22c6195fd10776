package io.landline.appliance.cli;

import io.landline.appliance.admin.AdminClient;
import io.landline.protocol.token.DeviceToken;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "device", description = "Activated devices: list, show, revoke.",
        subcommands = {DeviceCommand.Revoke.class, DeviceCommand.Show.class, DeviceCommand.ListDevices.class})
final class DeviceCommand extends CommandGroup {

    static DeviceToken token(CommandSpec spec, String text) {
        return DeviceToken.parse(text.trim())
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "'" + text + "' is not a device token (64 hex digits)"));
    }

    /** Runs one admin call; 404 UnknownDevice is exit 1 with a plain sentence. */
    static Integer call(CommandSpec spec, ConfigOption config, String method, String path, java.util.function.Function<JsonObject, String> print) {
        try {
            AdminClient.Response response = AdminClient.of(config.load()).exchange(method, path, null);
            if (response.status() == 404) {
                spec.commandLine().getErr().println("landline: no device has token " + path.split("/")[3]);
                return 1;
            }
            if (response.status() / 100 != 2) {
                spec.commandLine().getErr().println("landline: the node answered " + response.status() + " " + response.body().trim());
                return 1;
            }
            spec.commandLine().getOut().println(print.apply(new JsonObject(response.body())));
            return 0;
        } catch (AdminClient.AdminException e) {
            spec.commandLine().getErr().println("landline: " + e.getMessage());
            return 1;
        }
    }

    @Command(name = "revoke", description = "Revoke a device: its connection is closed at once, and refused from now on. Exit 1 if no device has the token.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "TOKEN", description = "The device token (64 hex digits).")
        String token;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            DeviceToken device = token(spec, token);
            return DeviceCommand.call(spec, config, "POST", "/v1/devices/" + device.hex() + "/revoke", d -> d.getBoolean("changed", false)
                    ? "revoked device " + device + " at " + d.getString("revokedAt")
                    : "device " + device + " was already revoked at " + d.getString("revokedAt"));
        }
    }

    @Command(name = "show", description = "Show one device: key, activation, revocation, certificate.")
    static final class Show implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "TOKEN", description = "The device token (64 hex digits).")
        String token;

        @Option(names = "--json", description = "Print the node's answer as JSON.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            DeviceToken device = token(spec, token);
            return DeviceCommand.call(spec, config, "GET", "/v1/devices/" + device.hex(), d -> json ? d.encodePrettily()
                    : "device " + d.getString("token") + "\n"
                    + "key " + d.getString("keyAlgorithm") + ", activated " + d.getString("activatedAt") + ", "
                    + (d.getString("revokedAt") == null ? "active" : "revoked " + d.getString("revokedAt")) + "\n"
                    + d.getString("certificate").strip());
        }
    }

    @Command(name = "list", description = "Count devices (active, revoked) and list the newest.")
    static final class ListDevices implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many of the newest devices to list (0-1000; default ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--json", description = "Print the node's answer as JSON.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (limit < 0 || limit > 1000) {
                throw new ParameterException(spec.commandLine(), "--limit must be 0-1000, not " + limit);
            }
            return DeviceCommand.call(spec, config, "GET", "/v1/devices?limit=" + limit, d -> {
                if (json) {
                    return d.encodePrettily();
                }
                StringBuilder out = new StringBuilder(d.getLong("total") + " device(s): " + d.getLong("active") + " active, "
                        + d.getLong("revoked") + " revoked");
                d.getJsonArray("devices").forEach(o -> {
                    JsonObject device = (JsonObject) o;
                    out.append('\n').append(device.getString("token")).append("  ").append(device.getString("keyAlgorithm"))
                            .append("  ").append(device.getString("activatedAt"))
                            .append(device.getString("revokedAt") == null ? "" : "  revoked " + device.getString("revokedAt"));
                });
                return out.toString();
            });
        }
    }
}
