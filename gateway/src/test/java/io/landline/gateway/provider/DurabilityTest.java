package io.landline.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.landline.protocol.token.DeviceToken;
import io.landline.provider.ProviderKey;
import io.landline.storage.StorageSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 200 survives the node: notifications accepted while their device was away are still
 * there after a restart, and reach the device in acceptance order — on the embedded H2 of a
 * single node and on the PostgreSQL a cluster shares.
 */
class DurabilityTest {

    @TempDir
    Path dir;

    @Test
    void acceptedNotificationsSurviveARestartOnH2AndArriveInOrder() throws Exception {
        acceptRestartDeliver(PushNode.h2());
    }

    @Test
    void acceptedNotificationsSurviveARestartOnPostgresAndArriveInOrder() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            acceptRestartDeliver(new StorageSettings("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres", "", 4));
        }
    }

    private void acceptRestartDeliver(StorageSettings storage) throws Exception {
        KeyPair key = PushNode.p256();
        List<ProviderKey> keys = List.of(PushNode.key(key, PushNode.TEAM, PushNode.KEY_ID, PushNode.TOPICS));
        DeviceToken token;
        List<String> sent = new ArrayList<>();
        try (PushNode before = PushNode.start(dir, storage, keys)) {
            token = before.device();
            Provider provider = new Provider(before, key, PushNode.TEAM, PushNode.KEY_ID);
            for (int i = 1; i <= 30; i++) {
                String payload = "{\"n\":" + i + "}";
                assertThat(provider.push(token.hex(), payload, "apns-topic", "com.example.app").statusCode()).isEqualTo(200);
                sent.add(payload);
            }
        }

        try (PushNode after = PushNode.start(dir, storage, keys)) {
            after.delivery.connect(token);
            after.pipeline.deviceReady(token);

            await().atMost(Duration.ofSeconds(10)).until(() -> after.delivery.received(token).size() >= 30);
            assertThat(after.delivery.payloads(token)).containsExactlyElementsOf(sent);
        }
    }
}
