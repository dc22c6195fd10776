package io.landline.cluster.presence;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.landline.cluster.ClusterNode;
import io.landline.cluster.HazelcastFutures;
import io.landline.protocol.token.DeviceToken;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.Serializable;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@link Presence} on the Hazelcast map {@value #MAP}: token hex → member UUID. When a member
 * leaves, the oldest remaining member removes that member's entries, so a crashed node's
 * devices do not look connected. Every operation is asynchronous; results come back on the
 * caller's Vert.x context.
 */
public final class HazelcastPresence implements Presence {

    private static final Logger LOG = Logger.getLogger("landline.presence");

    /** The Hazelcast map holding presence. */
    public static final String MAP = "landline.presence";

    private final Vertx vertx;
    private final IMap<String, String> map;
    private final String localNodeId;

    public HazelcastPresence(ClusterNode cluster) {
        this.vertx = cluster.vertx();
        this.map = cluster.hazelcast().getMap(MAP);
        this.localNodeId = cluster.hazelcast().getCluster().getLocalMember().getUuid().toString();
        cluster.hazelcast().getCluster().addMembershipListener(new Cleanup(cluster));
    }

    /** The event-bus address on which node {@code nodeId} takes work for its devices. */
    public static String nodeAddress(String nodeId) {
        return "landline.node." + nodeId;
    }

    @Override
    public Future<Optional<String>> claim(DeviceToken token) {
        return HazelcastFutures.onContext(map.putAsync(token.hex(), localNodeId), vertx.getOrCreateContext())
                .map(previous -> Optional.ofNullable(previous).filter(id -> !id.equals(localNodeId)));
    }

    @Override
    public Future<Void> release(DeviceToken token) {
        return HazelcastFutures.onContext(map.submitToKey(token.hex(), new ReleaseIfHeldBy(localNodeId)), vertx.getOrCreateContext())
                .mapEmpty();
    }

    @Override
    public Future<Optional<String>> nodeOf(DeviceToken token) {
        return HazelcastFutures.onContext(map.getAsync(token.hex()), vertx.getOrCreateContext()).map(Optional::ofNullable);
    }

    @Override
    public String localNodeId() {
        return localNodeId;
    }

    /** Removes the entry only while it still names {@code nodeId}: a takeover elsewhere has already replaced it. */
    record ReleaseIfHeldBy(String nodeId) implements EntryProcessor<String, String, Boolean>, Serializable {
        @Override
        public Boolean process(Map.Entry<String, String> entry) {
            if (nodeId.equals(entry.getValue())) {
                entry.setValue(null);
                return true;
            }
            return false;
        }
    }

    /** The oldest member forgets a departed member's devices; removeAll blocks, so it runs on a worker. */
    private final class Cleanup implements MembershipListener {
        private final ClusterNode cluster;

        Cleanup(ClusterNode cluster) {
            this.cluster = cluster;
        }

        @Override
        public void memberAdded(MembershipEvent event) {
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
            Member oldest = event.getMembers().iterator().next();
            if (!oldest.localMember()) {
                return;
            }
            String departed = event.getMember().getUuid().toString();
            vertx.executeBlocking(() -> {
                map.removeAll(Predicates.equal("this", departed));
                return null;
            }).onComplete(done -> {
                if (done.succeeded()) {
                    LOG.info(() -> "forgot the device connections of departed member " + departed);
                } else {
                    LOG.warning(() -> "could not forget the device connections of departed member " + departed + ": " + done.cause());
                }
            });
        }
    }
}
