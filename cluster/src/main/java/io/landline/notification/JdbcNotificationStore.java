package io.landline.notification;

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
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** {@link NotificationStore} over the {@code notification} table (migration V10). */
final class JdbcNotificationStore implements NotificationStore {

    private static final String PENDING = "pending";
    private static final String COLUMNS = "id, token, topic, push_type, priority, expires_at, collapse_id, payload, accepted_at";

    private static final String INSERT = "INSERT INTO notification (id, team, token, topic, push_type, priority, expires_at,"
            + " collapse_id, payload, status, drop_reason, accepted_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String COLLAPSE = "UPDATE notification SET status = 'dropped', drop_reason = 'collapsed', finished_at = ?,"
            + " payload = NULL WHERE token = ? AND collapse_id = ? AND status = 'pending'";
    private static final String DROP_OLDEST = "UPDATE notification SET status = 'dropped', drop_reason = 'cap', finished_at = ?,"
            + " payload = NULL WHERE seq IN (SELECT seq FROM notification WHERE token = ? AND status = 'pending' ORDER BY seq LIMIT ?)";
    private static final String SELECT_PENDING = "SELECT " + COLUMNS + " FROM notification WHERE token = ? AND status = 'pending'"
            + " AND (expires_at IS NULL OR expires_at >= ?) ORDER BY seq LIMIT ?";
    private static final String EXPIRE_TOKEN = "UPDATE notification SET status = 'expired', finished_at = ?, payload = NULL"
            + " WHERE token = ? AND status = 'pending' AND expires_at < ?";
    private static final String EXPIRE_DUE = "UPDATE notification SET status = 'expired', finished_at = ?, payload = NULL"
            + " WHERE status = 'pending' AND expires_at < ?";
    private static final String MARK_DELIVERED = "UPDATE notification SET status = 'delivered', finished_at = ?, payload = NULL,"
            + " drop_reason = NULL WHERE id = ? AND status <> 'delivered'";
    private static final String MARK_EXPIRED = "UPDATE notification SET status = 'expired', finished_at = ?, payload = NULL"
            + " WHERE id = ? AND status = 'pending'";
    private static final String INSERT_DELIVERED = "INSERT INTO delivered_receipt (id, team, accepted_at, delivered_at)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String DELIVERED_RECEIPT = "SELECT team, accepted_at, delivered_at FROM delivered_receipt WHERE id = ?";
    private static final String PURGE_DELIVERED = "DELETE FROM delivered_receipt WHERE delivered_at < ?";
    private static final String RECEIPT = "SELECT id, team, status, accepted_at, finished_at FROM notification WHERE id = ?";
    private static final String PURGE = "DELETE FROM notification WHERE status <> 'pending' AND finished_at < ?";
    private static final String COUNT_PENDING_OF = "SELECT COUNT(*) FROM notification WHERE token = ? AND status = 'pending'";
    private static final String COUNT_PENDING = "SELECT COUNT(*) FROM notification WHERE status = 'pending'";

    private final DataSource dataSource;
    private final int maxPendingPerDevice;

    JdbcNotificationStore(DataSource dataSource, int maxPendingPerDevice) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (maxPendingPerDevice < 1) {
            throw new IllegalArgumentException("maxPendingPerDevice must be at least 1: " + maxPendingPerDevice);
        }
        this.maxPendingPerDevice = maxPendingPerDevice;
    }

    @Override
    public StoreOutcome store(List<Submission> batch) {
        Blocking.check();
        if (batch.isEmpty()) {
            return StoreOutcome.NONE;
        }
        return inTransaction("cannot store " + batch.size() + " notification(s)", connection -> store(connection, batch));
    }

    @Override
    public int recordDelivered(List<Delivered> batch) {
        Blocking.check();
        if (batch.isEmpty()) {
            return 0;
        }
        return inTransaction("cannot record " + batch.size() + " delivered notification(s)", connection -> recordDelivered(connection, batch));
    }

    /** What runs inside {@link #inTransaction}. */
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** {@code work} in one transaction, rolled back if it throws; {@code failure} names what could not be done. */
    private <T> T inTransaction(String failure, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw StorageException.of(failure, e);
        }
    }

    private int recordDelivered(Connection connection, List<Delivered> batch) throws SQLException {
        int collapsed = 0;
        try (PreparedStatement collapse = connection.prepareStatement(COLLAPSE)) {
            boolean any = false;
            for (Delivered d : batch) {
                Notification n = d.submission().notification();
                if (n.collapseId().isPresent()) {
                    collapse.setObject(1, toColumn(d.deliveredAt()));
                    collapse.setString(2, n.token().hex());
                    collapse.setString(3, n.collapseId().get());
                    collapse.addBatch();
                    any = true;
                }
            }
            if (any) {
                collapsed = sum(collapse.executeBatch());
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_DELIVERED)) {
            for (Delivered d : batch) {
                Notification n = d.submission().notification();
                insert.setObject(1, n.id());
                insert.setString(2, d.submission().team());
                insert.setLong(3, n.acceptedAt().toEpochMilli());
                insert.setLong(4, d.deliveredAt().toEpochMilli());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return collapsed;
    }

    private StoreOutcome store(Connection connection, List<Submission> all) throws SQLException {
        Instant now = Instant.now();
        List<Integer> reused = reusedIds(connection, all);
        List<Submission> batch = all;
        if (!reused.isEmpty()) {
            batch = new ArrayList<>(all);
            for (int i = reused.size() - 1; i >= 0; i--) {
                batch.remove((int) reused.get(i));
            }
            if (batch.isEmpty()) {
                return new StoreOutcome(0, 0, reused);
            }
        }
        // Within the batch, a later notification with the same device and collapse id replaces
        // an earlier one: the earlier goes in already dropped, so it never shows as pending.
        Set<String> laterCollapseKeys = new HashSet<>();
        boolean[] collapsedInBatch = new boolean[batch.size()];
        for (int i = batch.size() - 1; i >= 0; i--) {
            Notification n = batch.get(i).notification();
            if (n.collapseId().isPresent() && !laterCollapseKeys.add(n.token().hex() + "\n" + n.collapseId().get())) {
                collapsedInBatch[i] = true;
            }
        }
        int collapsed = 0;
        try (PreparedStatement collapse = connection.prepareStatement(COLLAPSE)) {
            boolean any = false;
            for (int i = 0; i < batch.size(); i++) {
                Notification n = batch.get(i).notification();
                if (n.collapseId().isPresent() && !collapsedInBatch[i]) {
                    collapse.setObject(1, toColumn(now));
                    collapse.setString(2, n.token().hex());
                    collapse.setString(3, n.collapseId().get());
                    collapse.addBatch();
                    any = true;
                }
            }
            if (any) {
                collapsed += sum(collapse.executeBatch());
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int i = 0; i < batch.size(); i++) {
                Submission s = batch.get(i);
                Notification n = s.notification();
                insert.setObject(1, n.id());
                insert.setString(2, s.team());
                insert.setString(3, n.token().hex());
                insert.setString(4, n.topic());
                insert.setString(5, n.pushType());
                insert.setInt(6, n.priority());
                insert.setObject(7, n.expiration().map(JdbcNotificationStore::toColumn).orElse(null));
                insert.setString(8, n.collapseId().orElse(null));
                insert.setBytes(9, collapsedInBatch[i] ? null : n.payload());
                insert.setString(10, collapsedInBatch[i] ? "dropped" : PENDING);
                insert.setString(11, collapsedInBatch[i] ? "collapsed" : null);
                insert.setObject(12, toColumn(n.acceptedAt()));
                insert.setObject(13, collapsedInBatch[i] ? toColumn(now) : null);
                insert.addBatch();
                if (collapsedInBatch[i]) {
                    collapsed++;
                }
            }
            insert.executeBatch();
        }
        return new StoreOutcome(collapsed, enforceCap(connection, batch, now), reused);
    }

    /**
     * Positions of notifications whose apns-id is already stored or repeats an earlier one of
     * the batch: one query, before anything is changed, so a provider reusing an id fails only
     * its own notification, never the others committed with it.
     */
    private static List<Integer> reusedIds(Connection connection, List<Submission> batch) throws SQLException {
        Set<UUID> stored = new HashSet<>();
        String sql = "SELECT id FROM notification WHERE id IN (" + String.join(", ", Collections.nCopies(batch.size(), "?")) + ")";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < batch.size(); i++) {
                select.setObject(i + 1, batch.get(i).notification().id());
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getObject(1, UUID.class));
                }
            }
        }
        List<Integer> reused = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            UUID id = batch.get(i).notification().id();
            if (stored.contains(id) || !seen.add(id)) {
                reused.add(i);
            }
        }
        return reused;
    }

    /**
     * Counts each device's pending notifications on the (token, status, seq) index — one short
     * range per device of the batch — and drops the oldest of those over their cap. (One
     * {@code token IN (...)} query looked cheaper but made H2 scan every pending row.)
     */
    private int enforceCap(Connection connection, List<Submission> batch, Instant now) throws SQLException {
        Set<String> tokens = new LinkedHashSet<>();
        for (Submission s : batch) {
            tokens.add(s.notification().token().hex());
        }
        Map<String, Long> over = new LinkedHashMap<>();
        try (PreparedStatement count = connection.prepareStatement(COUNT_PENDING_OF)) {
            for (String token : tokens) {
                count.setString(1, token);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    long pending = row.getLong(1);
                    if (pending > maxPendingPerDevice) {
                        over.put(token, pending - maxPendingPerDevice);
                    }
                }
            }
        }
        if (over.isEmpty()) {
            return 0;
        }
        int dropped = 0;
        try (PreparedStatement drop = connection.prepareStatement(DROP_OLDEST)) {
            for (Map.Entry<String, Long> e : over.entrySet()) {
                drop.setObject(1, toColumn(now));
                drop.setString(2, e.getKey());
                drop.setLong(3, e.getValue());
                drop.addBatch();
            }
            dropped = sum(drop.executeBatch());
        }
        return dropped;
    }

    @Override
    public List<Notification> pending(DeviceToken token, Instant now, int limit) {
        Blocking.check();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_PENDING)) {
            select.setString(1, token.hex());
            select.setObject(2, toColumn(now));
            select.setInt(3, limit);
            List<Notification> pending = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    pending.add(notification(token, rows));
                }
            }
            return pending;
        } catch (SQLException e) {
            throw StorageException.of("cannot read pending notifications of " + token, e);
        }
    }

    @Override
    public int expire(DeviceToken token, Instant now) {
        return update(EXPIRE_TOKEN, "cannot expire notifications of " + token, toColumn(now), token.hex(), toColumn(now));
    }

    @Override
    public int expireDue(Instant now) {
        return update(EXPIRE_DUE, "cannot expire notifications", toColumn(now), toColumn(now));
    }

    @Override
    public int markDelivered(Collection<UUID> ids, Instant at) {
        return markEach(MARK_DELIVERED, ids, at, "delivered");
    }

    @Override
    public int markExpired(Collection<UUID> ids, Instant at) {
        return markEach(MARK_EXPIRED, ids, at, "expired");
    }

    private int markEach(String sql, Collection<UUID> ids, Instant at, String what) {
        Blocking.check();
        if (ids.isEmpty()) {
            return 0;
        }
        return inTransaction("cannot mark " + ids.size() + " notification(s) " + what, connection -> {
            try (PreparedStatement mark = connection.prepareStatement(sql)) {
                for (UUID id : ids) {
                    mark.setObject(1, toColumn(at));
                    mark.setObject(2, id);
                    mark.addBatch();
                }
                return sum(mark.executeBatch());
            }
        });
    }

    @Override
    public Optional<Receipt> receipt(UUID id) {
        Blocking.check();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement select = connection.prepareStatement(RECEIPT)) {
                select.setObject(1, id);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        return Optional.of(new Receipt(row.getObject("id", UUID.class), row.getString("team"),
                                ReceiptStatus.ofColumn(row.getString("status")),
                                fromColumn(row.getObject("accepted_at", OffsetDateTime.class)),
                                Optional.ofNullable(row.getObject("finished_at", OffsetDateTime.class)).map(JdbcNotificationStore::fromColumn)));
                    }
                }
            }
            try (PreparedStatement select = connection.prepareStatement(DELIVERED_RECEIPT)) {
                select.setObject(1, id);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        return Optional.of(new Receipt(id, row.getString("team"), ReceiptStatus.DELIVERED,
                                Instant.ofEpochMilli(row.getLong("accepted_at")), Optional.of(Instant.ofEpochMilli(row.getLong("delivered_at")))));
                    }
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw StorageException.of("cannot read receipt " + id, e);
        }
    }

    @Override
    public int purgeFinishedBefore(Instant cutoff) {
        return update(PURGE, "cannot purge old receipts", toColumn(cutoff))
                + update(PURGE_DELIVERED, "cannot purge old receipts", cutoff.toEpochMilli());
    }

    /** One statement in its own transaction; {@code failure} names what could not be done. */
    private int update(String sql, String failure, Object... parameters) {
        Blocking.check();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            return update.executeUpdate();
        } catch (SQLException e) {
            throw StorageException.of(failure, e);
        }
    }

    @Override
    public long countPending() {
        Blocking.check();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(COUNT_PENDING);
             ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw StorageException.of("cannot count pending notifications", e);
        }
    }

    private static Notification notification(DeviceToken token, ResultSet row) throws SQLException {
        return new Notification(row.getObject("id", UUID.class), token, row.getString("topic"), row.getString("push_type"),
                row.getInt("priority"),
                Optional.ofNullable(row.getObject("expires_at", OffsetDateTime.class)).map(JdbcNotificationStore::fromColumn),
                Optional.ofNullable(row.getString("collapse_id")), row.getBytes("payload"),
                fromColumn(row.getObject("accepted_at", OffsetDateTime.class)));
    }

    /** JDBC drivers may answer SUCCESS_NO_INFO (-2) for a batched statement; count those as one. */
    private static int sum(int[] counts) {
        int total = 0;
        for (int c : counts) {
            total += c == java.sql.Statement.SUCCESS_NO_INFO ? 1 : Math.max(0, c);
        }
        return total;
    }

    /** Millisecond precision on both databases, as in the device table. */
    private static OffsetDateTime toColumn(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
    }

    private static Instant fromColumn(OffsetDateTime value) {
        return value.toInstant();
    }
}
