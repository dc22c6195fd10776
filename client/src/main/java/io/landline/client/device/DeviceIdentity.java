package io.landline.client.device;

import java.io.IOException;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A device's own key pair, made on the device; the private key never leaves it. The node
 * certifies the public half from a PKCS#10 request (RFC 2986) signed with the private half.
 */
public final class DeviceIdentity {

    private final DeviceKeyType type;
    private final KeyPair keyPair;

    private DeviceIdentity(DeviceKeyType type, KeyPair keyPair) {
        this.type = type;
        this.keyPair = keyPair;
    }

    /** A fresh key pair of {@code type}. */
    public static DeviceIdentity generate(DeviceKeyType type) {
        try {
            KeyPairGenerator generator;
            if (type == DeviceKeyType.P256) {
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator = KeyPairGenerator.getInstance("Ed25519");
            }
            return new DeviceIdentity(type, generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate " + type + " keys", e);
        }
    }

    public DeviceKeyType type() {
        return type;
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    /** A request signed by this key; the node ignores the subject and names the device by its token. */
    public PKCS10CertificationRequest certificationRequest() {
        try {
            String algorithm = type == DeviceKeyType.P256 ? "SHA256withECDSA" : "Ed25519";
            return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=device"), keyPair.getPublic())
                    .build(new JcaContentSignerBuilder(algorithm).build(keyPair.getPrivate()));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign a certification request with " + type, e);
        }
    }

    /** {@link #certificationRequest()} as a {@code CERTIFICATE REQUEST} PEM block: the body of {@code POST /v1/activate}. */
    public String certificationRequestPem() {
        return pem(certificationRequest());
    }

    static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(Objects.requireNonNull(object));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write PEM", e);
        }
        return text.toString();
    }
}
