package io.landline.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;

/**
 * Turns {@link ClusterSettings} into a Hazelcast {@link Config}: Vert.x's own base config
 * (it needs its maps and multimaps), members by TCP/IP join only, one fixed port.
 */
final class HazelcastSetup {

    /** How long a member may take to leave gracefully, so a SIGTERM drain stays within its budget. */
    static final int GRACEFUL_SHUTDOWN_SECONDS = 5;

    private HazelcastSetup() {
    }

    static Config config(ClusterSettings settings, String nodeName) {
        HazelcastAsyncExecutor.installIfNeeded();
        Config config = ConfigUtil.loadConfig();
        config.setClusterName(settings.name());
        config.setInstanceName("landline-" + nodeName + "-" + settings.port());
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        // The node stops Hazelcast itself, after draining; a JVM hook would race it.
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.graceful.shutdown.max.wait", Integer.toString(GRACEFUL_SHUTDOWN_SECONDS));
        // The default waits 5 s before joining even when the member list is this node alone.
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.local.localAddress", settings.host());
        config.getJetConfig().setEnabled(false);
        // Hazelcast's own metrics feed only Management Center and JMX, neither of which a node
        // uses (its cluster gauges are Micrometer's, HazelcastMetrics). Collecting them every 5 s
        // reflects over every probe, reads cgroup files and deflates the result: a burst of
        // milliseconds that preempts the packet loops and is most of an idle node's CPU.
        config.getMetricsConfig().setEnabled(false);

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port());
        // An operator's firewall opens one port; never wander to the next one.
        network.setPortAutoIncrement(false);
        // A restarted node must bind its port again at once, not wait out TIME_WAIT.
        network.setReuseAddress(true);
        network.getRestApiConfig().setEnabled(false);

        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2);
        for (ClusterSettings.Member member : settings.members()) {
            join.getTcpIpConfig().addMember(member.toString());
        }
        return config;
    }
}
