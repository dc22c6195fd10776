package io.landline.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.protocol.token.DeviceToken;
import io.landline.storage.Database;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link DeviceRepository} must do, run against each database we support. The
 * database is opened (and migrated) once per class; each test starts from an empty table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeviceRepositoryContract {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant ACTIVATED = Instant.parse("2025-03-01T10:15:30.123Z");
    private static final Instant REVOKED = Instant.parse("2025-06-30T23:59:59.999Z");
    private static final String CERTIFICATE = """
            -----BEGIN CERTIFICATE-----
            MIIBfTCCASOgAwIBAgIUYmFkIGZpeHR1cmUsIG5vdCBhIHJlYWwgY2VydDAKBggq
            -----END CERTIFICATE-----
            """;

    private Database database;
    private DeviceRepository devices;

    /** A migrated database, opened once for the whole class. */
    protected abstract Database openDatabase() throws Exception;

    @BeforeAll
    void open() throws Exception {
        database = openDatabase();
        devices = DeviceRepository.jdbc(database.dataSource());
    }

    @AfterAll
    void close() {
        database.close();
    }

    @BeforeEach
    void startEmpty() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM device");
        }
    }

    private static Device device(String keyAlgorithm) {
        return Device.active(DeviceToken.random(RANDOM), CERTIFICATE, keyAlgorithm, ACTIVATED);
    }

    @Test
    void insertedDeviceIsFoundByToken() {
        Device device = device("EC P-256");

        assertThat(devices.insert(device)).isTrue();

        assertThat(devices.find(device.token())).contains(device);
    }

    @Test
    void unknownTokenIsEmpty() {
        devices.insert(device("EC P-256"));

        assertThat(devices.find(DeviceToken.random(RANDOM))).isEmpty();
    }

    @Test
    void duplicateTokenIsRejected() {
        Device first = device("EC P-256");
        Device impostor = new Device(first.token(), "other pem", "Ed25519", REVOKED, Optional.empty());
        devices.insert(first);

        assertThat(devices.insert(impostor)).isFalse();

        assertThat(devices.find(first.token())).contains(first);
        assertThat(devices.count()).isEqualTo(1);
    }

    @Test
    void revokeMarksDeviceRevokedOnceOnly() {
        Device device = device("Ed25519");
        devices.insert(device);

        assertThat(devices.revoke(device.token(), REVOKED)).isTrue();
        assertThat(devices.revoke(device.token(), REVOKED.plusSeconds(60))).isFalse();

        Device found = devices.find(device.token()).orElseThrow();
        assertThat(found.isRevoked()).isTrue();
        assertThat(found.revokedAt()).contains(REVOKED);
    }

    @Test
    void revokingUnknownTokenChangesNothing() {
        devices.insert(device("Ed25519"));

        assertThat(devices.revoke(DeviceToken.random(RANDOM), REVOKED)).isFalse();

        assertThat(devices.countActive()).isEqualTo(1);
    }

    @Test
    void revokedSinceNamesOnlyDevicesRevokedAtOrAfterThatTime() {
        Device kept = device("EC P-256");
        Device revokedBefore = device("Ed25519");
        Device revokedAt = device("Ed25519");
        Device revokedAfter = device("EC P-256");
        for (Device d : new Device[] {kept, revokedBefore, revokedAt, revokedAfter}) {
            devices.insert(d);
        }
        devices.revoke(revokedBefore.token(), REVOKED.minusMillis(1));
        devices.revoke(revokedAt.token(), REVOKED);
        devices.revoke(revokedAfter.token(), REVOKED.plusSeconds(60));

        assertThat(devices.revokedSince(REVOKED))
                .containsOnly(Map.entry(revokedAt.token(), REVOKED), Map.entry(revokedAfter.token(), REVOKED.plusSeconds(60)));
    }

    @Test
    void countsActiveAndRevoked() {
        Device kept = device("EC P-256");
        Device revokedLater = device("Ed25519");
        Device revokedOnArrival = new Device(DeviceToken.random(RANDOM), CERTIFICATE, "Ed25519", ACTIVATED, Optional.of(REVOKED));
        devices.insert(kept);
        devices.insert(revokedLater);
        devices.insert(revokedOnArrival);
        devices.revoke(revokedLater.token(), REVOKED);

        assertThat(devices.count()).isEqualTo(3);
        assertThat(devices.countActive()).isEqualTo(1);
    }

    @Test
    void recentListsNewestFirstUpToTheLimit() {
        Device oldest = new Device(DeviceToken.random(RANDOM), CERTIFICATE, "EC P-256", ACTIVATED, Optional.empty());
        Device middle = new Device(DeviceToken.random(RANDOM), CERTIFICATE, "Ed25519", ACTIVATED.plusSeconds(1), Optional.of(REVOKED));
        Device newest = new Device(DeviceToken.random(RANDOM), CERTIFICATE, "EC P-256", ACTIVATED.plusSeconds(2), Optional.empty());
        devices.insert(middle);
        devices.insert(newest);
        devices.insert(oldest);

        assertThat(devices.recent(2)).containsExactly(newest, middle);
        assertThat(devices.recent(10)).containsExactly(newest, middle, oldest);
        assertThat(devices.recent(0)).isEmpty();
    }

    @Test
    void timestampsSurviveRoundTrip() {
        // Nanoseconds are beyond both databases; the repository keeps milliseconds.
        Instant activated = Instant.parse("2024-10-27T01:30:00.123456789Z");
        Instant revoked = Instant.parse("1999-12-31T23:59:59.999999Z");
        Device device = new Device(DeviceToken.random(RANDOM), CERTIFICATE, "EC P-256", activated, Optional.of(revoked));
        devices.insert(device);

        Device found = devices.find(device.token()).orElseThrow();

        assertThat(found.activatedAt()).isEqualTo(Instant.parse("2024-10-27T01:30:00.123Z"));
        assertThat(found.revokedAt()).contains(Instant.parse("1999-12-31T23:59:59.999Z"));
    }
}
