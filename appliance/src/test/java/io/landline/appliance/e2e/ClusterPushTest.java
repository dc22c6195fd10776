package io.landline.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import io.landline.appliance.node.LandlineNode;
import io.landline.appliance.node.TestNodeConfig;
import io.landline.client.device.ActivatedDevice;
import io.landline.client.device.DeviceConnection;
import io.landline.client.device.DeviceNotification;
import io.landline.tls.CertificateAuthority;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clustered nodes in one JVM sharing a PostgreSQL database and the appliance CA: a
 * device connected to node B receives what a provider posts to node A, and both nodes'
 * receipts then say delivered.
 */
class ClusterPushTest {

    @TempDir
    Path dir;

    @Test
    void notificationPostedToOneNodeReachesADeviceOnTheOtherAndBothReportItDelivered() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String storage = "storage:\n  url: jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres\n  user: postgres\n";
            TestNodeConfig a = TestNodeConfig.in(Files.createDirectories(dir.resolve("a")));
            TestNodeConfig b = TestNodeConfig.in(Files.createDirectories(dir.resolve("b")));
            Provider provider = Provider.create(dir, "TEAMC00001", "KEYC000001", "com.c.app");
            String name = "e2e-" + a.clusterPort();
            for (TestNodeConfig node : List.of(a, b)) {
                Nodes.declare(node, List.of(provider));
                node.addYaml("cluster:\n  name: " + name + "\n  members: [127.0.0.1:" + a.clusterPort() + ", 127.0.0.1:" + b.clusterPort() + "]\n"
                        + storage);
            }

            LandlineNode nodeA = Nodes.start(a);
            LandlineNode nodeB = null;
            try {
                // the nodes of a cluster share one CA, so a device activated on one is trusted by all
                Path tlsB = Files.createDirectories(b.dataDir().resolve("tls"));
                Files.copy(a.dataDir().resolve("tls").resolve(CertificateAuthority.KEY_FILE), tlsB.resolve(CertificateAuthority.KEY_FILE));
                Files.copy(a.caFile(), tlsB.resolve(CertificateAuthority.CERTIFICATE_FILE));
                nodeB = Nodes.start(b);

                ActivatedDevice device = Nodes.activate(a);
                LinkedBlockingQueue<DeviceNotification> inbox = new LinkedBlockingQueue<>();
                ApnsClient pushyToA = provider.pushy(a);
                try (DeviceConnection onB = Nodes.connect(b, device, inbox)) {
                    var answer = pushyToA.sendNotification(new SimpleApnsPushNotification(device.token(), "com.c.app", "{\"via\":\"a\"}",
                            Instant.now().plus(Duration.ofHours(1)), DeliveryPriority.IMMEDIATE, PushType.ALERT)).get(10, TimeUnit.SECONDS);
                    assertThat(answer.isAccepted()).as("%s", answer.getRejectionReason()).isTrue();

                    DeviceNotification received = inbox.poll(10, TimeUnit.SECONDS);
                    assertThat(received).as("delivered through node B").isNotNull();
                    assertThat(received.apnsId()).isEqualTo(answer.getApnsId().toString());
                    assertThat(received.payloadText()).isEqualTo("{\"via\":\"a\"}");

                    String id = answer.getApnsId().toString();
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                        assertThat(Receipts.status(provider, a, id)).isEqualTo("delivered");
                        assertThat(Receipts.status(provider, b, id)).isEqualTo("delivered");
                    });
                    assertThat(inbox.poll(300, TimeUnit.MILLISECONDS)).as("delivered once").isNull();
                    // handed over to node B and answered on the device's PUBACK, never stored first
                    assertThat(io.landline.appliance.node.Http.get(a.adminUrl("/metrics")).body())
                            .contains("landline_push_handed_over_total{outcome=\"delivered\"} 1.0")
                            .contains("landline_push_commit_batch_count{kind=\"accept\"} 0");
                } finally {
                    pushyToA.close().get(10, TimeUnit.SECONDS);
                }
            } finally {
                if (nodeB != null) {
                    nodeB.stop();
                }
                nodeA.stop();
            }
        }
    }
}
