package io.landline.device;

import io.landline.protocol.token.DeviceToken;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The durable record of activated devices. Implementations block: call them from a worker
 * thread, e.g. through {@link io.landline.storage.Blocking#offload}. Failures of the store
 * itself surface as {@link io.landline.storage.StorageException}.
 */
public interface DeviceRepository {

    /** A repository over the {@code device} table of {@code dataSource}. */
    static DeviceRepository jdbc(DataSource dataSource) {
        return new JdbcDeviceRepository(dataSource);
    }

    /**
     * Records {@code device}.
     *
     * @return false, changing nothing, when a device with the same token already exists
     */
    boolean insert(Device device);

    Optional<Device> find(DeviceToken token);

    /**
     * Marks the device revoked at {@code at}.
     *
     * @return whether this changed anything: false when the device is unknown or already revoked,
     *         so the first revocation time is the one kept
     */
    boolean revoke(DeviceToken token, Instant at);

    /**
     * Devices revoked at or after {@code since}, with the time of their revocation: few, and
     * read through an index, so a node can ask often which cached answers a revocation changed.
     */
    Map<DeviceToken, Instant> revokedSince(Instant since);

    /** The {@code limit} most recently activated devices, newest first, revoked or not. */
    List<Device> recent(int limit);

    /** Every device ever activated, revoked or not. */
    long count();

    /** Devices not revoked. */
    long countActive();
}
