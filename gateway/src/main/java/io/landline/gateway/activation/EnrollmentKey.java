package io.landline.gateway.activation;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Objects;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The operator's public key that signs enrollment tokens: a PEM {@code PUBLIC KEY} block
 * (SubjectPublicKeyInfo, RFC 5280 §4.1.2.7), P-256 or Ed25519, as
 * {@code openssl pkey -pubout} writes it.
 */
public record EnrollmentKey(Path file, PublicKey key) {

    public EnrollmentKey {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
    }

    /**
     * @throws IllegalArgumentException completing "'FILE' ...", when the file holds no such key
     */
    public static EnrollmentKey load(Path file) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof SubjectPublicKeyInfo info) {
                    if (DeviceKeyAlgorithm.of(info).isEmpty()) {
                        throw new IllegalArgumentException("holds a public key that is neither P-256 nor Ed25519 (" + info.getAlgorithm().getAlgorithm().getId() + ")");
                    }
                    return new EnrollmentKey(file, new JcaPEMKeyConverter().getPublicKey(info));
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException mine && mine.getMessage() != null && mine.getMessage().startsWith("holds")) {
                throw mine;
            }
            throw new IllegalArgumentException("is not valid PEM (a block cannot be decoded)");
        }
        throw new IllegalArgumentException("holds no PEM public key (expected -----BEGIN PUBLIC KEY-----, e.g. from openssl pkey -pubout)");
    }
}
