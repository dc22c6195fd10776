package io.landline.cluster;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** Cluster health as gauges: members seen, whether the data is safe to lose a member, partitions owned. */
public final class HazelcastMetrics implements MeterBinder {

    private final ClusterNode node;

    public HazelcastMetrics(ClusterNode node) {
        this.node = node;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("hazelcast.cluster.members", node, ClusterNode::memberCount)
                .description("Members of this node's cluster, as this node sees them")
                .register(registry);
        Gauge.builder("hazelcast.cluster.safe", node, n -> n.isJoined() && n.hazelcast().getPartitionService().isClusterSafe() ? 1 : 0)
                .description("1 when every partition has its backups in place, so a member can be lost")
                .register(registry);
        Gauge.builder("hazelcast.partitions.owned", node, HazelcastMetrics::ownedPartitions)
                .description("Hazelcast partitions owned by this member")
                .register(registry);
    }

    private static double ownedPartitions(ClusterNode node) {
        if (!node.isJoined()) {
            return 0;
        }
        var local = node.hazelcast().getCluster().getLocalMember();
        return node.hazelcast().getPartitionService().getPartitions().stream()
                .filter(p -> local.equals(p.getOwner()))
                .count();
    }
}
