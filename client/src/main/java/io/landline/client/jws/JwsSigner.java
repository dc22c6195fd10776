package io.landline.client.jws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs a JWT in compact JWS form with a P-256 key (ES256, signature r||s) or an Ed25519 key
 * (EdDSA), the two algorithms the gateway accepts.
 */
public final class JwsSigner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey key;
    private final String algorithm;

    public JwsSigner(PrivateKey key) {
        this.key = key;
        if (key instanceof ECPrivateKey) {
            this.algorithm = "ES256";
        } else if ("Ed25519".equals(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm())) {
            this.algorithm = "EdDSA";
        } else {
            throw new IllegalArgumentException("only P-256 (ES256) and Ed25519 (EdDSA) keys can sign, not " + key.getAlgorithm());
        }
    }

    /** The JWS {@code alg} this signer writes. */
    public String algorithm() {
        return algorithm;
    }

    /** {@code header} gets {@code alg} added; both maps are written as JSON objects in their iteration order. */
    public String sign(Map<String, ?> header, Map<String, ?> claims) {
        Map<String, Object> fullHeader = new LinkedHashMap<>();
        fullHeader.put("alg", algorithm);
        fullHeader.putAll(header);
        String signingInput = part(fullHeader) + "." + part(claims);
        try {
            Signature signer = Signature.getInstance("ES256".equals(algorithm) ? "SHA256withECDSAinP1363Format" : "Ed25519");
            signer.initSign(key);
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + algorithm, e);
        }
    }

    private static String part(Map<String, ?> json) {
        try {
            return B64URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON-serialisable: " + json, e);
        }
    }
}
