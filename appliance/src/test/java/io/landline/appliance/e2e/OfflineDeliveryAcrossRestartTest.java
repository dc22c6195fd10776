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
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 200 from the provider API means stored: notifications accepted while the device is
 * offline reach it after the node restarts, in the order accepted, with a newer
 * {@code apns-collapse-id} replacing an older one and expired ones never sent; on the
 * embedded H2 database and on PostgreSQL. The device is Eclipse Paho.
 */
class OfflineDeliveryAcrossRestartTest {

    @TempDir
    Path dir;

    @Test
    void notificationsAcceptedForAnOfflineDeviceArriveAfterARestartOnH2() throws Exception {
        TestNodeConfig config = TestNodeConfig.in(dir);
        acceptWhileOfflineRestartAndDeliver(config);
    }

    @Test
    void notificationsAcceptedForAnOfflineDeviceArriveAfterARestartOnPostgres() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            TestNodeConfig config = TestNodeConfig.in(dir);
            config.addYaml("storage:\n  url: jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres\n  user: postgres\n");
            acceptWhileOfflineRestartAndDeliver(config);
        }
    }

    private void acceptWhileOfflineRestartAndDeliver(TestNodeConfig config) throws Exception {
        Provider provider = Provider.create(dir, "TEAMD00001", "KEYD000001", "com.d.app");
        Nodes.declare(config, List.of(provider));
        Instant shortExpiry = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        // Pushy, like APNs, reads a null expiration as apns-expiration 0 (now or never), so the rest get a day
        Instant day = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        ActivatedDevice device;
        List<String> ids = new ArrayList<>();

        LandlineNode node = Nodes.start(config);
        try {
            device = Nodes.activate(config);
            ApnsClient pushy = provider.pushy(config);
            try {
                ids.add(push(pushy, device, "{\"n\":1}", day, "badge"));        // replaced by n=3
                ids.add(push(pushy, device, "{\"n\":2}", day, null));
                ids.add(push(pushy, device, "{\"n\":3}", day, "badge"));
                ids.add(push(pushy, device, "{\"n\":4}", shortExpiry, null));    // expires while the node is down
                ids.add(push(pushy, device, "{\"n\":5}", Instant.EPOCH, null));  // apns-expiration 0: now or never
                ids.add(push(pushy, device, "{\"n\":6}", day, null));
            } finally {
                pushy.close().get(10, TimeUnit.SECONDS);
            }
        } finally {
            node.stop();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(shortExpiry.plusMillis(200)));

        LandlineNode again = Nodes.start(config);
        try {
            LinkedBlockingQueue<DeviceNotification> inbox = new LinkedBlockingQueue<>();
            try (DeviceConnection connection = Nodes.connect(config, device, inbox)) {
                List<String> payloads = new ArrayList<>();

                for (int i = 0; i < 3; i++) {
                    DeviceNotification n = inbox.poll(10, TimeUnit.SECONDS);
                    assertThat(n).as("notification %d of 3 (got %s)", i + 1, payloads).isNotNull();
                    payloads.add(n.payloadText());
                }
                assertThat(payloads).containsExactly("{\"n\":2}", "{\"n\":3}", "{\"n\":6}");
                assertThat(inbox.poll(500, TimeUnit.MILLISECONDS)).as("nothing more").isNull();

                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(List.of(
                        Receipts.status(provider, config, ids.get(0)), Receipts.status(provider, config, ids.get(1)),
                        Receipts.status(provider, config, ids.get(2)), Receipts.status(provider, config, ids.get(3)),
                        Receipts.status(provider, config, ids.get(4)), Receipts.status(provider, config, ids.get(5))))
                        .containsExactly("dropped", "delivered", "delivered", "expired", "expired", "delivered"));
            }
        } finally {
            again.stop();
        }
    }

    private static String push(ApnsClient pushy, ActivatedDevice device, String payload, Instant expiration, String collapseId) throws Exception {
        var answer = pushy.sendNotification(new SimpleApnsPushNotification(device.token(), "com.d.app", payload, expiration,
                DeliveryPriority.IMMEDIATE, PushType.ALERT, collapseId)).get(10, TimeUnit.SECONDS);
        assertThat(answer.getStatusCode()).as("%s", answer.getRejectionReason()).isEqualTo(200);
        return answer.getApnsId().toString();
    }
}
