package io.landline.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.landline.testkit.FreePorts;
import io.vertx.core.Future;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterMembershipTest {

    private final List<ClusterNode> nodes = new ArrayList<>();

    @AfterEach
    void leaveAll() throws Exception {
        for (ClusterNode node : nodes) {
            node.leave().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void threeNodesOnLoopbackSeeEveryMemberAndSeeOneLeave() throws Exception {
        String clusterName = "membership-" + ProcessHandle.current().pid();
        int[] ports = {FreePorts.next(), FreePorts.next(), FreePorts.next()};
        List<ClusterSettings.Member> members = List.of(
                new ClusterSettings.Member("127.0.0.1", ports[0]),
                new ClusterSettings.Member("127.0.0.1", ports[1]),
                new ClusterSettings.Member("127.0.0.1", ports[2]));
        List<Future<ClusterNode>> joining = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ClusterSettings settings = new ClusterSettings(clusterName, "127.0.0.1", ports[i], FreePorts.next(), members);
            joining.add(ClusterNode.join(settings, "n" + i, new VertxOptions(), b -> b));
        }
        for (Future<ClusterNode> f : joining) {
            nodes.add(f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
        }
        List<String> expected = List.of("127.0.0.1:" + ports[0], "127.0.0.1:" + ports[1], "127.0.0.1:" + ports[2]);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (ClusterNode node : nodes) {
                assertThat(node.memberAddresses()).containsExactlyInAnyOrderElementsOf(expected);
            }
        });

        ClusterNode leaving = nodes.remove(2);
        leaving.leave().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertThat(leaving.isJoined()).isFalse();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (ClusterNode node : nodes) {
                assertThat(node.memberAddresses()).containsExactlyInAnyOrder(expected.get(0), expected.get(1));
            }
        });
    }

    @Test
    void aNodeOfAnotherClusterNameIsNotAdmitted() throws Exception {
        int a = FreePorts.next();
        int b = FreePorts.next();
        List<ClusterSettings.Member> members = List.of(new ClusterSettings.Member("127.0.0.1", a), new ClusterSettings.Member("127.0.0.1", b));
        nodes.add(ClusterNode.join(new ClusterSettings("blue-" + a, "127.0.0.1", a, FreePorts.next(), members), "blue", new VertxOptions(), x -> x)
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
        nodes.add(ClusterNode.join(new ClusterSettings("green-" + b, "127.0.0.1", b, FreePorts.next(), members), "green", new VertxOptions(), x -> x)
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));

        for (ClusterNode node : nodes) {
            assertThat(node.memberCount()).isEqualTo(1);
        }
    }
}
