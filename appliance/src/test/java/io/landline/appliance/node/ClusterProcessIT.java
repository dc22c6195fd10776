package io.landline.appliance.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.landline.testkit.NodePorts;
import io.landline.testkit.NodeProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three node processes on loopback form one cluster from their configured member lists. */
class ClusterProcessIT {

    @TempDir
    Path dir;

    private final List<NodeProcess> nodes = new ArrayList<>();

    @AfterEach
    void killAll() {
        nodes.forEach(NodeProcess::close);
    }

    @Test
    void threeNodesSeeEachOtherAndSeeOneLeaveOnSigterm() throws Exception {
        List<NodePorts> ports = List.of(NodePorts.free(), NodePorts.free(), NodePorts.free());
        String name = "it-cluster-" + ports.get(0).cluster();
        for (int i = 0; i < 3; i++) {
            nodes.add(NodeProcess.start(dir.resolve("n" + i), List.of("start"), ports.get(i).environment(name, ports)));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(nodes.get(i).awaitReady(ports.get(i).admin(), Duration.ofSeconds(90))).as("node %d; log:%n%s", i, nodes.get(i).log()).isTrue();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (NodePorts p : ports) {
                assertThat(members(p)).isEqualTo(3);
            }
        });

        assertThat(nodes.get(2).terminate(Duration.ofSeconds(10))).as("log:%n%s", nodes.get(2).log()).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(members(ports.get(0))).isEqualTo(2);
            assertThat(members(ports.get(1))).isEqualTo(2);
        });
        assertThat(nodes.get(0).log()).contains("member left: 127.0.0.1:" + ports.get(2).cluster());
    }

    private static double members(NodePorts node) throws Exception {
        for (String line : Http.get("http://127.0.0.1:" + node.admin() + "/metrics").body().split("\n")) {
            if (line.startsWith("hazelcast_cluster_members ")) {
                return Double.parseDouble(line.substring("hazelcast_cluster_members ".length()));
            }
        }
        return -1;
    }
}
