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
public record TestNodeConfig(Path file, Path dataDir, int httpsPort, int adminPort, int clusterPort, int busPort,
                             int turnPort, int turnTlsPort) {

    public static TestNodeConfig in(Path dir) {
        int https = FreePorts.next();
        int admin = FreePorts.next();
        int cluster = FreePorts.next();
        int bus = FreePorts.next();
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
                """.formatted(dataDir, https, admin, cluster, cluster, bus, cluster, turn, turn + 1, turnTls);
        try {
            Path file = dir.resolve("landline.yaml");
            Files.writeString(file, yaml);
            return new TestNodeConfig(file, dataDir, https, admin, cluster, bus, turn, turnTls);
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
