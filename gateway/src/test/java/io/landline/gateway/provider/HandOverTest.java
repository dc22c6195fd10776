package io.landline.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.landline.gateway.push.PushSettings;
import io.landline.notification.ReceiptStatus;
import io.landline.protocol.token.DeviceToken;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A notification for a device connected to this node is published at once and answered on its
 * PUBACK, with no commit on the way; when the PUBACK does not come in time, or the connection
 * goes first, it is stored and answered like any other. Real HTTPS and H2; the device side is
 * {@code RecordingDelivery}, which can withhold PUBACKs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandOverTest {

    static final Duration WAIT = Duration.ofMillis(400);

    @TempDir
    static Path dir;

    PushNode node;
    Provider provider;

    @BeforeAll
    void start() throws Exception {
        KeyPair key = PushNode.p256();
        node = PushNode.start(dir, PushNode.h2(), List.of(PushNode.key(key, PushNode.TEAM, PushNode.KEY_ID, PushNode.TOPICS)),
                new PushSettings(100, Duration.ofDays(1), 64, WAIT), 10_000);
        provider = new Provider(node, key, PushNode.TEAM, PushNode.KEY_ID);
    }

    @AfterAll
    void stop() throws Exception {
        node.close();
    }

    private HttpResponse<String> push(DeviceToken token, String payload) throws Exception {
        return provider.push(token.hex(), payload, "apns-topic", "com.example.app");
    }

    private DeviceToken connected() {
        DeviceToken token = node.device();
        node.delivery.connect(token);
        node.pipeline.deviceReady(token);
        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofMillis(100)).until(() -> node.store.pending(token, Instant.now(), 1).isEmpty());
        return token;
    }

    private long acceptCommits() {
        var summary = node.registry.find("landline.push.commit.batch").tag("kind", "accept").summary();
        return summary == null ? 0 : (long) summary.totalAmount();
    }

    private String status(String apnsId) throws Exception {
        return new JsonObject(provider.receipt(apnsId).body()).getString("status");
    }

    @Test
    void connectedDeviceIsAnsweredOnItsPubackWithoutACommitAndItsReceiptIsWrittenAfter() throws Exception {
        DeviceToken token = connected();
        long committedBefore = acceptCommits();
        double deliveredBefore = node.counter("landline.push.handed.over", "outcome", "delivered");

        HttpResponse<String> answer = push(token, "{\"hi\":1}");

        assertThat(answer.statusCode()).isEqualTo(200);
        String apnsId = answer.headers().firstValue("apns-id").orElseThrow();
        assertThat(node.delivery.payloads(token)).containsExactly("{\"hi\":1}");
        assertThat(status(apnsId)).as("the receipt is readable at once").isEqualTo("delivered");
        assertThat(acceptCommits()).as("no notification was committed").isEqualTo(committedBefore);
        assertThat(node.counter("landline.push.handed.over", "outcome", "delivered") - deliveredBefore).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> node.store.receipt(UUID.fromString(apnsId))
                .filter(r -> r.status() == ReceiptStatus.DELIVERED).isPresent());
        assertThat(node.store.pending(token, Instant.now(), 10)).isEmpty();
    }

    @Test
    void withoutAPubackInTimeItIsStoredAndALatePubackMarksItDelivered() throws Exception {
        DeviceToken token = connected();
        node.delivery.hold(token);

        long sent = System.nanoTime();
        HttpResponse<String> answer = push(token, "{\"slow\":1}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(WAIT);
        String apnsId = answer.headers().firstValue("apns-id").orElseThrow();
        assertThat(node.store.pending(token, Instant.now(), 10)).as("stored before the 200").hasSize(1);
        assertThat(status(apnsId)).isEqualTo("accepted");
        assertThat(node.counter("landline.push.handed.over", "outcome", "timed_out")).isPositive();

        node.delivery.release(token);

        await().atMost(Duration.ofSeconds(5)).until(() -> status(apnsId).equals("delivered"));
        assertThat(node.store.pending(token, Instant.now(), 10)).isEmpty();
        assertThat(node.delivery.payloads(token)).as("published once").containsExactly("{\"slow\":1}");
    }

    @Test
    void aConnectionLostBeforeThePubackLeavesItStoredForTheNextConnection() throws Exception {
        DeviceToken token = connected();
        node.delivery.hold(token);

        CompletableFuture<HttpResponse<String>> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return push(token, "{\"lost\":1}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> node.delivery.withheld(token) == 1);
        node.delivery.disconnect(token);
        node.pipeline.deviceGone(token);

        assertThat(answer.get().statusCode()).isEqualTo(200);
        assertThat(node.store.pending(token, Instant.now(), 10)).hasSize(1);

        node.delivery.connect(token);
        node.pipeline.deviceReady(token);

        await().atMost(Duration.ofSeconds(5)).until(() -> node.delivery.payloads(token).size() == 2);
        assertThat(node.delivery.payloads(token)).containsExactly("{\"lost\":1}", "{\"lost\":1}");
        await().atMost(Duration.ofSeconds(5)).until(() -> node.store.pending(token, Instant.now(), 10).isEmpty());
        assertThat(status(answer.get().headers().firstValue("apns-id").orElseThrow())).isEqualTo("delivered");
    }

    @Test
    void manyNotificationsToOneConnectedDeviceArriveInTheOrderTheyWereAnswered() throws Exception {
        DeviceToken token = connected();
        for (int i = 1; i <= 50; i++) {
            assertThat(push(token, "{\"n\":" + i + "}").statusCode()).isEqualTo(200);
        }
        List<String> got = node.delivery.payloads(token);
        assertThat(got).hasSize(50);
        assertThat(got).isSortedAccordingTo((a, b) -> Integer.compare(new JsonObject(a).getInteger("n"), new JsonObject(b).getInteger("n")));
    }
}
