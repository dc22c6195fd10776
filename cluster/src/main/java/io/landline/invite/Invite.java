package io.landline.invite;

import io.landline.protocol.token.DeviceToken;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One minted invite, as stored: the code's hash, never the code.
 *
 * @param codeHash   {@link InviteCode#hash()}
 * @param createdAt  when it was minted
 * @param expiresAt  the first instant it is refused
 * @param redeemedAt when a device was activated with it, if one was
 * @param device     the device it activated, if any
 */
public record Invite(String codeHash, Instant createdAt, Instant expiresAt, Optional<Instant> redeemedAt, Optional<DeviceToken> device) {

    public Invite {
        Objects.requireNonNull(codeHash, "codeHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(redeemedAt, "redeemedAt");
        Objects.requireNonNull(device, "device");
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("an invite must expire after it is created");
        }
    }

    /** A fresh invite for {@code code}, valid from {@code createdAt} until {@code expiresAt}. */
    public static Invite minted(InviteCode code, Instant createdAt, Instant expiresAt) {
        return new Invite(code.hash(), createdAt, expiresAt, Optional.empty(), Optional.empty());
    }
}
