package io.landline.appliance.cli;

import io.landline.appliance.admin.AdminClient;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", description = "Ask the running node (through its admin API) how it is: readiness, listeners, cluster members, storage.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--json", description = "Print the node's answer as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try {
            JsonObject status = new JsonObject(AdminClient.of(config.load()).send("GET", "/v1/node", null));
            spec.commandLine().getOut().println(json ? status.encodePrettily() : summary(status));
            return status.getBoolean("ready", false) ? 0 : 3;
        } catch (AdminClient.AdminException e) {
            spec.commandLine().getErr().println("landline: " + e.getMessage());
            return 1;
        }
    }

    private static String summary(JsonObject s) {
        JsonObject cluster = s.getJsonObject("cluster", new JsonObject());
        return "node " + s.getString("name") + " " + s.getString("version") + ": " + (s.getBoolean("ready", false) ? "ready" : "NOT READY " + s.getJsonObject("checks"))
                + ", up " + s.getLong("uptimeSeconds") + " s\n"
                + "listeners " + s.getJsonObject("listeners", new JsonObject()).encode() + "\n"
                + "cluster '" + cluster.getString("name") + "': " + cluster.getJsonArray("members") + "\n"
                + "storage " + s.getJsonObject("storage", new JsonObject()).encode() + ", devices " + s.getJsonObject("devices", new JsonObject()).encode();
    }
}
