package io.landline.cluster;

import java.util.List;

/**
 * How this node joins its cluster: Hazelcast membership by a fixed TCP/IP member list
 * (multicast is never used) and the Vert.x event bus between nodes.
 *
 * @param name    nodes join only a cluster of the same name
 * @param host    address this node binds and announces to other members
 * @param port    Hazelcast membership port
 * @param busPort Vert.x clustered event bus port
 * @param members every member's {@code host:port}, this node's own included or not
 */
public record ClusterSettings(String name, String host, int port, int busPort, List<Member> members) {

    public ClusterSettings {
        members = List.copyOf(members);
    }

    /** One entry of the TCP/IP join list. */
    public record Member(String host, int port) {
        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
