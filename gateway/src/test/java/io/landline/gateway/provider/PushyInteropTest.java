package io.landline.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import io.landline.protocol.token.DeviceToken;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushy, the reference Java APNs client, pointed at the node by host and port alone: its
 * notifications are accepted and reach the device in order, and it reads every refusal's
 * reason as it would read APNs'.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PushyInteropTest {

    @TempDir
    static Path dir;

    PushNode node;
    KeyPair key;
    ApnsClient pushy;

    @BeforeAll
    void start() throws Exception {
        key = PushNode.p256();
        node = PushNode.start(dir, PushNode.h2(), List.of(PushNode.key(key, PushNode.TEAM, PushNode.KEY_ID, PushNode.TOPICS)));
        pushy = client(key, PushNode.TEAM, PushNode.KEY_ID);
    }

    private ApnsClient client(KeyPair signing, String team, String keyId) throws Exception {
        return new ApnsClientBuilder()
                .setApnsServer("localhost", node.port)
                .setTrustedServerCertificateChain(node.caPem().toFile())
                .setSigningKey(new ApnsSigningKey(keyId, team, (ECPrivateKey) signing.getPrivate()))
                // The gateway picks HTTP/2 by ALPN; Pushy offers it only when asked (APNs also takes h2 without ALPN).
                .setUseAlpn(true)
                .build();
    }

    @AfterAll
    void stop() throws Exception {
        pushy.close().get(10, TimeUnit.SECONDS);
        node.close();
    }

    private PushNotificationResponse<SimpleApnsPushNotification> send(ApnsClient client, SimpleApnsPushNotification n) throws Exception {
        return client.sendNotification(n).get(10, TimeUnit.SECONDS);
    }

    @Test
    void pushyNotificationsAreAcceptedAndReachTheDeviceInOrder() throws Exception {
        DeviceToken token = node.device();
        node.delivery.connect(token);
        node.pipeline.deviceReady(token);
        List<CompletableFuture<PushNotificationResponse<SimpleApnsPushNotification>>> sent = new ArrayList<>();
        // One at a time: concurrent HTTP/2 streams may reach the gateway in any order, and the
        // promise is delivery in the order accepted, which is then the order sent.
        for (int i = 1; i <= 20; i++) {
            var answer = pushy.sendNotification(new SimpleApnsPushNotification(token.hex(), "com.example.app", "{\"aps\":{\"alert\":\"" + i + "\"}}"));
            answer.get(10, TimeUnit.SECONDS);
            sent.add(answer);
        }
        for (var f : sent) {
            PushNotificationResponse<SimpleApnsPushNotification> answer = f.get(10, TimeUnit.SECONDS);
            assertThat(answer.isAccepted()).as("%s", answer.getRejectionReason()).isTrue();
            assertThat(answer.getStatusCode()).isEqualTo(200);
            assertThat(answer.getApnsId()).isNotNull();
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> node.delivery.received(token).size() == 20);
        assertThat(node.delivery.received(token)).extracting(n -> n.id()).containsExactlyElementsOf(
                sent.stream().map(f -> f.join().getApnsId()).toList());
    }

    @Test
    void pushyHeadersArriveAsSent() throws Exception {
        DeviceToken token = node.device();
        Instant expiry = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        SimpleApnsPushNotification n = new SimpleApnsPushNotification(token.hex(), "com.example.app.voip", "{\"call\":1}",
                expiry, DeliveryPriority.CONSERVE_POWER, PushType.VOIP, "call-1");

        PushNotificationResponse<SimpleApnsPushNotification> answer = send(pushy, n);

        assertThat(answer.isAccepted()).as("%s", answer.getRejectionReason()).isTrue();
        var stored = node.store.pending(token, Instant.now(), 10).get(0);
        assertThat(stored.id()).isEqualTo(answer.getApnsId());
        assertThat(stored.topic()).isEqualTo("com.example.app.voip");
        assertThat(stored.pushType()).isEqualTo("voip");
        assertThat(stored.priority()).isEqualTo(5);
        assertThat(stored.expiration()).contains(expiry);
        assertThat(stored.collapseId()).contains("call-1");
    }

    @Test
    void pushyReadsEachRefusalReason() throws Exception {
        DeviceToken active = node.device();
        Instant revokedAt = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.MILLIS);
        DeviceToken revoked = node.device(Optional.of(revokedAt));

        assertThat(send(pushy, new SimpleApnsPushNotification(DeviceToken.random(PushNode.RANDOM).hex(), "com.example.app", "{}"))
                .getRejectionReason()).contains("BadDeviceToken");
        assertThat(send(pushy, new SimpleApnsPushNotification(active.hex(), "com.other.app", "{}"))
                .getRejectionReason()).contains("TopicDisallowed");
        assertThat(send(pushy, new SimpleApnsPushNotification(active.hex(), "com.example.app", "not json"))
                .getRejectionReason()).contains("BadPayload");
        assertThat(send(pushy, new SimpleApnsPushNotification(active.hex(), "com.example.app", ProviderApiRejectionsTest.payloadOf(4097)))
                .getRejectionReason()).contains("PayloadTooLarge");
        assertThat(send(pushy, new SimpleApnsPushNotification(active.hex(), "com.example.app", "{}", null, DeliveryPriority.IMMEDIATE,
                PushType.ALERT, "c".repeat(65))).getRejectionReason()).contains("BadCollapseId");

        PushNotificationResponse<SimpleApnsPushNotification> gone = send(pushy, new SimpleApnsPushNotification(revoked.hex(), "com.example.app", "{}"));
        assertThat(gone.getStatusCode()).isEqualTo(410);
        assertThat(gone.getRejectionReason()).contains("Unregistered");
        assertThat(gone.getTokenInvalidationTimestamp()).contains(revokedAt);
    }

    @Test
    void pushyWithAnUnknownKeyIsRefusedAsInvalidProviderToken() throws Exception {
        ApnsClient stranger = client(PushNode.p256(), PushNode.TEAM, "UNKNOWNKEY");
        try {
            PushNotificationResponse<SimpleApnsPushNotification> answer =
                    send(stranger, new SimpleApnsPushNotification(node.device().hex(), "com.example.app", "{}"));
            assertThat(answer.getStatusCode()).isEqualTo(403);
            assertThat(answer.getRejectionReason()).contains("InvalidProviderToken");
        } finally {
            stranger.close().get(10, TimeUnit.SECONDS);
        }
    }
}
