package io.landline.invite;

import io.landline.protocol.token.DeviceToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The durable record of invites. Implementations block: call them from a worker thread, e.g.
 * through {@link io.landline.storage.Blocking#offload}. Failures of the store itself surface as
 * {@link io.landline.storage.StorageException}.
 */
public interface InviteRepository {

    /** A repository over the {@code invite} table of {@code dataSource}. */
    static InviteRepository jdbc(DataSource dataSource) {
        return new JdbcInviteRepository(dataSource);
    }

    /** What {@link #redeem} found. */
    enum Redemption {
        /** The invite was open and is now spent on the device. */
        REDEEMED,
        /** No invite has this code. */
        UNKNOWN,
        /** The invite was spent before. */
        USED,
        /** The invite was open but its time is up. */
        EXPIRED
    }

    /** Stores every invite of a batch, or none of them. */
    void insertAll(List<Invite> invites);

    /**
     * Spends the invite with {@code codeHash} on {@code device}, atomically: of any number of
     * concurrent calls for one code, on any number of nodes sharing the database, exactly one
     * gets {@link Redemption#REDEEMED}.
     */
    Redemption redeem(String codeHash, DeviceToken device, Instant now);

    Optional<Invite> find(String codeHash);

    /** Invites neither redeemed nor expired at {@code now}. */
    long countOpen(Instant now);
}
