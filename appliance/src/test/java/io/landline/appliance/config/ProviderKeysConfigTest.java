package io.landline.appliance.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.gateway.provider.ProviderApiSettings;
import io.landline.provider.ProviderKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderKeysConfigTest {

    @TempDir
    Path dir;

    @Test
    void declaredProvidersAreLoadedWithTheirKeysAndTopics() {
        String pem = ConfigErrorsTest.publicKeyPem("secp256r1");
        Fixtures.write(dir, "keys/team1.pub.pem", pem);
        Fixtures.write(dir, "keys/team2.pub.pem", ConfigErrorsTest.publicKeyPem("secp256r1"));
        Path file = Fixtures.write(dir, "landline.yaml", """
                gateway:
                  providers:
                    - team: ABCDE12345
                      key-id: KEY1234567
                      key: keys/team1.pub.pem
                      topics: [com.example.app, com.example.app.voip]
                    - team: FGHIJ67890
                      key-id: KEY2
                      key: keys/team2.pub.pem
                  push:
                    max-pending-per-device: 20
                    receipt-retention: 2h
                """);

        ProviderApiSettings settings = Fixtures.load(dir, file, Map.of()).providerApi();

        assertThat(settings.providers()).extracting(ProviderKey::team, ProviderKey::keyId, ProviderKey::topics, ProviderKey::origin).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ABCDE12345", "KEY1234567", List.of("com.example.app", "com.example.app.voip"), ProviderKey.Origin.CONFIG),
                org.assertj.core.groups.Tuple.tuple("FGHIJ67890", "KEY2", List.of(), ProviderKey.Origin.CONFIG));
        assertThat(settings.providers().get(0).publicKeyPem()).isEqualToIgnoringNewLines(pem);
        assertThat(settings.push().maxPendingPerDevice()).isEqualTo(20);
        assertThat(settings.push().receiptRetention()).isEqualTo(Duration.ofHours(2));
        assertThat(settings.teamRateLimit()).isEqualTo(10_000);
    }
}
