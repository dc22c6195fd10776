package io.landline.appliance.cli;

import io.landline.appliance.config.LandlineConfig;
import io.landline.appliance.node.LandlineNode;
import io.landline.appliance.node.ShutdownSignals;
import io.landline.appliance.node.StartupException;
import io.landline.appliance.systemd.SystemdNotifier;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "start", description = "Start a node and run it until SIGTERM or SIGINT.")
final class StartCommand implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger("landline.node");

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        LandlineConfig loaded = config.load();
        ShutdownSignals signals = ShutdownSignals.install();
        try (SystemdNotifier systemd = SystemdNotifier.fromEnvironment(System.getenv())) {
            LandlineNode node;
            try {
                node = LandlineNode.start(loaded, systemd);
            } catch (StartupException e) {
                LOG.severe(e.getMessage());
                return e.exitCode();
            }
            signals.await();
            Thread stopper = new Thread(node::stop, "landline-stop");
            stopper.start();
            stopper.join(loaded.node().shutdownTimeout().toMillis() + 1000);
            if (stopper.isAlive()) {
                LOG.warning("drain took longer than node.shutdown-timeout (" + loaded.node().shutdownTimeout() + "); exiting anyway");
            }
            return 0;
        }
    }
}
