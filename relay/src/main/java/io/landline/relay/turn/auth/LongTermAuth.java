package io.landline.relay.turn.auth;

import io.landline.protocol.stun.StunIntegrity;
import io.landline.protocol.stun.StunKeys;
import io.landline.protocol.stun.StunMessage;
import io.landline.protocol.stun.attribute.ErrorCode;
import io.landline.protocol.stun.attribute.MessageIntegrity;
import io.landline.protocol.stun.attribute.MessageIntegritySha256;
import io.landline.protocol.stun.attribute.Nonce;
import io.landline.protocol.stun.attribute.PasswordAlgorithm;
import io.landline.protocol.stun.attribute.PasswordAlgorithms;
import io.landline.protocol.stun.attribute.Realm;
import io.landline.protocol.stun.attribute.Username;
import io.landline.relay.turn.auth.AuthOutcome.Authenticated;
import io.landline.relay.turn.auth.AuthOutcome.Refused;
import io.netty.buffer.ByteBuf;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The server side of long-term credentials, RFC 8489 §9.2.4, step by step. The realm is this
 * server's; nonces are stateless ({@link NonceScheme}); passwords come from a
 * {@link CredentialStore}, several candidates for a REST username while secrets rotate.
 */
public final class LongTermAuth {

    /** What a 401 or 438 offers (§9.2.1, §14.11): SHA-256 first, MD5 for RFC 5389 clients. */
    public static final List<Integer> OFFERED_ALGORITHMS = List.of(PasswordAlgorithm.SHA_256, PasswordAlgorithm.MD5);

    private final String realm;
    private final NonceScheme nonces;
    private final CredentialStore credentials;
    private final Clock clock;

    public LongTermAuth(String realm, NonceScheme nonces, CredentialStore credentials, Clock clock) {
        this.realm = realm;
        this.nonces = nonces;
        this.credentials = credentials;
        this.clock = clock;
    }

    public String realm() {
        return realm;
    }

    /** A fresh NONCE for the challenge of a 401 or 438 to {@code clientIp}. */
    public String nonceFor(byte[] clientIp) {
        return nonces.issue(clientIp);
    }

    public boolean acceptsAnyone() {
        return credentials.acceptsAnyone();
    }

    /**
     * Checks {@code request}, decoded from {@code raw} (reader index at its first byte), sent
     * from {@code clientIp}.
     */
    public AuthOutcome check(StunMessage request, ByteBuf raw, byte[] clientIp) {
        Optional<MessageIntegritySha256> mi256 = request.first(MessageIntegritySha256.class);
        Optional<MessageIntegrity> mi = request.first(MessageIntegrity.class);
        // 1. No integrity at all: challenge (§9.2.4, first bullet).
        if (mi256.isEmpty() && mi.isEmpty()) {
            return new Refused(ErrorCode.UNAUTHENTICATED, true, "missing_integrity");
        }
        // 2. Integrity without USERNAME, REALM or NONCE: 400 (USERHASH, for anonymity, is not offered).
        Optional<Username> username = request.first(Username.class);
        Optional<Realm> requestRealm = request.first(Realm.class);
        Optional<Nonce> nonce = request.first(Nonce.class);
        if (username.isEmpty() || requestRealm.isEmpty() || nonce.isEmpty()) {
            return new Refused(ErrorCode.BAD_REQUEST, false, "missing_attribute");
        }
        // 3. Our nonces announce "password algorithms" (§9.2.1): a client that echoes
        //    PASSWORD-ALGORITHMS must echo our list exactly and pick one of it (§9.2.4, §9.2.5).
        Optional<PasswordAlgorithms> echoed = request.first(PasswordAlgorithms.class);
        Optional<PasswordAlgorithm> chosen = request.first(PasswordAlgorithm.class);
        if (echoed.isPresent() != chosen.isPresent()
                || echoed.isPresent() && !echoed.get().algorithms().equals(OFFERED_ALGORITHMS)
                || chosen.isPresent() && !OFFERED_ALGORITHMS.contains(chosen.get().algorithm())) {
            return new Refused(ErrorCode.BAD_REQUEST, false, "bad_password_algorithm");
        }
        int algorithm = chosen.map(PasswordAlgorithm::algorithm).orElse(PasswordAlgorithm.MD5);
        // 4. Unknown or expired username: 401 with a fresh challenge.
        Optional<Credential> credential = credentials.find(username.get().value(), clock.instant());
        if (credential.isEmpty()) {
            return new Refused(ErrorCode.UNAUTHENTICATED, true, "unknown_user");
        }
        // 5. Integrity: MESSAGE-INTEGRITY-SHA256 when present, else MESSAGE-INTEGRITY (§9.2.4),
        //    under the key of each candidate password until one fits.
        boolean sha256 = mi256.isPresent();
        byte[] key = matchingKey(request, raw, credential.get(), requestRealm.get().value(), algorithm, sha256);
        if (key == null) {
            return new Refused(ErrorCode.UNAUTHENTICATED, true, "bad_integrity");
        }
        // 6. A valid request with an old nonce: 438 so the client retries with a new one (§9.2.4).
        if (!realm.equals(requestRealm.get().value()) || nonces.check(nonce.get().value(), clientIp) != NonceScheme.Verdict.VALID) {
            return new Refused(ErrorCode.STALE_NONCE, true, "stale_nonce");
        }
        return new Authenticated(credential.get(), key, sha256);
    }

    private static byte[] matchingKey(StunMessage request, ByteBuf raw, Credential credential, String requestRealm,
                                      int algorithm, boolean sha256) {
        for (String password : credential.passwords()) {
            byte[] key = StunKeys.longTerm(algorithm, credential.username(), requestRealm, password);
            boolean fits = sha256 ? StunIntegrity.verifyMessageIntegritySha256(raw, request, key)
                    : StunIntegrity.verifyMessageIntegrity(raw, request, key);
            if (fits) {
                return key;
            }
        }
        return null;
    }
}
