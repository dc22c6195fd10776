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
import java.util.UUID;
import java.util.logging.Logger;

/**
 * {@link Presence} on the Hazelcast map {@value #MAP}: token → member UUID. The entry is kept
 * for every connected device of the cluster (and its backup on another member), so both sides
 * are in their compact serialised form: the token's 32 bytes (a 64-byte array in the map
 * instead of 96 for its hex string) and the member's {@link UUID} (40 bytes instead of 64 for
 * its string). When a member
 * leaves, the oldest remaining member removes that member's entries, so a crashed node's
 * devices do not look connected. Every operation is asynchronous; results come back on the
 * caller's Vert.x context.
 */
public final class HazelcastPresence implements Presence {

    private static final Logger LOG = Logger.getLogger("landline.presence");

    /** The Hazelcast map holding presence. */
    public static final String MAP = "landline.presence";

    private final Vertx vertx;
    private final IMap<byte[], UUID> map;
    private final UUID localMember;
    private final String localNodeId;

    public HazelcastPresence(ClusterNode cluster) {
        this.vertx = cluster.vertx();
        this.map = cluster.hazelcast().getMap(MAP);
        this.localMember = cluster.hazelcast().getCluster().getLocalMember().getUuid();
        this.localNodeId = localMember.toString();
        cluster.hazelcast().getCluster().addMembershipListener(new Cleanup(cluster));
    }

    /** The event-bus address on which node {@code nodeId} takes work for its devices. */
    public static String nodeAddress(String nodeId) {
        return "landline.node." + nodeId;
    }

    @Override
    public Future<Optional<String>> claim(DeviceToken token) {
        return HazelcastFutures.onContext(map.putAsync(token.toBytes(), localMember), vertx.getOrCreateContext())
                .map(previous -> Optional.ofNullable(previous).filter(id -> !id.equals(localMember)).map(UUID::toString));
    }

    @Override
    public Future<Void> release(DeviceToken token) {
        return HazelcastFutures.onContext(map.submitToKey(token.toBytes(), new ReleaseIfHeldBy(localMember)), vertx.getOrCreateContext())
                .mapEmpty();
    }

    @Override
    public Future<Optional<String>> nodeOf(DeviceToken token) {
        return HazelcastFutures.onContext(map.getAsync(token.toBytes()), vertx.getOrCreateContext())
                .map(member -> Optional.ofNullable(member).map(UUID::toString));
    }

    @Override
    public String localNodeId() {
        return localNodeId;
    }

    /** Removes the entry only while it still names {@code nodeId}: a takeover elsewhere has already replaced it. */
    record ReleaseIfHeldBy(UUID member) implements EntryProcessor<byte[], UUID, Boolean>, Serializable {
        @Override
        public Boolean process(Map.Entry<byte[], UUID> entry) {
            if (member.equals(entry.getValue())) {
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
            UUID departed = event.getMember().getUuid();
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
