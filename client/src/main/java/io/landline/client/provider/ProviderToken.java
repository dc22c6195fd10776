package io.landline.client.provider;

import io.landline.client.jws.JwsSigner;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The ES256 provider token ({@code kid} = key id, {@code iss} = team, {@code iat}), reused
 * as APNs wants and renewed before the gateway's one-hour limit.
 */
public final class ProviderToken {

    /** Renew after this long; the gateway refuses tokens older than an hour. */
    public static final Duration RENEW_AFTER = Duration.ofMinutes(50);

    private final String team;
    private final String keyId;
    private final JwsSigner signer;
    private final Clock clock;
    private String token;
    private Instant issuedAt = Instant.MIN;

    public ProviderToken(String team, String keyId, PrivateKey key, Clock clock) {
        this.team = team;
        this.keyId = keyId;
        this.signer = new JwsSigner(key);
        this.clock = clock;
        if (!"ES256".equals(signer.algorithm())) {
            throw new IllegalArgumentException("provider keys are P-256 (ES256)");
        }
    }

    /** The current token, signed anew when the last one is {@link #RENEW_AFTER} old. */
    public synchronized String current() {
        Instant now = clock.instant();
        if (token == null || now.isAfter(issuedAt.plus(RENEW_AFTER))) {
            issuedAt = now;
            token = signer.sign(Map.of("kid", keyId), Map.of("iss", team, "iat", now.getEpochSecond()));
        }
        return token;
    }

    public String team() {
        return team;
    }
}
