package io.landline.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.landline.gateway.push.PushSettings;
import io.landline.notification.Notification;
import io.landline.protocol.token.DeviceToken;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store-and-forward over real HTTP/2 and TLS into the real pipeline and H2: offline devices get
 * their backlog in order on return, collapse ids replace, the cap drops the oldest, expired
 * ones are dropped, now-or-never is now or never, receipts tell what happened.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreAndForwardTest {

    static final int CAP = 5;

    @TempDir
    static Path dir;

    PushNode node;
    Provider provider;

    @BeforeAll
    void start() throws Exception {
        KeyPair key = PushNode.p256();
        node = PushNode.start(dir, PushNode.h2(), List.of(PushNode.key(key, PushNode.TEAM, PushNode.KEY_ID, PushNode.TOPICS)),
                new PushSettings(CAP, Duration.ofDays(1), 64, PushSettings.DEFAULT_DELIVERY_WAIT), 10_000);
        provider = new Provider(node, key, PushNode.TEAM, PushNode.KEY_ID);
    }

    @AfterAll
    void stop() throws Exception {
        node.close();
    }

    private HttpResponse<String> push(DeviceToken token, String payload, String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "apns-topic";
        all[1] = "com.example.app";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return provider.push(token.hex(), payload, all);
    }

    private void connect(DeviceToken token) {
        node.delivery.connect(token);
        node.pipeline.deviceReady(token);
    }

    @Test
    void offlineDeviceGetsItsBacklogInAcceptanceOrderOnReturn() throws Exception {
        DeviceToken token = node.device();
        for (int i = 1; i <= 4; i++) {
            assertThat(push(token, "{\"n\":" + i + "}").statusCode()).isEqualTo(200);
        }
        assertThat(node.delivery.received(token)).isEmpty();

        connect(token);

        await().atMost(Duration.ofSeconds(5)).until(() -> node.delivery.received(token).size() == 4);
        assertThat(node.delivery.payloads(token)).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}");
        await().atMost(Duration.ofSeconds(5)).until(() -> node.store.pending(token, Instant.now(), 10).isEmpty());
    }

    @Test
    void connectedDeviceGetsANewNotificationAtOnceAndItsReceiptSaysDelivered() throws Exception {
        DeviceToken token = node.device();
        connect(token);
        await().atMost(Duration.ofSeconds(5)).until(() -> node.store.pending(token, Instant.now(), 1).isEmpty());

        HttpResponse<String> answer = push(token, "{\"aps\":{\"alert\":\"hi\"}}");

        assertThat(answer.statusCode()).isEqualTo(200);
        String apnsId = answer.headers().firstValue("apns-id").orElseThrow();
        await().atMost(Duration.ofSeconds(5)).until(() -> node.delivery.received(token).size() == 1);
        Notification got = node.delivery.received(token).get(0);
        assertThat(got.id()).isEqualTo(UUID.fromString(apnsId));
        assertThat(got.topic()).isEqualTo("com.example.app");
        await().atMost(Duration.ofSeconds(5)).until(() -> new JsonObject(provider.receipt(apnsId).body()).getString("status").equals("delivered"));
        JsonObject receipt = new JsonObject(provider.receipt(apnsId).body());
        assertThat(receipt.getString("apns-id")).isEqualTo(apnsId);
        assertThat(Instant.parse(receipt.getString("delivered-at"))).isAfterOrEqualTo(Instant.parse(receipt.getString("accepted-at")));
        assertThat(node.counter("landline.push.delivered")).isPositive();
    }

    @Test
    void newerNotificationWithTheSameCollapseIdReplacesTheOlderWhileOffline() throws Exception {
        DeviceToken token = node.device();
        String first = push(token, "{\"score\":1}", "apns-collapse-id", "score").headers().firstValue("apns-id").orElseThrow();
        push(token, "{\"news\":1}");
        push(token, "{\"score\":2}", "apns-collapse-id", "score");

        connect(token);

        await().atMost(Duration.ofSeconds(5)).until(() -> node.delivery.received(token).size() == 2);
        assertThat(node.delivery.payloads(token)).containsExactly("{\"news\":1}", "{\"score\":2}");
        JsonObject receipt = new JsonObject(provider.receipt(first).body());
        assertThat(receipt.getString("status")).isEqualTo("dropped");
        assertThat(receipt.getString("dropped-at")).isNotNull();
    }

    @Test
    void deviceOverItsCapLosesTheOldestAndTheDropIsCounted() throws Exception {
        DeviceToken token = node.device();
        double before = node.counter("landline.push.dropped", "reason", "cap");
        for (int i = 1; i <= CAP + 3; i++) {
            assertThat(push(token, "{\"n\":" + i + "}").statusCode()).isEqualTo(200);
        }

        connect(token);

        await().atMost(Duration.ofSeconds(5)).until(() -> node.delivery.received(token).size() == CAP);
        assertThat(node.delivery.payloads(token)).containsExactly("{\"n\":4}", "{\"n\":5}", "{\"n\":6}", "{\"n\":7}", "{\"n\":8}");
        assertThat(node.counter("landline.push.dropped", "reason", "cap") - before).isEqualTo(3);
    }

    @Test
    void expiredNotificationsAreDroppedAtReconnectAndCounted() throws Exception {
        DeviceToken token = node.device();
        long soon = Instant.now().plusSeconds(1).getEpochSecond();
        String stale = push(token, "{\"stale\":1}", "apns-expiration", Long.toString(soon)).headers().firstValue("apns-id").orElseThrow();
        push(token, "{\"fresh\":1}", "apns-expiration", Long.toString(Instant.now().plusSeconds(3600).getEpochSecond()));
        double before = node.counter("landline.push.expired");
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().getEpochSecond() > soon + 1);

        connect(token);

        await().atMost(Duration.ofSeconds(5)).until(() -> node.delivery.received(token).size() == 1);
        assertThat(node.delivery.payloads(token)).containsExactly("{\"fresh\":1}");
        assertThat(node.counter("landline.push.expired") - before).isGreaterThanOrEqualTo(1);
        assertThat(new JsonObject(provider.receipt(stale).body()).getString("status")).isEqualTo("expired");
    }

    @Test
    void nowOrNeverIsDeliveredToAConnectedDeviceAndExpiresForAnAbsentOne() throws Exception {
        DeviceToken here = node.device();
        DeviceToken away = node.device();
        connect(here);
        await().atMost(Duration.ofSeconds(5)).until(() -> node.store.pending(here, Instant.now(), 1).isEmpty());

        HttpResponse<String> toHere = push(here, "{\"now\":1}", "apns-expiration", "0");
        HttpResponse<String> toAway = push(away, "{\"now\":2}", "apns-expiration", "0");

        assertThat(toHere.statusCode()).isEqualTo(200);
        assertThat(toAway.statusCode()).as("APNs answers 200 and then drops it").isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> node.delivery.received(here).size() == 1);
        String awayId = toAway.headers().firstValue("apns-id").orElseThrow();
        await().atMost(Duration.ofSeconds(5)).until(() -> new JsonObject(provider.receipt(awayId).body()).getString("status").equals("expired"));

        connect(away);
        Thread.sleep(300); // nothing may arrive: give the drain its chance to (wrongly) deliver
        assertThat(node.delivery.received(away)).isEmpty();
    }

    @Test
    void newNotificationsForADeviceDrainingItsBacklogWaitTheirTurn() throws Exception {
        DeviceToken token = node.device();
        for (int i = 1; i <= 3; i++) {
            push(token, "{\"n\":" + i + "}");
        }
        connect(token);
        for (int i = 4; i <= 8; i++) {
            push(token, "{\"n\":" + i + "}");
        }

        // At most CAP are pending at any time, so the first ones may be capped (then fewer than 8
        // arrive): wait for the last one, which no cap can drop; the order never breaks.
        await().atMost(Duration.ofSeconds(5)).until(() -> node.delivery.payloads(token).contains("{\"n\":8}"));
        List<String> got = node.delivery.payloads(token);
        assertThat(got).isSortedAccordingTo((a, b) -> Integer.compare(new JsonObject(a).getInteger("n"), new JsonObject(b).getInteger("n")));
        assertThat(got).doesNotHaveDuplicates().endsWith("{\"n\":8}");
    }

    @Test
    void anotherTeamCannotReadAReceiptAndUnknownIdsAre404() throws Exception {
        DeviceToken token = node.device();
        String apnsId = push(token, "{\"a\":1}").headers().firstValue("apns-id").orElseThrow();
        KeyPair otherKey = PushNode.p256();
        // the other team's key is not configured on this node: its token is refused outright
        Provider stranger = new Provider(node, otherKey, "OTHERTEAM1", "K2");

        assertThat(stranger.receipt(apnsId).statusCode()).isEqualTo(403);
        assertThat(provider.receipt(UUID.randomUUID().toString()).statusCode()).isEqualTo(404);
        assertThat(provider.receipt(apnsId).statusCode()).isEqualTo(200);
        assertThat(new JsonObject(provider.receipt(apnsId).body()).getString("status")).isEqualTo("accepted");
    }

    @Test
    void aReusedApnsIdIsRefusedWithBadMessageIdAndFailsNoOtherNotification() throws Exception {
        DeviceToken token = node.device();
        String apnsId = UUID.randomUUID().toString();
        assertThat(push(token, "{\"first\":1}", "apns-id", apnsId).statusCode()).isEqualTo(200);

        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        // concurrent, so that they share group commits; CAP - 1 of them keep the device under its cap
        for (int i = 0; i < CAP; i++) {
            String payload = "{\"n\":" + i + "}";
            String[] headers = i == 2 ? new String[] {"apns-id", apnsId} : new String[0];
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return push(token, payload, headers);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }

        for (int i = 0; i < CAP; i++) {
            HttpResponse<String> answer = answers.get(i).get();
            if (i == 2) {
                assertThat(answer.statusCode()).isEqualTo(400);
                assertThat(new JsonObject(answer.body()).getString("reason")).isEqualTo("BadMessageId");
            } else {
                assertThat(answer.statusCode()).as("notification %d", i).isEqualTo(200);
            }
        }
        assertThat(new JsonObject(provider.receipt(apnsId).body()).getString("status")).isEqualTo("accepted");
    }
}
