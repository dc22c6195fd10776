package io.landline.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.protocol.token.DeviceToken;
import io.landline.storage.Database;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link NotificationStore} must do, run against each database we support: order,
 * collapse, the per-device cap, expiry, delivery marks, receipts and the retention purge.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NotificationStoreContract {

    static final int CAP = 5;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private Database database;
    private NotificationStore store;

    protected abstract Database openDatabase() throws Exception;

    @BeforeAll
    void open() throws Exception {
        database = openDatabase();
        store = NotificationStore.jdbc(database.dataSource(), CAP);
    }

    @AfterAll
    void close() {
        database.close();
    }

    @BeforeEach
    void startEmpty() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM notification");
            statement.executeUpdate("DELETE FROM delivered_receipt");
        }
    }

    static Notification notification(DeviceToken token, String payload, Optional<Instant> expiration, Optional<String> collapseId) {
        return new Notification(UUID.randomUUID(), token, "com.example.app", "alert", 10, expiration, collapseId,
                payload.getBytes(StandardCharsets.UTF_8), NOW);
    }

    static Notification plain(DeviceToken token, String payload) {
        return notification(token, payload, Optional.empty(), Optional.empty());
    }

    private static Submission team(Notification n) {
        return new Submission("TEAM1", n);
    }

    private static List<String> payloads(List<Notification> notifications) {
        return notifications.stream().map(n -> new String(n.payload(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void pendingComesBackInAcceptanceOrderAcrossBatches() {
        DeviceToken token = DeviceToken.random(RANDOM);
        DeviceToken other = DeviceToken.random(RANDOM);
        store.store(List.of(team(plain(token, "{\"n\":1}")), team(plain(other, "{\"x\":1}")), team(plain(token, "{\"n\":2}"))));
        store.store(List.of(team(plain(token, "{\"n\":3}"))));

        List<Notification> pending = store.pending(token, NOW, 100);

        assertThat(payloads(pending)).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
        assertThat(pending.get(0).token()).isEqualTo(token);
        assertThat(store.pending(token, NOW, 2)).hasSize(2);
        assertThat(store.countPending()).isEqualTo(4);
    }

    @Test
    void storedNotificationReadsBackFieldForField() {
        DeviceToken token = DeviceToken.random(RANDOM);
        Notification sent = new Notification(UUID.randomUUID(), token, "com.example.app.voip", "voip", 5,
                Optional.of(NOW.plus(Duration.ofHours(1))), Optional.of("call-7"), "{\"aps\":{}}".getBytes(StandardCharsets.UTF_8), NOW);
        store.store(List.of(team(sent)));

        Notification read = store.pending(token, NOW, 10).get(0);

        assertThat(read.id()).isEqualTo(sent.id());
        assertThat(read.topic()).isEqualTo("com.example.app.voip");
        assertThat(read.pushType()).isEqualTo("voip");
        assertThat(read.priority()).isEqualTo(5);
        assertThat(read.expiration()).isEqualTo(sent.expiration());
        assertThat(read.collapseId()).contains("call-7");
        assertThat(read.payload()).isEqualTo(sent.payload());
        assertThat(read.acceptedAt()).isEqualTo(NOW);
    }

    @Test
    void newerNotificationWithSameCollapseIdReplacesTheOlder() {
        DeviceToken token = DeviceToken.random(RANDOM);
        Notification first = notification(token, "{\"score\":1}", Optional.empty(), Optional.of("score"));
        store.store(List.of(team(first), team(plain(token, "{\"other\":1}"))));
        StoreOutcome outcome = store.store(List.of(team(notification(token, "{\"score\":2}", Optional.empty(), Optional.of("score")))));

        assertThat(outcome.collapsed()).isEqualTo(1);
        assertThat(payloads(store.pending(token, NOW, 10))).containsExactly("{\"other\":1}", "{\"score\":2}");
        assertThat(store.receipt(first.id()).orElseThrow().status()).isEqualTo(ReceiptStatus.DROPPED);
    }

    @Test
    void collapseWithinOneBatchKeepsOnlyTheLast() {
        DeviceToken token = DeviceToken.random(RANDOM);
        StoreOutcome outcome = store.store(List.of(
                team(notification(token, "{\"v\":1}", Optional.empty(), Optional.of("c"))),
                team(notification(token, "{\"v\":2}", Optional.empty(), Optional.of("c"))),
                team(notification(token, "{\"v\":3}", Optional.empty(), Optional.of("c")))));

        assertThat(outcome.collapsed()).isEqualTo(2);
        assertThat(payloads(store.pending(token, NOW, 10))).containsExactly("{\"v\":3}");
    }

    @Test
    void sameCollapseIdOnAnotherDeviceIsLeftAlone() {
        DeviceToken a = DeviceToken.random(RANDOM);
        DeviceToken b = DeviceToken.random(RANDOM);
        store.store(List.of(team(notification(a, "{\"a\":1}", Optional.empty(), Optional.of("c")))));
        store.store(List.of(team(notification(b, "{\"b\":1}", Optional.empty(), Optional.of("c")))));

        assertThat(store.pending(a, NOW, 10)).hasSize(1);
    }

    @Test
    void deviceOverItsCapLosesTheOldestCounted() {
        DeviceToken token = DeviceToken.random(RANDOM);
        List<Submission> batch = new ArrayList<>();
        for (int i = 1; i <= CAP + 2; i++) {
            batch.add(team(plain(token, "{\"n\":" + i + "}")));
        }
        StoreOutcome first = store.store(batch);
        StoreOutcome second = store.store(List.of(team(plain(token, "{\"n\":8}"))));

        assertThat(first.overCap()).isEqualTo(2);
        assertThat(second.overCap()).isEqualTo(1);
        assertThat(payloads(store.pending(token, NOW, 100)))
                .containsExactly("{\"n\":4}", "{\"n\":5}", "{\"n\":6}", "{\"n\":7}", "{\"n\":8}");
        assertThat(store.receipt(batch.get(0).notification().id()).orElseThrow().status()).isEqualTo(ReceiptStatus.DROPPED);
    }

    @Test
    void expiredNotificationsAreNotPendingAndAreMarkedByTheSweep() {
        DeviceToken token = DeviceToken.random(RANDOM);
        Notification stale = notification(token, "{\"stale\":1}", Optional.of(NOW.minusSeconds(1)), Optional.empty());
        Notification nowOrNever = notification(token, "{\"now\":1}", Optional.of(Instant.EPOCH), Optional.empty());
        Notification fresh = notification(token, "{\"fresh\":1}", Optional.of(NOW.plusSeconds(60)), Optional.empty());
        store.store(List.of(team(stale), team(nowOrNever), team(fresh)));

        assertThat(payloads(store.pending(token, NOW, 10))).containsExactly("{\"fresh\":1}");
        assertThat(store.expire(token, NOW)).isEqualTo(2);
        assertThat(store.expireDue(NOW)).isZero();
        assertThat(store.receipt(stale.id()).orElseThrow().status()).isEqualTo(ReceiptStatus.EXPIRED);
        assertThat(store.expireDue(NOW.plusSeconds(61))).isEqualTo(1);
        assertThat(store.countPending()).isZero();
    }

    @Test
    void deliveredNotificationsLeaveTheBacklogAndKeepAReceipt() {
        DeviceToken token = DeviceToken.random(RANDOM);
        Notification a = plain(token, "{\"a\":1}");
        Notification b = plain(token, "{\"b\":1}");
        store.store(List.of(team(a), team(b)));
        Instant deliveredAt = NOW.plusSeconds(2);

        assertThat(store.markDelivered(List.of(a.id()), deliveredAt)).isEqualTo(1);
        assertThat(store.markDelivered(List.of(a.id()), deliveredAt.plusSeconds(1))).as("the first delivery time is kept").isZero();

        assertThat(payloads(store.pending(token, NOW, 10))).containsExactly("{\"b\":1}");
        Receipt receipt = store.receipt(a.id()).orElseThrow();
        assertThat(receipt.status()).isEqualTo(ReceiptStatus.DELIVERED);
        assertThat(receipt.team()).isEqualTo("TEAM1");
        assertThat(receipt.acceptedAt()).isEqualTo(NOW);
        assertThat(receipt.finishedAt()).contains(deliveredAt);
        assertThat(store.receipt(b.id()).orElseThrow().finishedAt()).isEmpty();
    }

    @Test
    void markExpiredTouchesOnlyPendingOnes() {
        DeviceToken token = DeviceToken.random(RANDOM);
        Notification a = plain(token, "{\"a\":1}");
        Notification b = plain(token, "{\"b\":1}");
        store.store(List.of(team(a), team(b)));
        store.markDelivered(List.of(a.id()), NOW);

        assertThat(store.markExpired(List.of(a.id(), b.id()), NOW)).isEqualTo(1);
        assertThat(store.receipt(a.id()).orElseThrow().status()).isEqualTo(ReceiptStatus.DELIVERED);
        assertThat(store.receipt(b.id()).orElseThrow().status()).isEqualTo(ReceiptStatus.EXPIRED);
    }

    @Test
    void purgeRemovesOnlyFinishedReceiptsOlderThanTheCutoff() {
        DeviceToken token = DeviceToken.random(RANDOM);
        Notification old = plain(token, "{\"old\":1}");
        Notification recent = plain(token, "{\"recent\":1}");
        Notification waiting = plain(token, "{\"waiting\":1}");
        store.store(List.of(team(old), team(recent), team(waiting)));
        store.markDelivered(List.of(old.id()), NOW.minus(Duration.ofDays(2)));
        store.markDelivered(List.of(recent.id()), NOW);

        assertThat(store.purgeFinishedBefore(NOW.minus(Duration.ofDays(1)))).isEqualTo(1);
        assertThat(store.receipt(old.id())).isEmpty();
        assertThat(store.receipt(recent.id())).isPresent();
        assertThat(store.receipt(waiting.id())).isPresent();
    }

    @Test
    void unknownReceiptIsEmpty() {
        assertThat(store.receipt(UUID.randomUUID())).isEmpty();
    }

    @Test
    void aReusedApnsIdIsLeftOutAndTheRestOfItsBatchIsStored() {
        DeviceToken token = DeviceToken.random(RANDOM);
        Notification n = plain(token, "{\"a\":1}");
        store.store(List.of(team(n)));
        Notification b = plain(token, "{\"b\":1}");
        Notification again = new Notification(n.id(), token, "com.example.app", "alert", 10, Optional.empty(),
                Optional.of("k"), "{\"again\":1}".getBytes(StandardCharsets.UTF_8), NOW);
        Notification c = plain(token, "{\"c\":1}");
        Notification cAgain = new Notification(c.id(), token, "com.example.app", "alert", 10, Optional.empty(), Optional.empty(),
                "{\"c2\":1}".getBytes(StandardCharsets.UTF_8), NOW);

        StoreOutcome outcome = store.store(List.of(team(b), team(again), team(c), team(cAgain)));

        assertThat(outcome.reused()).containsExactly(1, 3);
        assertThat(payloads(store.pending(token, NOW, 10))).containsExactly("{\"a\":1}", "{\"b\":1}", "{\"c\":1}");
    }

    @Test
    void notificationDeliveredBeforeItWasStoredKeepsOnlyAReceipt() {
        DeviceToken token = DeviceToken.random(RANDOM);
        Notification n = plain(token, "{\"direct\":1}");
        Instant at = NOW.plusMillis(3);

        assertThat(store.recordDelivered(List.of(new Delivered(new Submission("TEAM7", n), at)))).isZero();

        Receipt receipt = store.receipt(n.id()).orElseThrow();
        assertThat(receipt.team()).isEqualTo("TEAM7");
        assertThat(receipt.status()).isEqualTo(ReceiptStatus.DELIVERED);
        assertThat(receipt.acceptedAt()).isEqualTo(NOW);
        assertThat(receipt.finishedAt()).contains(at);
        assertThat(store.pending(token, NOW, 10)).isEmpty();
        assertThat(store.countPending()).isZero();
    }

    @Test
    void deliveredBeforeStoredReplacesAPendingOneWithTheSameCollapseId() {
        DeviceToken token = DeviceToken.random(RANDOM);
        Notification older = notification(token, "{\"score\":1}", Optional.empty(), Optional.of("score"));
        Notification other = plain(token, "{\"news\":1}");
        store.store(List.of(team(older), team(other)));
        Notification newer = notification(token, "{\"score\":2}", Optional.empty(), Optional.of("score"));

        assertThat(store.recordDelivered(List.of(new Delivered(team(newer), NOW)))).isEqualTo(1);

        assertThat(payloads(store.pending(token, NOW, 10))).containsExactly("{\"news\":1}");
        assertThat(store.receipt(older.id()).orElseThrow().status()).isEqualTo(ReceiptStatus.DROPPED);
    }

    @Test
    void aReusedApnsIdAmongDeliveredReceiptsDoesNotFailTheBatch() {
        DeviceToken token = DeviceToken.random(RANDOM);
        Notification first = plain(token, "{\"a\":1}");
        Notification reused = new Notification(first.id(), token, "com.example.app", "alert", 10, Optional.empty(), Optional.empty(),
                new byte[] {'{', '}'}, NOW.plusSeconds(1));
        Notification third = plain(token, "{\"c\":1}");
        store.recordDelivered(List.of(new Delivered(team(first), NOW)));

        store.recordDelivered(List.of(new Delivered(team(reused), NOW.plusSeconds(1)), new Delivered(team(third), NOW.plusSeconds(1)),
                new Delivered(team(third), NOW.plusSeconds(2))));

        assertThat(store.receipt(first.id()).orElseThrow().finishedAt()).as("the first delivery's receipt stays").contains(NOW);
        assertThat(store.receipt(third.id())).isPresent();
    }

    @Test
    void purgeRemovesDeliveredReceiptsOlderThanTheCutoff() {
        DeviceToken token = DeviceToken.random(RANDOM);
        Notification old = plain(token, "{\"old\":1}");
        Notification recent = plain(token, "{\"recent\":1}");
        store.recordDelivered(List.of(new Delivered(team(old), NOW.minus(Duration.ofDays(2))), new Delivered(team(recent), NOW)));

        assertThat(store.purgeFinishedBefore(NOW.minus(Duration.ofDays(1)))).isEqualTo(1);
        assertThat(store.receipt(old.id())).isEmpty();
        assertThat(store.receipt(recent.id())).isPresent();
    }
}
