package io.landline.device;

import io.landline.protocol.token.DeviceToken;
import io.landline.storage.Blocking;
import io.landline.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link DeviceRepository} over the {@code device} table (migration V1). */
final class JdbcDeviceRepository implements DeviceRepository {

    /** SQLSTATE class 23, unique violation; H2 and PostgreSQL both report it. */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final String INSERT =
            "INSERT INTO device (token, certificate, key_algorithm, activated_at, revoked_at) VALUES (?, ?, ?, ?, ?)";
    private static final String FIND =
            "SELECT token, certificate, key_algorithm, activated_at, revoked_at FROM device WHERE token = ?";
    private static final String REVOKE =
            "UPDATE device SET revoked_at = ? WHERE token = ? AND revoked_at IS NULL";
    private static final String REVOKED_SINCE = "SELECT token, revoked_at FROM device WHERE revoked_at >= ?";
    private static final String RECENT =
            "SELECT token, certificate, key_algorithm, activated_at, revoked_at FROM device ORDER BY activated_at DESC, token LIMIT ?";
    private static final String COUNT = "SELECT COUNT(*) FROM device";
    private static final String COUNT_ACTIVE = "SELECT COUNT(*) FROM device WHERE revoked_at IS NULL";

    private final DataSource dataSource;

    JdbcDeviceRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public boolean insert(Device device) {
        Blocking.check();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, device.token().hex());
            insert.setString(2, device.certificatePem());
            insert.setString(3, device.keyAlgorithm());
            insert.setObject(4, toColumn(device.activatedAt()));
            insert.setObject(5, device.revokedAt().map(JdbcDeviceRepository::toColumn).orElse(null));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw StorageException.of("cannot insert device " + device.token(), e);
        }
    }

    @Override
    public Optional<Device> find(DeviceToken token) {
        Blocking.check();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement find = connection.prepareStatement(FIND)) {
            find.setString(1, token.hex());
            try (ResultSet row = find.executeQuery()) {
                return row.next() ? Optional.of(device(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw StorageException.of("cannot find device " + token, e);
        }
    }

    @Override
    public boolean revoke(DeviceToken token, Instant at) {
        Blocking.check();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement revoke = connection.prepareStatement(REVOKE)) {
            revoke.setObject(1, toColumn(at));
            revoke.setString(2, token.hex());
            return revoke.executeUpdate() == 1;
        } catch (SQLException e) {
            throw StorageException.of("cannot revoke device " + token, e);
        }
    }

    @Override
    public Map<DeviceToken, Instant> revokedSince(Instant since) {
        Blocking.check();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement revoked = connection.prepareStatement(REVOKED_SINCE)) {
            revoked.setObject(1, toColumn(since));
            Map<DeviceToken, Instant> found = new HashMap<>();
            try (ResultSet row = revoked.executeQuery()) {
                while (row.next()) {
                    found.put(token(row), fromColumn(row.getObject("revoked_at", OffsetDateTime.class)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw StorageException.of("cannot list revoked devices", e);
        }
    }

    @Override
    public List<Device> recent(int limit) {
        Blocking.check();
        if (limit < 0) {
            throw new IllegalArgumentException("negative limit " + limit);
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement recent = connection.prepareStatement(RECENT)) {
            recent.setInt(1, limit);
            List<Device> devices = new ArrayList<>();
            try (ResultSet row = recent.executeQuery()) {
                while (row.next()) {
                    devices.add(device(row));
                }
            }
            return devices;
        } catch (SQLException e) {
            throw StorageException.of("cannot list devices", e);
        }
    }

    @Override
    public long count() {
        return count(COUNT);
    }

    @Override
    public long countActive() {
        return count(COUNT_ACTIVE);
    }

    private long count(String sql) {
        Blocking.check();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(sql);
             ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw StorageException.of("cannot count devices", e);
        }
    }

    private static DeviceToken token(ResultSet row) throws SQLException {
        String hex = row.getString("token");
        return DeviceToken.parse(hex).orElseThrow(() -> new IllegalStateException("malformed token in device table: '" + hex + "'"));
    }

    private static Device device(ResultSet row) throws SQLException {
        return new Device(token(row), row.getString("certificate"), row.getString("key_algorithm"),
                fromColumn(row.getObject("activated_at", OffsetDateTime.class)),
                Optional.ofNullable(row.getObject("revoked_at", OffsetDateTime.class)).map(JdbcDeviceRepository::fromColumn));
    }

    /**
     * PostgreSQL keeps microseconds and H2 nanoseconds; truncating to the millisecond on the
     * way in makes both return exactly what was stored.
     */
    private static OffsetDateTime toColumn(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
    }

    private static Instant fromColumn(OffsetDateTime value) {
        return value.toInstant();
    }
}
