package io.landline.provider;

import io.landline.storage.Blocking;
import io.landline.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/** {@link ProviderKeyRepository} over the {@code provider_key} table (migration V11). */
final class JdbcProviderKeyRepository implements ProviderKeyRepository {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String INSERT = "INSERT INTO provider_key (team, key_id, public_key, topics, added_at) VALUES (?, ?, ?, ?, ?)";
    private static final String DELETE = "DELETE FROM provider_key WHERE team = ? AND key_id = ?";
    private static final String ALL = "SELECT team, key_id, public_key, topics FROM provider_key ORDER BY team, key_id";

    private final DataSource dataSource;

    JdbcProviderKeyRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public boolean insert(ProviderKey key) {
        Blocking.check();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, key.team());
            insert.setString(2, key.keyId());
            insert.setString(3, key.publicKeyPem());
            insert.setString(4, String.join(",", key.topics()));
            insert.setObject(5, Instant.now().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw StorageException.of("cannot store provider key " + key.team() + "/" + key.keyId(), e);
        }
    }

    @Override
    public boolean delete(String team, String keyId) {
        Blocking.check();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(DELETE)) {
            delete.setString(1, team);
            delete.setString(2, keyId);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw StorageException.of("cannot remove provider key " + team + "/" + keyId, e);
        }
    }

    @Override
    public List<ProviderKey> all() {
        Blocking.check();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement all = connection.prepareStatement(ALL);
             ResultSet rows = all.executeQuery()) {
            List<ProviderKey> keys = new ArrayList<>();
            while (rows.next()) {
                String topics = rows.getString("topics");
                keys.add(new ProviderKey(rows.getString("team"), rows.getString("key_id"),
                        EcPublicKeys.parse(rows.getString("public_key")),
                        topics.isEmpty() ? List.of() : Arrays.asList(topics.split(",")), ProviderKey.Origin.STORED));
            }
            return keys;
        } catch (SQLException e) {
            throw StorageException.of("cannot read provider keys", e);
        }
    }
}
