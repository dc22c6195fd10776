package io.landline.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.device.Device;
import io.landline.device.DeviceEvents;
import io.landline.device.DeviceRepository;
import io.landline.protocol.token.DeviceToken;
import io.landline.storage.Database;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider API's view of devices: cached, and dropped at once when a device is revoked anywhere. */
class DeviceStatesTest {

    @TempDir
    Path dir;

    Vertx vertx;
    Database database;
    DeviceRepository devices;
    DeviceStates states;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        database = Database.open(PushNode.h2(), dir);
        devices = DeviceRepository.jdbc(database.dataSource());
        states = new DeviceStates(vertx, devices);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
        database.close();
    }

    private DeviceToken activated() {
        DeviceToken token = DeviceToken.random(new SecureRandom());
        devices.insert(new Device(token, "-----BEGIN CERTIFICATE-----", "EC P-256", Instant.now(), Optional.empty()));
        return token;
    }

    @Test
    void aRevocationPublishedInTheClusterIsAnsweredAtOnceNotAfterTheCacheExpires() throws Exception {
        DeviceToken token = activated();
        Instant at = revokedBehindTheCache(token);
        assertThat(states.of(token).await(5, TimeUnit.SECONDS)).as("still cached").isInstanceOf(DeviceStates.Active.class);

        vertx.eventBus().publish(DeviceEvents.REVOKED, token.hex());

        assertAnsweredRevoked(token, at, Duration.ofSeconds(5));
    }

    @Test
    void aRevocationWhoseEventWasMissedIsAnsweredAfterTheNextPoll() throws Exception {
        DeviceToken token = activated();
        Instant at = revokedBehindTheCache(token);

        // no DeviceEvents.REVOKED: only the poll of recent revocations can tell
        assertAnsweredRevoked(token, at, DeviceStates.REVOCATION_POLL.plusSeconds(5));
    }

    /** Caches the token as active, then revokes it in the repository alone; returns when. */
    private Instant revokedBehindTheCache(DeviceToken token) throws Exception {
        assertThat(states.of(token).await(5, TimeUnit.SECONDS)).isInstanceOf(DeviceStates.Active.class);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        devices.revoke(token, at);
        return at;
    }

    private void assertAnsweredRevoked(DeviceToken token, Instant at, Duration within) throws Exception {
        Awaitility.await().atMost(within)
                .until(() -> states.of(token).await(5, TimeUnit.SECONDS) instanceof DeviceStates.Revoked);
        assertThat(((DeviceStates.Revoked) states.of(token).await(5, TimeUnit.SECONDS)).at()).isEqualTo(at);
    }

    @Test
    void anUnknownTokenIsReadAgainSoADeviceActivatedSinceIsKnown() throws Exception {
        DeviceToken token = DeviceToken.random(new SecureRandom());
        assertThat(states.of(token).await(5, TimeUnit.SECONDS)).isInstanceOf(DeviceStates.Unknown.class);
        devices.insert(new Device(token, "-----BEGIN CERTIFICATE-----", "EC P-256", Instant.now(), Optional.empty()));

        Awaitility.await().atMost(DeviceStates.UNKNOWN_TTL.plusSeconds(5))
                .until(() -> states.of(token).await(5, TimeUnit.SECONDS) instanceof DeviceStates.Active);
    }
}
