package io.landline.provider;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * EC P-256 public keys in PEM ({@code -----BEGIN PUBLIC KEY-----}, an X.509
 * SubjectPublicKeyInfo, RFC 7468 §13), the form {@code openssl ec -pubout} writes.
 */
public final class EcPublicKeys {

    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";
    /** A P-256 SubjectPublicKeyInfo is 91 bytes; anything far larger is not one. */
    private static final int MAX_PEM_CHARS = 4096;

    private EcPublicKeys() {
    }

    /**
     * The P-256 key in {@code pem}.
     *
     * @throws IllegalArgumentException saying what is wrong, fit to finish "... is not an ES256 key: "
     */
    public static ECPublicKey parse(String pem) {
        if (pem == null || pem.length() > MAX_PEM_CHARS) {
            throw new IllegalArgumentException("not a PEM public key (empty or longer than " + MAX_PEM_CHARS + " characters)");
        }
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            String hint = pem.contains("PRIVATE KEY") ? " (this is a private key: give its public half, openssl ec -pubout)" : "";
            throw new IllegalArgumentException("no PEM public key found (expected " + BEGIN + ")" + hint);
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(pem.substring(begin + BEGIN.length(), end).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PEM public key is not valid base64");
        }
        PublicKey key;
        try {
            key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not an EC public key (ES256 needs an EC P-256 key)");
        }
        if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256
                || !ec.getParams().getOrder().equals(P256_ORDER)) {
            throw new IllegalArgumentException("an EC key on another curve than P-256 (ES256 needs P-256)");
        }
        return ec;
    }

    /** The group order n of P-256 (FIPS 186-4 §D.1.2.3), telling it from other 256-bit curves. */
    private static final java.math.BigInteger P256_ORDER =
            new java.math.BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);

    public static String toPem(ECPublicKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return BEGIN + "\n" + body + "\n" + END + "\n";
    }
}
