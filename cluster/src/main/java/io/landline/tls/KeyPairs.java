package io.landline.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Optional;

/** Key generation and the "does this private key belong to that certificate" check. */
final class KeyPairs {

    private static final byte[] PROBE = "landline key pair probe".getBytes(StandardCharsets.US_ASCII);

    private KeyPairs() {
    }

    /** A fresh EC key pair on P-256 (secp256r1). */
    static KeyPair generateP256(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate P-256 keys", e);
        }
    }

    /**
     * Whether {@code privateKey} is the partner of {@code publicKey}: signs a probe and verifies
     * it, which works for every algorithm without deriving public points by hand.
     *
     * @return empty when the key type is not one a TLS server certificate uses here
     */
    static Optional<Boolean> matches(PublicKey publicKey, PrivateKey privateKey) {
        Optional<String> algorithm = signatureAlgorithm(privateKey);
        if (algorithm.isEmpty() || !publicKey.getAlgorithm().equals(privateKey.getAlgorithm())) {
            return algorithm.map(a -> false);
        }
        try {
            Signature signer = Signature.getInstance(algorithm.get());
            signer.initSign(privateKey);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm.get());
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            return Optional.of(verifier.verify(signature));
        } catch (GeneralSecurityException e) {
            return Optional.of(false);
        }
    }

    private static Optional<String> signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "EC" -> Optional.of("SHA256withECDSA");
            case "RSA" -> Optional.of("SHA256withRSA");
            case "Ed25519", "Ed448", "EdDSA" -> Optional.of(key.getAlgorithm());
            default -> Optional.empty();
        };
    }
}
