package io.landline.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.storage.Database;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What every {@link ProviderKeyRepository} must do, on each database we support. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProviderKeyRepositoryContract {

    private Database database;
    private ProviderKeyRepository keys;

    protected abstract Database openDatabase() throws Exception;

    @BeforeAll
    void open() throws Exception {
        database = openDatabase();
        keys = ProviderKeyRepository.jdbc(database.dataSource());
    }

    @AfterAll
    void close() {
        database.close();
    }

    @BeforeEach
    void startEmpty() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM provider_key");
        }
    }

    static ECPublicKey p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return (ECPublicKey) generator.generateKeyPair().getPublic();
    }

    @Test
    void storedKeyReadsBackWithItsTopics() throws Exception {
        ECPublicKey pub = p256();
        assertThat(keys.insert(new ProviderKey("ABCDE12345", "KEY1234567", pub, List.of("com.example.app", "com.example.app.voip"), ProviderKey.Origin.STORED))).isTrue();
        assertThat(keys.insert(new ProviderKey("ABCDE12345", "KEY2", p256(), List.of(), ProviderKey.Origin.STORED))).isTrue();

        List<ProviderKey> all = keys.all();

        assertThat(all).extracting(ProviderKey::keyId).containsExactly("KEY1234567", "KEY2");
        assertThat(all.get(0).publicKey().getEncoded()).isEqualTo(pub.getEncoded());
        assertThat(all.get(0).topics()).containsExactly("com.example.app", "com.example.app.voip");
        assertThat(all.get(1).topics()).isEmpty();
        assertThat(all.get(0).origin()).isEqualTo(ProviderKey.Origin.STORED);
    }

    @Test
    void secondKeyWithTheSameTeamAndIdIsRefused() throws Exception {
        keys.insert(new ProviderKey("T", "K", p256(), List.of(), ProviderKey.Origin.STORED));

        assertThat(keys.insert(new ProviderKey("T", "K", p256(), List.of(), ProviderKey.Origin.STORED))).isFalse();
        assertThat(keys.all()).hasSize(1);
    }

    @Test
    void deleteRemovesOnlyThatKey() throws Exception {
        keys.insert(new ProviderKey("T", "K1", p256(), List.of(), ProviderKey.Origin.STORED));
        keys.insert(new ProviderKey("T", "K2", p256(), List.of(), ProviderKey.Origin.STORED));

        assertThat(keys.delete("T", "K1")).isTrue();
        assertThat(keys.delete("T", "K1")).isFalse();
        assertThat(keys.all()).extracting(ProviderKey::keyId).containsExactly("K2");
    }
}
