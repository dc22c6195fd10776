package io.landline.enrollment;

import io.landline.protocol.token.DeviceToken;
import io.landline.storage.Blocking;
import io.landline.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link EnrollmentTokenLedger} over the {@code enrollment_token_use} table (migration V3). */
final class JdbcEnrollmentTokenLedger implements EnrollmentTokenLedger {

    /** SQLSTATE class 23, unique violation; H2 and PostgreSQL both report it. */
    private static final String UNIQUE_VIOLATION = "23505";
    /** The width of the {@code subject} column. */
    static final int MAX_SUBJECT_LENGTH = 256;

    private static final String INSERT =
            "INSERT INTO enrollment_token_use (jti_hash, expires_at, used_at, device_token, subject) VALUES (?, ?, ?, ?, ?)";
    private static final String PURGE = "DELETE FROM enrollment_token_use WHERE expires_at < ?";

    private final DataSource dataSource;

    JdbcEnrollmentTokenLedger(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public boolean recordFirstUse(String jtiHash, Instant expiresAt, Instant usedAt, DeviceToken device, Optional<String> subject) {
        Blocking.check();
        subject.filter(s -> s.length() > MAX_SUBJECT_LENGTH).ifPresent(s -> {
            throw new IllegalArgumentException("subject longer than " + MAX_SUBJECT_LENGTH + " characters");
        });
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, jtiHash);
            insert.setObject(2, toColumn(expiresAt));
            insert.setObject(3, toColumn(usedAt));
            insert.setString(4, device.hex());
            insert.setString(5, subject.orElse(null));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            // The primary key decides between concurrent first uses: the loser gets a unique violation.
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw StorageException.of("cannot record enrollment token use", e);
        }
    }

    @Override
    public int purgeExpired(Instant now) {
        Blocking.check();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement purge = connection.prepareStatement(PURGE)) {
            purge.setObject(1, toColumn(now));
            return purge.executeUpdate();
        } catch (SQLException e) {
            throw StorageException.of("cannot purge expired enrollment token uses", e);
        }
    }

    private static OffsetDateTime toColumn(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
    }
}
