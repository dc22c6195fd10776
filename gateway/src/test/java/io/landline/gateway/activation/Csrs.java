package io.landline.gateway.activation;

import io.landline.client.device.DeviceIdentity;
import io.landline.client.device.DeviceKeyType;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Certification requests good and bad, made with Bouncy Castle as a device's library would. */
final class Csrs {

    private Csrs() {
    }

    static byte[] good(DeviceKeyType type) {
        return ascii(DeviceIdentity.generate(type).certificationRequestPem());
    }

    /** A request for {@code subjectKey}, signed by {@code signingKey} with {@code algorithm}. */
    static PKCS10CertificationRequest request(KeyPair subjectKey, KeyPair signingKey, String algorithm) throws Exception {
        return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=device"), subjectKey.getPublic())
                .build(new JcaContentSignerBuilder(algorithm).build(signingKey.getPrivate()));
    }

    static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static byte[] pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return ascii(text.toString());
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
