package io.landline.gateway.provider.keys;

import io.landline.gateway.jws.CompactJws;
import io.landline.gateway.provider.ApnsReason;
import io.landline.provider.ProviderKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the provider token of a request as APNs does ("Establishing a token-based connection
 * to APNs"): {@code authorization: bearer <JWT>}, header {@code alg} ES256 and {@code kid},
 * claims {@code iss} (the team) and {@code iat}; a token older than an hour is expired.
 * <p>
 * Providers reuse one token for up to an hour, so a verified token string is remembered with
 * its key and {@code iat}: the ECDSA verification runs once per token, not once per request.
 * The age and the key's presence are still checked on every request, so a removed key or an
 * aged token stops working at once. The cache is bounded; when full it is emptied.
 */
public final class ProviderTokens {

    /** APNs refuses tokens older than one hour. */
    public static final Duration MAX_AGE = Duration.ofHours(1);
    /** How far a provider's clock may run ahead of ours. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    public static final int DEFAULT_CACHE_SIZE = 10_000;

    /** The result of a check: the key the token was signed with, or the reason to refuse. */
    public sealed interface Check permits Accepted, Refused {
    }

    public record Accepted(ProviderKey key) implements Check {
    }

    public record Refused(ApnsReason reason) implements Check {
    }

    private record Verified(ProviderKey key, long issuedAt) {
    }

    private static final String BEARER = "bearer ";

    private final ProviderKeys keys;
    private final int cacheSize;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    public ProviderTokens(ProviderKeys keys, int cacheSize) {
        this.keys = keys;
        this.cacheSize = cacheSize;
    }

    /** Checks the {@code authorization} header value (null when absent) at {@code now}. */
    public Check check(String authorization, Instant now) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return new Refused(ApnsReason.MissingProviderToken);
        }
        String token = authorization.substring(BEARER.length()).trim();
        Verified known = verified.get(token);
        if (known == null) {
            Optional<Verified> fresh = verify(token);
            if (fresh.isEmpty()) {
                return new Refused(ApnsReason.InvalidProviderToken);
            }
            known = fresh.get();
            if (verified.size() >= cacheSize) {
                verified.clear();
            }
            verified.put(token, known);
        } else if (keys.find(known.key().team(), known.key().keyId()).orElse(null) != known.key()) {
            // the key was removed (or replaced) since the token was verified
            verified.remove(token);
            return new Refused(ApnsReason.InvalidProviderToken);
        }
        long nowSeconds = now.getEpochSecond();
        if (known.issuedAt() > nowSeconds + CLOCK_SKEW.toSeconds()) {
            return new Refused(ApnsReason.InvalidProviderToken);
        }
        if (known.issuedAt() < nowSeconds - MAX_AGE.toSeconds()) {
            verified.remove(token);
            return new Refused(ApnsReason.ExpiredProviderToken);
        }
        return new Accepted(known.key());
    }

    private Optional<Verified> verify(String token) {
        CompactJws jws;
        try {
            jws = CompactJws.parse(token);
        } catch (CompactJws.MalformedJws e) {
            return Optional.empty();
        }
        if (!"ES256".equals(jws.algorithm())) {
            return Optional.empty();
        }
        Optional<String> kid = jws.keyId();
        Optional<String> team = jws.issuer();
        Optional<Long> iat = jws.epochSeconds("iat");
        if (kid.isEmpty() || team.isEmpty() || iat.isEmpty()) {
            return Optional.empty();
        }
        Optional<ProviderKey> key = keys.find(team.get(), kid.get());
        if (key.isEmpty()) {
            return Optional.empty();
        }
        if (!jws.verifiedBy(key.get().publicKey())) {
            // some clients (Pushy among them) send the signature DER-encoded, as APNs tolerates
            Optional<byte[]> raw = DerSignatures.toP1363(jws.signature());
            if (raw.isEmpty() || !new CompactJws(jws.header(), jws.claims(), jws.signingInput(), raw.get()).verifiedBy(key.get().publicKey())) {
                return Optional.empty();
            }
        }
        return Optional.of(new Verified(key.get(), iat.get()));
    }

    /** Tokens remembered as verified. */
    public int cached() {
        return verified.size();
    }

}
