package io.landline.relay.turn.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless nonces (RFC 8489 §9.2.2, §9.2.4): a nonce carries the time it was issued and an
 * HMAC over that time and the client's IP address under a key that lives only in this
 * process, so the server remembers nothing per client, a nonce from one address is useless
 * from another, and a nonce older than the lifetime is stale (438).
 *
 * <pre>
 *   "obMatJos2" | "gAAA"            | base64url( issued-at ms (6 bytes) | HMAC-SHA256(key, issued-at | ip)[0..12) )
 *   nonce cookie| security features: bit 0 "password algorithms" (§9.2.1)
 * </pre>
 *
 * 37 characters: short, because every 401 and 438 carries one to whoever asked.
 */
public final class NonceScheme {

    /** RFC 8489 §9.2: the nonce cookie, then 24 bits of security features in base64. */
    static final String COOKIE = "obMatJos2";
    /** Only "password algorithms" (bit 0): PASSWORD-ALGORITHMS is offered, username anonymity is not. */
    static final String FEATURES = "gAAA";
    private static final int TIME_BYTES = 6;
    private static final int TAG_BYTES = 12;
    static final int LENGTH = COOKIE.length() + FEATURES.length() + (TIME_BYTES + TAG_BYTES) * 4 / 3;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** What a request's NONCE is worth. */
    public enum Verdict {
        /** Issued here, for this address, within the lifetime. */
        VALID,
        /** Expired, from another address, another node or process, or not a nonce of ours: answer 438. */
        STALE
    }

    private final Clock clock;
    private final Duration lifetime;
    private final ThreadLocal<Mac> mac;

    public NonceScheme(Clock clock, Duration lifetime, SecureRandom random) {
        this.clock = clock;
        this.lifetime = lifetime;
        byte[] key = new byte[32];
        random.nextBytes(key);
        SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(spec);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
            }
        });
    }

    /** A fresh nonce for a client at {@code clientIp} (4 or 16 bytes). */
    public String issue(byte[] clientIp) {
        long issuedAt = clock.millis();
        byte[] body = new byte[TIME_BYTES + TAG_BYTES];
        for (int i = 0; i < TIME_BYTES; i++) {
            body[i] = (byte) (issuedAt >>> (8 * (TIME_BYTES - 1 - i)));
        }
        System.arraycopy(tag(issuedAt, clientIp), 0, body, TIME_BYTES, TAG_BYTES);
        return COOKIE + FEATURES + ENCODER.encodeToString(body);
    }

    public Verdict check(String nonce, byte[] clientIp) {
        if (nonce == null || nonce.length() != LENGTH || !nonce.startsWith(COOKIE + FEATURES)) {
            return Verdict.STALE;
        }
        byte[] body;
        try {
            body = DECODER.decode(nonce.substring(COOKIE.length() + FEATURES.length()));
        } catch (IllegalArgumentException e) {
            return Verdict.STALE;
        }
        long issuedAt = 0;
        for (int i = 0; i < TIME_BYTES; i++) {
            issuedAt = issuedAt << 8 | body[i] & 0xff;
        }
        byte[] tag = Arrays.copyOfRange(body, TIME_BYTES, TIME_BYTES + TAG_BYTES);
        long age = clock.millis() - issuedAt;
        if (age < 0 || age >= lifetime.toMillis()) {
            return Verdict.STALE;
        }
        return MessageDigest.isEqual(tag, tag(issuedAt, clientIp)) ? Verdict.VALID : Verdict.STALE;
    }

    private byte[] tag(long issuedAt, byte[] clientIp) {
        Mac m = mac.get();
        for (int shift = 56; shift >= 0; shift -= 8) {
            m.update((byte) (issuedAt >>> shift));
        }
        m.update(clientIp);
        byte[] full = m.doFinal();
        return Arrays.copyOf(full, TAG_BYTES);
    }
}
