package io.landline.appliance.cli;

import io.landline.appliance.admin.AdminClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "provider", description = "Manage the ES256 keys providers sign their push tokens with (through the running node's admin API).",
        subcommands = {ProviderCommand.Add.class, ProviderCommand.ListKeys.class, ProviderCommand.Remove.class})
final class ProviderCommand extends CommandGroup {

    /** Sends one admin call and prints its outcome; 1 when the node refuses or cannot be reached. */
    private static int call(CommandSpec spec, ConfigOption config, String method, String path, String body, java.util.function.Function<String, String> done) {
        try {
            String answer = AdminClient.of(config.load()).send(method, path, body);
            spec.commandLine().getOut().println(done.apply(answer));
            return 0;
        } catch (AdminClient.AdminException e) {
            spec.commandLine().getErr().println("landline: " + e.getMessage());
            return 1;
        }
    }

    @Command(name = "add", description = "Add a provider key; stored in the database, so it outlives restarts and serves every node of the cluster.")
    static final class Add implements Callable<Integer> {
        @Mixin
        ConfigOption config;
        @Option(names = "--team", required = true, description = "Team id: the JWT's iss claim.")
        String team;
        @Option(names = "--key-id", required = true, description = "Key id: the JWT header's kid.")
        String keyId;
        @Option(names = "--key", required = true, paramLabel = "FILE", description = "PEM file of the EC P-256 public key.")
        Path key;
        @Option(names = "--topics", split = ",", description = "apns-topic values the key may push to (default: any).")
        List<String> topics = List.of();
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            String pem;
            try {
                pem = Files.readString(key);
            } catch (IOException e) {
                spec.commandLine().getErr().println("landline: cannot read " + key + ": " + e.getClass().getSimpleName());
                return 2;
            }
            JsonObject body = new JsonObject().put("team", team).put("key-id", keyId).put("key", pem).put("topics", new JsonArray(topics));
            return ProviderCommand.call(spec, config, "POST", "/v1/providers", body.encode(),
                    answer -> "added key " + keyId + " of team " + team);
        }
    }

    @Command(name = "list", description = "List the provider keys in force, with their origin (config or stored).")
    static final class ListKeys implements Callable<Integer> {
        @Mixin
        ConfigOption config;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return ProviderCommand.call(spec, config, "GET", "/v1/providers", null, answer -> {
                StringBuilder out = new StringBuilder(String.format("%-16s %-16s %-7s %s", "TEAM", "KEY-ID", "ORIGIN", "TOPICS"));
                for (Object o : new JsonObject(answer).getJsonArray("providers")) {
                    JsonObject p = (JsonObject) o;
                    JsonArray topics = p.getJsonArray("topics");
                    out.append(String.format("%n%-16s %-16s %-7s %s", p.getString("team"), p.getString("key-id"), p.getString("origin"),
                            topics.isEmpty() ? "(any)" : String.join(",", topics.stream().map(String::valueOf).toList())));
                }
                return out.toString();
            });
        }
    }

    @Command(name = "remove", description = "Remove a stored provider key; keys declared in the config file are removed by editing it.")
    static final class Remove implements Callable<Integer> {
        @Mixin
        ConfigOption config;
        @Option(names = "--team", required = true)
        String team;
        @Option(names = "--key-id", required = true)
        String keyId;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            String path = "/v1/providers/" + URLEncoder.encode(team, StandardCharsets.UTF_8) + "/" + URLEncoder.encode(keyId, StandardCharsets.UTF_8);
            return ProviderCommand.call(spec, config, "DELETE", path, null, answer -> "removed key " + keyId + " of team " + team);
        }
    }
}
