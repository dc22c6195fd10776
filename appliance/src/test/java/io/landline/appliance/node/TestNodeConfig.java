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
     * Lays {@code extraYaml} over the file: sections it shares with the file (such as
     * {@code gateway:}, which already holds the MQTT address) are merged key by key, as a
     * YAML file may name each key only once.
     */
    public void addYaml(String extraYaml) {
        if (extraYaml.isBlank()) {
            return;
        }
        try {
            org.yaml.snakeyaml.Yaml yaml = new org.yaml.snakeyaml.Yaml();
            java.util.Map<String, Object> base = yaml.load(Files.readString(file));
            java.util.Map<String, Object> extra = yaml.load(extraYaml);
            merge(base, extra);
            org.yaml.snakeyaml.DumperOptions block = new org.yaml.snakeyaml.DumperOptions();
            block.setDefaultFlowStyle(org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK);
            Files.writeString(file, new org.yaml.snakeyaml.Yaml(block).dump(base));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void merge(java.util.Map<String, Object> into, java.util.Map<String, Object> from) {
        from.forEach((key, value) -> {
            if (value instanceof java.util.Map<?, ?> section && into.get(key) instanceof java.util.Map<?, ?> existing) {
                merge((java.util.Map<String, Object>) existing, (java.util.Map<String, Object>) section);
            } else {
                into.put(key, value);
            }
        });
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
