package io.landline.gateway.jws;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.Optional;

/**
 * A JWT in compact JWS form ({@code header.claims.signature}, RFC 7515 §7.1), parsed but not
 * yet trusted. Only the two algorithms Landline accepts are known: ES256 (P-256, signature
 * r||s as in RFC 7518 §3.4) and EdDSA with Ed25519 (RFC 8037). Anything else — including
 * {@code none} — fails to verify.
 */
public record CompactJws(JsonObject header, JsonObject claims, byte[] signingInput, byte[] signature) {

    /** Longest token accepted; APNs provider tokens are about 200 characters. */
    public static final int MAX_LENGTH = 4096;

    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

    /** Why a token was not even parseable. */
    public static final class MalformedJws extends Exception {
        public MalformedJws(String message) {
            super(message, null, false, false);
        }
    }

    /** Splits and decodes {@code token}; the signature is not checked here. */
    public static CompactJws parse(String token) throws MalformedJws {
        if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
            throw new MalformedJws("token is empty or longer than " + MAX_LENGTH + " characters");
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second <= first + 1 || second == token.length() - 1 || token.indexOf('.', second + 1) >= 0) {
            throw new MalformedJws("token is not three dot-separated parts");
        }
        try {
            JsonObject header = json(B64URL.decode(token.substring(0, first)));
            JsonObject claims = json(B64URL.decode(token.substring(first + 1, second)));
            byte[] signature = B64URL.decode(token.substring(second + 1));
            return new CompactJws(header, claims, token.substring(0, second).getBytes(StandardCharsets.US_ASCII), signature);
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            throw new MalformedJws("token part is not base64url JSON");
        }
    }

    private static JsonObject json(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.trim().startsWith("{")) {
            throw new DecodeException("not a JSON object");
        }
        return new JsonObject(text);
    }

    /** The {@code alg} header, or empty. */
    public String algorithm() {
        return stringOf(header, "alg").orElse("");
    }

    /** The {@code kid} header. */
    public Optional<String> keyId() {
        return stringOf(header, "kid");
    }

    /** The {@code iss} claim. */
    public Optional<String> issuer() {
        return stringOf(claims, "iss");
    }

    /** The {@code sub} claim. */
    public Optional<String> subject() {
        return stringOf(claims, "sub");
    }

    /** A numeric claim such as {@code iat} or {@code exp} (seconds since the epoch), if present and a whole number. */
    public Optional<Long> epochSeconds(String claim) {
        Object value = claims.getValue(claim);
        if (value instanceof Number n && n.doubleValue() == Math.floor(n.doubleValue()) && !Double.isInfinite(n.doubleValue())) {
            return Optional.of(n.longValue());
        }
        return Optional.empty();
    }

    /**
     * True if the signature is valid for {@code key} and the {@code alg} header names the
     * algorithm of that key: ES256 for a P-256 key, EdDSA for an Ed25519 key.
     */
    public boolean verifiedBy(PublicKey key) {
        String jca = switch (algorithm()) {
            case "ES256" -> isP256(key) ? "SHA256withECDSAinP1363Format" : null;
            case "EdDSA" -> "Ed25519".equals(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm()) ? "Ed25519" : null;
            default -> null;
        };
        if (jca == null || ("ES256".equals(algorithm()) && signature.length != 64)) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(jca);
            verifier.initVerify(key);
            verifier.update(signingInput);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean isP256(PublicKey key) {
        return key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256;
    }

    private static Optional<String> stringOf(JsonObject object, String name) {
        return object.getValue(name) instanceof String s ? Optional.of(s) : Optional.empty();
    }
}
