package io.landline.invite;

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
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link InviteRepository} over the {@code invite} table (migration V2). */
final class JdbcInviteRepository implements InviteRepository {

    private static final String INSERT =
            "INSERT INTO invite (code_hash, created_at, expires_at, redeemed_at, device_token) VALUES (?, ?, ?, NULL, NULL)";
    /**
     * One statement decides: the row lock it takes makes a concurrent redemption of the same
     * code wait, then re-check {@code redeemed_at IS NULL} and match nothing (PostgreSQL's
     * READ COMMITTED re-evaluates the WHERE clause on the updated row; H2 locks the row likewise).
     */
    private static final String REDEEM =
            "UPDATE invite SET redeemed_at = ?, device_token = ? WHERE code_hash = ? AND redeemed_at IS NULL AND expires_at > ?";
    private static final String FIND =
            "SELECT code_hash, created_at, expires_at, redeemed_at, device_token FROM invite WHERE code_hash = ?";
    private static final String COUNT_OPEN =
            "SELECT COUNT(*) FROM invite WHERE redeemed_at IS NULL AND expires_at > ?";

    private final DataSource dataSource;

    JdbcInviteRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public void insertAll(List<Invite> invites) {
        Blocking.check();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (Invite invite : invites) {
                    insert.setString(1, invite.codeHash());
                    insert.setObject(2, toColumn(invite.createdAt()));
                    insert.setObject(3, toColumn(invite.expiresAt()));
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw StorageException.of("cannot insert " + invites.size() + " invite(s)", e);
        }
    }

    @Override
    public Redemption redeem(String codeHash, DeviceToken device, Instant now) {
        Blocking.check();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement redeem = connection.prepareStatement(REDEEM)) {
                redeem.setObject(1, toColumn(now));
                redeem.setString(2, device.hex());
                redeem.setString(3, codeHash);
                redeem.setObject(4, toColumn(now));
                if (redeem.executeUpdate() == 1) {
                    return Redemption.REDEEMED;
                }
            }
            // Only to tell the device why: the decision was the UPDATE's.
            Optional<Invite> invite = find(connection, codeHash);
            if (invite.isEmpty()) {
                return Redemption.UNKNOWN;
            }
            return invite.get().redeemedAt().isPresent() ? Redemption.USED : Redemption.EXPIRED;
        } catch (SQLException e) {
            throw StorageException.of("cannot redeem invite", e);
        }
    }

    @Override
    public Optional<Invite> find(String codeHash) {
        Blocking.check();
        try (Connection connection = dataSource.getConnection()) {
            return find(connection, codeHash);
        } catch (SQLException e) {
            throw StorageException.of("cannot find invite", e);
        }
    }

    @Override
    public long countOpen(Instant now) {
        Blocking.check();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(COUNT_OPEN)) {
            count.setObject(1, toColumn(now));
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw StorageException.of("cannot count invites", e);
        }
    }

    private static Optional<Invite> find(Connection connection, String codeHash) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(FIND)) {
            find.setString(1, codeHash);
            try (ResultSet row = find.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Invite(row.getString("code_hash"),
                        fromColumn(row.getObject("created_at", OffsetDateTime.class)),
                        fromColumn(row.getObject("expires_at", OffsetDateTime.class)),
                        Optional.ofNullable(row.getObject("redeemed_at", OffsetDateTime.class)).map(JdbcInviteRepository::fromColumn),
                        Optional.ofNullable(row.getString("device_token")).flatMap(DeviceToken::parse)));
            }
        }
    }

    /** Millisecond precision, as for devices: H2 and PostgreSQL then return exactly what was stored. */
    private static OffsetDateTime toColumn(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
    }

    private static Instant fromColumn(OffsetDateTime value) {
        return value.toInstant();
    }
}
