package io.landline.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * This node's membership of the cluster: a clustered Vert.x on a Hazelcast cluster
 * manager, with the event bus bound to the cluster address.
 */
public final class ClusterNode {

    private static final Logger LOG = Logger.getLogger("landline.cluster");

    private final Vertx vertx;
    private final HazelcastClusterManager manager;
    private final ClusterSettings settings;

    private ClusterNode(Vertx vertx, HazelcastClusterManager manager, ClusterSettings settings) {
        this.vertx = vertx;
        this.manager = manager;
        this.settings = settings;
    }

    /**
     * Starts a clustered Vert.x and joins the members of {@code settings}.
     *
     * @param options  Vert.x options; the event bus host and port are set here
     * @param customize last touches on the builder, e.g. a metrics factory
     */
    public static Future<ClusterNode> join(ClusterSettings settings, String nodeName, VertxOptions options,
                                           UnaryOperator<VertxBuilder> customize) {
        HazelcastClusterManager manager = new HazelcastClusterManager(HazelcastSetup.config(settings, nodeName));
        options.getEventBusOptions()
                .setHost(settings.host())
                .setPort(settings.busPort())
                .setClusterPublicHost(settings.host());
        VertxBuilder builder = customize.apply(Vertx.builder().with(options).withClusterManager(manager));
        return builder.buildClustered().map(vertx -> {
            ClusterNode node = new ClusterNode(vertx, manager, settings);
            node.hazelcast().getCluster().addMembershipListener(new MembershipLog());
            LOG.info(() -> "joined cluster '" + settings.name() + "' as " + node.localAddress()
                    + " with " + node.memberCount() + " member(s): " + node.memberAddresses());
            return node;
        });
    }

    public Vertx vertx() {
        return vertx;
    }

    public HazelcastInstance hazelcast() {
        return manager.getHazelcastInstance();
    }

    public ClusterSettings settings() {
        return settings;
    }

    /** Whether this node is still a running member of its cluster. */
    public boolean isJoined() {
        return manager.isActive() && hazelcast().getLifecycleService().isRunning();
    }

    public int memberCount() {
        return isJoined() ? hazelcast().getCluster().getMembers().size() : 0;
    }

    /** {@code host:port} of every member, this one included, oldest first. */
    public List<String> memberAddresses() {
        if (!isJoined()) {
            return List.of();
        }
        return hazelcast().getCluster().getMembers().stream().map(ClusterNode::address).toList();
    }

    public String localAddress() {
        return address(hazelcast().getCluster().getLocalMember());
    }

    /** Leaves the cluster (Hazelcast migrates this member's partitions first) and closes Vert.x. */
    public Future<Void> leave() {
        return vertx.close();
    }

    private static String address(Member member) {
        return member.getAddress().getHost() + ":" + member.getAddress().getPort();
    }

    /** One log line per membership change: the events an operator needs to see. */
    private static final class MembershipLog implements MembershipListener {
        @Override
        public void memberAdded(MembershipEvent event) {
            LOG.info(() -> "member joined: " + address(event.getMember()) + " (" + event.getMembers().size() + " members)");
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
            LOG.warning(() -> "member left: " + address(event.getMember()) + " (" + event.getMembers().size() + " members)");
        }
    }
}
