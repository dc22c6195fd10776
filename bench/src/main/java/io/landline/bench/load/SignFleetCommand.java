package io.landline.bench.load;

import io.landline.protocol.token.DeviceToken;
import io.landline.tls.CertificateAuthority;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Makes device identities signed directly by a CA directory, for servers that only check the
 * certificate chain (Mosquitto). Landline devices are activated through the API instead.
 */
@Command(name = "sign-fleet", mixinStandardHelpOptions = true,
        description = "Make N P-256 device certificates signed by the CA in --ca-dir (ca.pem, ca.key); CN = a random token.")
final class SignFleetCommand implements Callable<Integer> {

    @Option(names = "--ca-dir", required = true, description = "directory with ca.pem and ca.key")
    Path caDir;

    @Option(names = {"-n", "--count"}, required = true)
    int count;

    @Option(names = "--out", required = true, description = "fleet file to write")
    Path out;

    @Override
    public Integer call() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(caDir, Clock.systemUTC());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        SecureRandom random = new SecureRandom();
        long t0 = System.nanoTime();
        try (Fleet.Writer writer = new Fleet.Writer(out)) {
            for (int i = 0; i < count; i++) {
                KeyPair key = generator.generateKeyPair();
                String token = DeviceToken.random(random).hex();
                PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + token), key.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
                X509Certificate certificate = ca.signDeviceCertificate(csr, token, Duration.ofDays(30));
                writer.add(token, key.getPrivate(), certificate);
            }
        }
        System.out.printf("signed %d devices in %d ms into %s%n", count, (System.nanoTime() - t0) / 1_000_000, out);
        return 0;
    }
}
