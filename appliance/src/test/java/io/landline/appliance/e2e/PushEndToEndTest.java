package io.landline.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import io.landline.appliance.node.Http;
import io.landline.appliance.node.LandlineNode;
import io.landline.appliance.node.TestNodeConfig;
import io.landline.client.device.ActivatedDevice;
import io.landline.client.device.DeviceConnection;
import io.landline.client.device.DeviceNotification;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole push path with real clients on real sockets: Pushy posts to the provider API,
 * the notification is stored, and a device activated through the activation API receives it
 * over MQTT 5 (Eclipse Paho, and mosquitto_sub) on {@code push/<apns-topic>} with the
 * Message Expiry Interval its {@code apns-expiration} implies; the receipt then says delivered.
 * And the same path under hostile use: other devices, revoked devices, stolen tokens and
 * another team's topics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PushEndToEndTest {

    @TempDir
    static Path dir;

    TestNodeConfig config;
    LandlineNode node;
    Provider teamX;
    Provider teamY;
    ApnsClient pushyX;

    @BeforeAll
    void start() throws Exception {
        config = TestNodeConfig.in(dir);
        teamX = Provider.create(dir, "TEAMX00001", "KEYX000001", "com.x.app", "com.x.app.voip");
        teamY = Provider.create(dir, "TEAMY00001", "KEYY000001", "com.y.app");
        Nodes.declare(config, List.of(teamX, teamY));
        node = Nodes.start(config);
        pushyX = teamX.pushy(config);
    }

    @AfterAll
    void stop() throws Exception {
        if (pushyX != null) {
            pushyX.close().get(10, TimeUnit.SECONDS);
        }
        if (node != null) {
            node.stop();
        }
    }

    private PushNotificationResponse<SimpleApnsPushNotification> send(ApnsClient client, SimpleApnsPushNotification n) throws Exception {
        return client.sendNotification(n).get(10, TimeUnit.SECONDS);
    }

    private static DeviceNotification next(LinkedBlockingQueue<DeviceNotification> inbox) throws InterruptedException {
        DeviceNotification n = inbox.poll(10, TimeUnit.SECONDS);
        assertThat(n).as("a notification within 10 s").isNotNull();
        return n;
    }

    @Test
    void vertxActiveConnectionsOfTheMqttListenerFallBackWhenDevicesDisconnect() throws Exception {
        ActivatedDevice device = Nodes.activate(config);
        try (DeviceConnection connection = Nodes.connect(config, device, new LinkedBlockingQueue<>())) {
            assertThat(mqttActiveConnections()).isGreaterThanOrEqualTo(1.0);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(mqttActiveConnections()).isEqualTo(0.0));
    }

    /** Vert.x's {@code vertx_net_server_active_connections} of the MQTT listener, from /metrics. */
    private double mqttActiveConnections() throws Exception {
        String port = ":" + config.mqttPort() + "\"";
        return Http.get(config.adminUrl("/metrics")).body().lines()
                .filter(line -> line.startsWith("vertx_net_server_active_connections{") && line.contains(port))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void pushyNotificationReachesThePahoDeviceOnItsTopicWithItsExpiryAndIsReceiptedDelivered() throws Exception {
        ActivatedDevice device = Nodes.activate(config);
        LinkedBlockingQueue<DeviceNotification> inbox = new LinkedBlockingQueue<>();
        try (DeviceConnection connection = Nodes.connect(config, device, inbox)) {
            Instant expiry = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
            var answer = send(pushyX, new SimpleApnsPushNotification(device.token(), "com.x.app.voip", "{\"call\":\"alice\"}",
                    expiry, DeliveryPriority.CONSERVE_POWER, PushType.VOIP, "call-1"));
            assertThat(answer.isAccepted()).as("%s", answer.getRejectionReason()).isTrue();

            DeviceNotification received = next(inbox);
            assertThat(received.topic()).isEqualTo("push/com.x.app.voip");
            assertThat(received.payloadText()).isEqualTo("{\"call\":\"alice\"}");
            assertThat(received.apnsId()).isEqualTo(answer.getApnsId().toString());
            assertThat(received.pushType()).isEqualTo("voip");
            assertThat(received.priority()).isEqualTo(5);
            assertThat(received.collapseId()).contains("call-1");
            assertThat(received.expiryIntervalSeconds()).isPresent();
            assertThat(received.expiryIntervalSeconds().getAsLong()).isBetween(3590L, 3600L);

            await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(status(teamX, answer.getApnsId())));
        }
    }

    @Test
    void fiveHundredPushyNotificationsReachTheConnectedPahoDeviceInTheOrderAccepted() throws Exception {
        record Arrival(DeviceNotification notification, long at) {
        }
        ActivatedDevice device = Nodes.activate(config);
        LinkedBlockingQueue<Arrival> inbox = new LinkedBlockingQueue<>();
        int count = 500;
        try (DeviceConnection connection = DeviceConnection.open(device, "localhost", config.mqttPort(),
                n -> inbox.add(new Arrival(n, System.nanoTime())))) {
            Instant expiry = Instant.now().plus(Duration.ofHours(1));
            long[] sentAt = new long[count];
            long[] latency = new long[count];
            List<String> accepted = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                sentAt[i] = System.nanoTime();
                // one at a time: the order accepted is the order sent
                var answer = send(pushyX, new SimpleApnsPushNotification(device.token(), "com.x.app", "{\"i\":" + i + "}",
                        expiry, DeliveryPriority.IMMEDIATE, PushType.ALERT));
                assertThat(answer.isAccepted()).as("%s", answer.getRejectionReason()).isTrue();
                accepted.add(answer.getApnsId().toString());
            }
            List<String> received = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                Arrival a = inbox.poll(10, TimeUnit.SECONDS);
                assertThat(a).as("notification %d of %d", i + 1, count).isNotNull();
                received.add(a.notification().apnsId());
                int index = Integer.parseInt(a.notification().payloadText().replaceAll("\\D", ""));
                latency[index] = a.at() - sentAt[index];
            }
            assertThat(received).containsExactlyElementsOf(accepted);
            java.util.Arrays.sort(latency);
            System.out.printf("provider-to-device latency over %d sequential Pushy pushes: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    count, latency[count / 2] / 1e6, latency[count * 99 / 100] / 1e6, latency[count - 1] / 1e6);
        }
    }

    @Test
    void mosquittoSubReceivesAStoredPushOnItsTopicWithItsExpiry() throws Exception {
        Path bin = Path.of("/usr/bin/mosquitto_sub");
        assertThat(Files.isExecutable(bin)).as("mosquitto_sub is missing: bin/test installs it (Debian package mosquitto-clients)").isTrue();
        ActivatedDevice device = Nodes.activate(config);
        Path files = Files.createDirectories(dir.resolve("mosquitto-" + device.token().substring(0, 8)));
        device.save(files);
        Instant expiry = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        var answer = send(pushyX, new SimpleApnsPushNotification(device.token(), "com.x.app", "{\"aps\":{\"alert\":\"hi\"}}",
                expiry, DeliveryPriority.IMMEDIATE, PushType.ALERT));
        assertThat(answer.isAccepted()).as("%s", answer.getRejectionReason()).isTrue();

        Process sub = new ProcessBuilder(bin.toString(), "-V", "mqttv5", "-h", "localhost", "-p", Integer.toString(config.mqttPort()),
                "--cafile", "ca.pem", "--cert", "device.pem", "--key", "device.key", "-i", device.token(),
                "-t", "push/#", "-q", "1", "-C", "1", "-W", "15", "-F", "%t|%E|%p")
                .directory(files.toFile()).redirectErrorStream(true).start();
        assertThat(sub.waitFor(20, TimeUnit.SECONDS)).as("mosquitto_sub ends after one message").isTrue();
        String out = new String(sub.getInputStream().readAllBytes()).trim();
        assertThat(sub.exitValue()).as(out).isZero();
        String[] fields = out.split("\\|", 3);
        assertThat(fields[0]).isEqualTo("push/com.x.app");
        assertThat(Long.parseLong(fields[1])).isBetween(580L, 600L);
        assertThat(fields[2]).isEqualTo("{\"aps\":{\"alert\":\"hi\"}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(status(teamX, answer.getApnsId())));
    }

    @Test
    void eachOfTwoConnectedDevicesReceivesOnlyItsOwnNotification() throws Exception {
        ActivatedDevice a = Nodes.activate(config);
        ActivatedDevice b = Nodes.activate(config);
        LinkedBlockingQueue<DeviceNotification> inboxA = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<DeviceNotification> inboxB = new LinkedBlockingQueue<>();
        try (DeviceConnection ca = Nodes.connect(config, a, inboxA); DeviceConnection cb = Nodes.connect(config, b, inboxB)) {
            var forA = send(pushyX, new SimpleApnsPushNotification(a.token(), "com.x.app", "{\"for\":\"a\"}"));
            var forB = send(pushyX, new SimpleApnsPushNotification(b.token(), "com.x.app", "{\"for\":\"b\"}"));

            assertThat(next(inboxA).apnsId()).isEqualTo(forA.getApnsId().toString());
            assertThat(next(inboxB).apnsId()).isEqualTo(forB.getApnsId().toString());
            // both receipts settled, so nothing else is on its way to either device
            await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(status(teamX, forA.getApnsId()))
                    && "delivered".equals(status(teamX, forB.getApnsId())));
            assertThat(inboxA.poll(300, TimeUnit.MILLISECONDS)).isNull();
            assertThat(inboxB).isEmpty();
        }
    }

    @Test
    void revokedDeviceIsDisconnectedAtOnceAndItsTokenAnswered410WithTheRevocationTime() throws Exception {
        ActivatedDevice device = Nodes.activate(config);
        try (DeviceConnection connection = Nodes.connect(config, device, new LinkedBlockingQueue<>())) {
            var revoked = Nodes.revoke(config, device.token());
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
            Instant revokedAt = Instant.parse(new JsonObject(revoked.body()).getString("revokedAt"));

            assertThat(connection.closed().get(5, TimeUnit.SECONDS)).as("DISCONNECT reason code").isEqualTo(0x87);

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                var answer = send(pushyX, new SimpleApnsPushNotification(device.token(), "com.x.app", "{}"));
                assertThat(answer.getStatusCode()).isEqualTo(410);
                assertThat(answer.getRejectionReason()).contains("Unregistered");
                assertThat(answer.getTokenInvalidationTimestamp()).contains(revokedAt.truncatedTo(ChronoUnit.MILLIS));
            });
            assertThatThrownBy(() -> Nodes.connect(config, device, new LinkedBlockingQueue<>()))
                    .isInstanceOfSatisfying(DeviceConnection.Refused.class, e -> assertThat(e.reasonCode()).isEqualTo(0x8A));
        }
    }

    @Test
    void connectWithAnotherDevicesTokenIsRefusedAsClientIdentifierNotValid() throws Exception {
        ActivatedDevice mine = Nodes.activate(config);
        ActivatedDevice theirs = Nodes.activate(config);
        ActivatedDevice impostor = new ActivatedDevice(theirs.token(), mine.certificatePem(), mine.caPem(), mine.privateKey());

        assertThatThrownBy(() -> Nodes.connect(config, impostor, new LinkedBlockingQueue<>()))
                .isInstanceOfSatisfying(DeviceConnection.Refused.class, e -> assertThat(e.reasonCode()).isEqualTo(0x85));
    }

    @Test
    void providerOfOneTeamCannotPushToATopicOnlyAnotherTeamMayUse() throws Exception {
        ActivatedDevice device = Nodes.activate(config);
        LinkedBlockingQueue<DeviceNotification> inbox = new LinkedBlockingQueue<>();
        try (DeviceConnection connection = Nodes.connect(config, device, inbox)) {
            var answer = send(pushyX, new SimpleApnsPushNotification(device.token(), "com.y.app", "{}"));

            assertThat(answer.getStatusCode()).isEqualTo(400);
            assertThat(answer.getRejectionReason()).contains("TopicDisallowed");
            assertThat(inbox.poll(500, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    private String status(Provider provider, UUID apnsId) throws Exception {
        return Receipts.status(provider, config, apnsId.toString());
    }
}
