package io.landline.enrollment;

import io.landline.protocol.token.DeviceToken;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Which enrollment tokens (by their {@code jti} claim, RFC 7519 §4.1.7) have activated a device.
 * Shared through the database, so a token replayed against another node of the cluster is
 * refused too. Implementations block: call them from a worker thread.
 */
public interface EnrollmentTokenLedger {

    /** A ledger over the {@code enrollment_token_use} table of {@code dataSource}. */
    static EnrollmentTokenLedger jdbc(DataSource dataSource) {
        return new JdbcEnrollmentTokenLedger(dataSource);
    }

    /**
     * Records the first use of the token whose {@code jti} hashes to {@code jtiHash}, atomically.
     *
     * @param expiresAt the token's {@code exp}: the row may be forgotten after it
     * @return false, changing nothing, when the token was used before
     */
    boolean recordFirstUse(String jtiHash, Instant expiresAt, Instant usedAt, DeviceToken device, Optional<String> subject);

    /** Forgets uses of tokens that expired before {@code now}; they are refused for their expiry anyway. */
    int purgeExpired(Instant now);
}
