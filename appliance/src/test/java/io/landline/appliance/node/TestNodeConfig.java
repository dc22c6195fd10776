package io.landline.appliance.node;

import io.landline.testkit.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A node configuration on free loopback ports with its state in a temporary directory; its
 * STUN/TURN listeners take two consecutive free ports from {@code turnPort} and a TLS port.
 */
public record TestNodeConfig(Path file, Path dataDir, int httpsPort, int adminPort, int clusterPort, int busPort, int mqttPort,
                             int turnPort, int turnTlsPort) {

    public static TestNodeConfig in(Path dir) {
        int https = FreePorts.next();
        int admin = FreePorts.next();
        int cluster = FreePorts.next();
        int bus = FreePorts.next();
        int mqtt = FreePorts.next();
        int turn = FreePorts.consecutive(2);
        int turnTls = FreePorts.next();
        Path dataDir = dir.resolve("var");
        String yaml = """
                node:
                  name: test-node
                  data-dir: %s
                  shutdown-timeout: 8s
                https:
                  host: 127.0.0.1
                  port: %d
                gateway:
                  mqtt:
                    host: 127.0.0.1
                    port: %d
                admin:
                  port: %d
                cluster:
                  name: test-%d
                  port: %d
                  bus-port: %d
                  members: [127.0.0.1:%d]
                relay:
                  turn:
                    host: 127.0.0.1
                    ports: %d-%d
                    tls-port: %d
                """.formatted(dataDir, https, mqtt, admin, cluster, cluster, bus, cluster, turn, turn + 1, turnTls);
        try {
            Path file = dir.resolve("landline.yaml");
            Files.writeString(file, yaml);
            return new TestNodeConfig(file, dataDir, https, admin, cluster, bus, mqtt, turn, turnTls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Lays {@code yaml} over this configuration file, merging sections key by key, so that a
     * test can add e.g. {@code gateway.activation} beside the {@code gateway.mqtt} set here
     * (appending a second {@code gateway:} would be a duplicate key).
     */
    public TestNodeConfig with(String yaml) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper(
                    new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
            com.fasterxml.jackson.databind.JsonNode base = mapper.readTree(file.toFile());
            com.fasterxml.jackson.databind.JsonNode extra = mapper.readTree(yaml);
            if (extra != null && !extra.isMissingNode() && !extra.isNull()) {
                mapper.readerForUpdating(base).readValue(extra);
            }
            mapper.writeValue(file.toFile(), base);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path caFile() {
        return dataDir.resolve("tls").resolve("ca.pem");
    }

    public String adminUrl(String path) {
        return "http://127.0.0.1:" + adminPort + path;
    }

    public String httpsUrl(String path) {
        return "https://localhost:" + httpsPort + path;
    }
}
