package io.landline.gateway.activation;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Objects;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A device's PKCS#10 certification request (RFC 2986), checked: one {@code CERTIFICATE
 * REQUEST} PEM block (RFC 7468 §7) or its DER, for a P-256 or Ed25519 key, signed by that key
 * (proof of possession, RFC 2986 §3). Its subject and attributes are not used: the certificate
 * names the device by its token alone.
 */
public record SigningRequest(PKCS10CertificationRequest csr, DeviceKeyAlgorithm algorithm) {

    /** Longest body looked at. A P-256 request in PEM is about 450 bytes, an Ed25519 one about 350. */
    public static final int MAX_BYTES = 4096;

    /** The first byte of a DER SEQUENCE; PEM starts with text. */
    private static final byte DER_SEQUENCE = 0x30;

    public SigningRequest {
        Objects.requireNonNull(csr, "csr");
        Objects.requireNonNull(algorithm, "algorithm");
    }

    /**
     * Parses and checks {@code body}. Any byte sequence gets an answer: a request, or an
     * {@link ActivationRefused} naming the problem; nothing else escapes.
     */
    public static SigningRequest parse(byte[] body) throws ActivationRefused {
        if (body.length == 0) {
            throw Refusal.BAD_CSR.because("empty body");
        }
        if (body.length > MAX_BYTES) {
            throw Refusal.PAYLOAD_TOO_LARGE.because(body.length + " bytes");
        }
        PKCS10CertificationRequest csr = body[0] == DER_SEQUENCE ? der(body) : pem(body);
        DeviceKeyAlgorithm algorithm;
        PublicKey key;
        try {
            algorithm = DeviceKeyAlgorithm.of(csr.getSubjectPublicKeyInfo()).orElse(null);
            if (algorithm == null) {
                throw Refusal.UNSUPPORTED_KEY.because("key " + csr.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId()
                        + "; accepted: " + DeviceKeyAlgorithm.ACCEPTED);
            }
            key = new JcaPEMKeyConverter().getPublicKey(csr.getSubjectPublicKeyInfo());
        } catch (IOException | RuntimeException e) {
            throw Refusal.BAD_CSR.because("unreadable public key: " + e.getClass().getSimpleName());
        }
        boolean signed;
        try {
            signed = csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
        } catch (Exception e) {
            // BC reports unknown or mismatched signature algorithms and bad encodings in several ways.
            signed = false;
        }
        if (!signed) {
            throw Refusal.BAD_CSR.because("not signed by its own key");
        }
        return new SigningRequest(csr, algorithm);
    }

    private static PKCS10CertificationRequest der(byte[] body) throws ActivationRefused {
        try {
            return new PKCS10CertificationRequest(body);
        } catch (IOException | RuntimeException e) {
            throw Refusal.BAD_CSR.because("malformed DER: " + e.getClass().getSimpleName());
        }
    }

    private static PKCS10CertificationRequest pem(byte[] body) throws ActivationRefused {
        // Latin-1 maps every byte, so hostile bytes are text that holds no PEM block, not a charset error.
        try (PEMParser parser = new PEMParser(new StringReader(new String(body, StandardCharsets.ISO_8859_1)))) {
            Object first = parser.readObject();
            if (first == null) {
                throw Refusal.BAD_CSR.because("no PEM block");
            }
            if (!(first instanceof PKCS10CertificationRequest csr)) {
                // Name the kind, never echo the content: a confused client may have sent its private key.
                throw Refusal.BAD_CSR.because("a PEM block of another kind (" + first.getClass().getSimpleName() + ")");
            }
            if (parser.readObject() != null) {
                throw Refusal.BAD_CSR.because("more than one PEM block");
            }
            return csr;
        } catch (ActivationRefused e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw Refusal.BAD_CSR.because("malformed PEM: " + e.getClass().getSimpleName());
        }
    }
}
