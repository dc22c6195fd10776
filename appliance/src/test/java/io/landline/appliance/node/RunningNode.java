package io.landline.appliance.node;

import io.landline.appliance.config.ConfigLoader;
import io.landline.appliance.systemd.SystemdNotifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A node started in the test JVM for one test class, on free loopback ports with its
 * state in a temporary directory. Register it as a {@code static} field with
 * {@code @RegisterExtension}.
 */
public final class RunningNode implements BeforeAllCallback, AfterAllCallback {

    private final String extraYaml;
    private Path dir;
    private TestNodeConfig config;
    private LandlineNode node;

    public RunningNode() {
        this("");
    }

    /** @param extraYaml sections appended to the test configuration, e.g. {@code gateway:} with its keys */
    public RunningNode(String extraYaml) {
        this.extraYaml = extraYaml;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("landline-node");
        config = TestNodeConfig.in(dir);
        config.addYaml(extraYaml);
        node = LandlineNode.start(ConfigLoader.load(Optional.of(config.file()), Map.of()), SystemdNotifier.fromEnvironment(Map.of()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (node != null) {
            node.stop();
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a leftover temporary directory is harmless
        }
    }

    public TestNodeConfig config() {
        return config;
    }

    /** The node's clustered Vert.x, e.g. to listen on its event bus. */
    public io.vertx.core.Vertx vertx() {
        return node.cluster().vertx();
    }

    /** The node's database. */
    public javax.sql.DataSource dataSource() {
        return node.database().dataSource();
    }
}
