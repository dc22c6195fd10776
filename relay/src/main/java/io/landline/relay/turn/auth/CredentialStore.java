package io.landline.relay.turn.auth;

import java.time.Instant;
import java.util.Optional;

/** Finds the long-term credential of a USERNAME (RFC 8489 §9.2). */
public interface CredentialStore {

    /** The credential of {@code username} valid at {@code now}, or empty for an unknown or expired one. */
    Optional<Credential> find(String username, Instant now);

    /** Whether any user can authenticate at all; without, TURN methods are refused outright. */
    boolean acceptsAnyone();
}
