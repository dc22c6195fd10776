package io.landline.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Free loopback ports for one node's listeners, and the environment that moves a node onto
 * them: two consecutive STUN/TURN ports (UDP and TCP) from {@code turn}, and the TURN TLS port.
 */
public record NodePorts(int https, int admin, int cluster, int bus, int turn, int turnTls) {

    /** STUN/TURN ports a test node listens on: a small range, so many nodes fit side by side. */
    public static final int TURN_PORTS = 2;

    public static NodePorts free() {
        return new NodePorts(FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
                FreePorts.consecutive(TURN_PORTS), FreePorts.next());
    }

    /** {@code LANDLINE_*} overrides putting a node on these ports in cluster {@code name} with {@code members}. */
    public Map<String, String> environment(String clusterName, List<NodePorts> members) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LANDLINE_HTTPS_HOST", "127.0.0.1");
        env.put("LANDLINE_HTTPS_PORT", Integer.toString(https));
        env.put("LANDLINE_ADMIN_PORT", Integer.toString(admin));
        env.put("LANDLINE_CLUSTER_NAME", clusterName);
        env.put("LANDLINE_CLUSTER_PORT", Integer.toString(cluster));
        env.put("LANDLINE_CLUSTER_BUS_PORT", Integer.toString(bus));
        env.put("LANDLINE_RELAY_TURN_HOST", "127.0.0.1");
        env.put("LANDLINE_RELAY_TURN_PORTS", turn + "-" + (turn + TURN_PORTS - 1));
        env.put("LANDLINE_RELAY_TURN_TLS_PORT", Integer.toString(turnTls));
        env.put("LANDLINE_CLUSTER_MEMBERS", members.stream().map(m -> "127.0.0.1:" + m.cluster()).collect(Collectors.joining(",")));
        return env;
    }

    public Map<String, String> environment(String clusterName) {
        return environment(clusterName, List.of(this));
    }
}
