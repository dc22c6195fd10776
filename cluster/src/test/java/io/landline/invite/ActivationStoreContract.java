package io.landline.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.landline.enrollment.EnrollmentTokenLedger;
import io.landline.invite.InviteRepository.Redemption;
import io.landline.protocol.token.DeviceToken;
import io.landline.storage.Database;
import io.landline.storage.StorageException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the invite repository and the enrollment token ledger must do, on each database we
 * support: above all, that concurrent redemptions of one code (or uses of one token) have
 * exactly one winner, with real threads on real connections.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ActivationStoreContract {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant NOW = Instant.parse("2025-05-01T12:00:00Z");
    private static final int CONTENDERS = 8;

    private Database database;
    private InviteRepository invites;
    private EnrollmentTokenLedger ledger;
    private ExecutorService threads;

    /** A migrated database with a pool of at least {@link #CONTENDERS} connections. */
    protected abstract Database openDatabase();

    @BeforeAll
    void open() {
        database = openDatabase();
        invites = InviteRepository.jdbc(database.dataSource());
        ledger = EnrollmentTokenLedger.jdbc(database.dataSource());
        threads = Executors.newFixedThreadPool(CONTENDERS);
    }

    @AfterAll
    void close() {
        threads.shutdownNow();
        database.close();
    }

    @BeforeEach
    void startEmpty() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM invite");
            statement.executeUpdate("DELETE FROM enrollment_token_use");
        }
    }

    private InviteCode mint(Duration validFor) {
        InviteCode code = InviteCode.random(RANDOM);
        invites.insertAll(List.of(Invite.minted(code, NOW, NOW.plus(validFor))));
        return code;
    }

    @Test
    void openInviteIsRedeemedOnceAndRemembersItsDevice() {
        InviteCode code = mint(Duration.ofDays(7));
        DeviceToken device = DeviceToken.random(RANDOM);

        assertThat(invites.redeem(code.hash(), device, NOW.plusSeconds(5))).isEqualTo(Redemption.REDEEMED);
        assertThat(invites.redeem(code.hash(), DeviceToken.random(RANDOM), NOW.plusSeconds(6))).isEqualTo(Redemption.USED);

        Invite stored = invites.find(code.hash()).orElseThrow();
        assertThat(stored.device()).contains(device);
        assertThat(stored.redeemedAt()).contains(NOW.plusSeconds(5));
    }

    @Test
    void unknownCodeIsUnknown() {
        mint(Duration.ofDays(7));

        assertThat(invites.redeem(InviteCode.random(RANDOM).hash(), DeviceToken.random(RANDOM), NOW)).isEqualTo(Redemption.UNKNOWN);
    }

    @Test
    void inviteIsRefusedFromItsExpiryOn() {
        InviteCode code = mint(Duration.ofHours(1));

        assertThat(invites.redeem(code.hash(), DeviceToken.random(RANDOM), NOW.plus(Duration.ofHours(1)))).isEqualTo(Redemption.EXPIRED);
        assertThat(invites.find(code.hash()).orElseThrow().redeemedAt()).isEmpty();
        assertThat(invites.redeem(code.hash(), DeviceToken.random(RANDOM), NOW.plus(Duration.ofMinutes(59)))).isEqualTo(Redemption.REDEEMED);
    }

    @Test
    void openInvitesAreCounted() {
        mint(Duration.ofHours(1));
        mint(Duration.ofDays(1));
        InviteCode spent = mint(Duration.ofDays(1));
        invites.redeem(spent.hash(), DeviceToken.random(RANDOM), NOW);

        assertThat(invites.countOpen(NOW)).isEqualTo(2);
        assertThat(invites.countOpen(NOW.plus(Duration.ofHours(2)))).isEqualTo(1);
    }

    @Test
    void aBatchIsStoredWholeOrNotAtAll() {
        InviteCode code = InviteCode.random(RANDOM);
        InviteCode other = InviteCode.random(RANDOM);
        List<Invite> batch = List.of(Invite.minted(other, NOW, NOW.plusSeconds(60)),
                Invite.minted(code, NOW, NOW.plusSeconds(60)), Invite.minted(code, NOW, NOW.plusSeconds(60)));

        assertThatThrownBy(() -> invites.insertAll(batch)).isInstanceOf(StorageException.class);

        assertThat(invites.find(other.hash())).isEmpty();
        assertThat(invites.countOpen(NOW)).isZero();
    }

    @Test
    void concurrentRedemptionsOfOneCodeHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 10; round++) {
            InviteCode code = mint(Duration.ofDays(1));
            List<DeviceToken> devices = new ArrayList<>();
            for (int i = 0; i < CONTENDERS; i++) {
                devices.add(DeviceToken.random(RANDOM));
            }

            List<Redemption> results = race(i -> () -> invites.redeem(code.hash(), devices.get(i), NOW));

            Map<Redemption, Long> counts = results.stream().collect(Collectors.groupingBy(r -> r, Collectors.counting()));
            assertThat(counts).as("round %d", round).containsOnly(Map.entry(Redemption.REDEEMED, 1L), Map.entry(Redemption.USED, (long) CONTENDERS - 1));
            DeviceToken winner = devices.get(results.indexOf(Redemption.REDEEMED));
            assertThat(invites.find(code.hash()).orElseThrow().device()).contains(winner);
        }
    }

    @Test
    void enrollmentTokenIsUsedOnce() {
        String jti = "a".repeat(64);

        assertThat(ledger.recordFirstUse(jti, NOW.plusSeconds(600), NOW, DeviceToken.random(RANDOM), Optional.of("alice"))).isTrue();
        assertThat(ledger.recordFirstUse(jti, NOW.plusSeconds(600), NOW.plusSeconds(1), DeviceToken.random(RANDOM), Optional.empty())).isFalse();
    }

    @Test
    void concurrentUsesOfOneEnrollmentTokenHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 10; round++) {
            String jti = InviteCode.random(RANDOM).hash();

            List<Boolean> results = race(i -> () -> ledger.recordFirstUse(jti, NOW.plusSeconds(600), NOW, DeviceToken.random(RANDOM), Optional.empty()));

            assertThat(results).as("round %d", round).containsOnlyOnce(true).hasSize(CONTENDERS);
        }
    }

    @Test
    void usesOfExpiredTokensArePurged() {
        ledger.recordFirstUse("b".repeat(64), NOW.plusSeconds(60), NOW, DeviceToken.random(RANDOM), Optional.empty());
        ledger.recordFirstUse("c".repeat(64), NOW.plusSeconds(3600), NOW, DeviceToken.random(RANDOM), Optional.empty());

        assertThat(ledger.purgeExpired(NOW.plusSeconds(61))).isEqualTo(1);

        assertThat(ledger.recordFirstUse("c".repeat(64), NOW.plusSeconds(3600), NOW, DeviceToken.random(RANDOM), Optional.empty())).isFalse();
    }

    /** Runs {@link #CONTENDERS} calls released at once and returns their results in contender order. */
    private <T> List<T> race(Function<Integer, Callable<T>> contender) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < CONTENDERS; i++) {
            Callable<T> call = contender.apply(i);
            futures.add(threads.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(20, TimeUnit.SECONDS));
        }
        return results;
    }
}
