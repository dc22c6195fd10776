package io.landline.cluster.presence;

import io.landline.protocol.token.DeviceToken;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Device token → the node that holds its one connection, shared by the cluster (a Hazelcast
 * map). Node ids are {@link io.landline.cluster.ClusterNode} member ids; every node listens on
 * the event-bus address {@code landline.node.<id>} for work routed to its devices.
 */
public interface Presence {

    /** Records that this node now holds {@code token}'s connection; yields the node that held it before, if another. */
    Future<Optional<String>> claim(DeviceToken token);

    /** Forgets {@code token}'s connection if this node still holds it (a takeover elsewhere wins). */
    Future<Void> release(DeviceToken token);

    /** The node that holds {@code token}'s connection, if any. */
    Future<Optional<String>> nodeOf(DeviceToken token);

    /** This node's id. */
    String localNodeId();
}
