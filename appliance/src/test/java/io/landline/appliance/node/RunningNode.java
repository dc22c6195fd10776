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

    private Path dir;
    private TestNodeConfig config;
    private LandlineNode node;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("landline-node");
        config = TestNodeConfig.in(dir);
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
}
