package io.landline.bench;

import io.landline.tls.CertificateAuthority;
import io.landline.tls.DeviceCertificateTrust;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of trusting one device certificate at the TLS handshake: the CA's P-256 signature
 * verified by the JDK and by Bouncy Castle's custom-curve ECDSA, and the whole client check by
 * the JDK's PKIX trust manager against {@link DeviceCertificateTrust} (verifying, and for a
 * certificate it has verified before). Every operation parses its certificate afresh, as a
 * handshake does; {@code parseOnly} is that share.
 * <p>
 * Run: {@code bench/scripts/device-certificate.sh}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DeviceCertificateBenchmark {

    /** More certificates than the JDK's CertificateFactory keeps parsed (750), cycled through. */
    private static final int FLEET = 2048;

    private byte[][] fleet;
    private int next;
    private PublicKey caKey;
    private X509TrustManager pkix;
    private DeviceCertificateTrust verifying;
    private DeviceCertificateTrust remembering;
    private ECPublicKeyParameters bcKey;
    private final CertificateFactory x509;

    public DeviceCertificateBenchmark() {
        try {
            x509 = CertificateFactory.getInstance("X.509");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Setup
    public void setUp() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(Files.createTempDirectory("bench-ca"), Clock.systemUTC());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        fleet = new byte[FLEET][];
        for (int i = 0; i < FLEET; i++) {
            fleet[i] = device(ca, keys, "device-" + i).getEncoded();
        }
        caKey = ca.certificate().getPublicKey();
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(anchors);
        pkix = (X509TrustManager) factory.getTrustManagers()[0];
        // One slot and a fleet cycled through: every check misses the table and verifies.
        verifying = new DeviceCertificateTrust(ca.certificate(), Clock.systemUTC(), 1);
        remembering = DeviceCertificateTrust.forCa(ca.certificate());
        X9ECParameters curve = CustomNamedCurves.getByName("secp256r1");
        ECDomainParameters domain = new ECDomainParameters(curve);
        byte[] point = SubjectPublicKeyInfo.getInstance(caKey.getEncoded()).getPublicKeyData().getOctets();
        bcKey = new ECPublicKeyParameters(domain.getCurve().decodePoint(point).normalize(), domain);
    }

    private static X509Certificate device(CertificateAuthority ca, KeyPair keys, String name) throws Exception {
        var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + name), keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
        return ca.signDeviceCertificate(csr, name, Duration.ofDays(30));
    }

    /**
     * The next certificate, parsed afresh from its DER as the TLS engine does for each handshake:
     * the JDK's certificate object remembers a successful verification, so reusing one object
     * would measure that memory instead of the verification.
     */
    private X509Certificate[] next() throws Exception {
        byte[] der = fleet[next];
        next = (next + 1) % FLEET;
        return new X509Certificate[] {(X509Certificate) x509.generateCertificate(new ByteArrayInputStream(der))};
    }

    @Benchmark
    public X509Certificate[] parseOnly() throws Exception {
        return next();
    }

    @Benchmark
    public boolean jdkSignature() throws Exception {
        X509Certificate leaf = next()[0];
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(caKey);
        verifier.update(leaf.getTBSCertificate());
        return verifier.verify(leaf.getSignature());
    }

    @Benchmark
    public boolean bouncyCastleP256Signature() throws Exception {
        X509Certificate leaf = next()[0];
        ASN1Sequence signature = ASN1Sequence.getInstance(leaf.getSignature());
        BigInteger r = ASN1Integer.getInstance(signature.getObjectAt(0)).getValue();
        BigInteger s = ASN1Integer.getInstance(signature.getObjectAt(1)).getValue();
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, bcKey);
        return verifier.verifySignature(MessageDigest.getInstance("SHA-256").digest(leaf.getTBSCertificate()), r, s);
    }

    @Benchmark
    public X509Certificate[] pkixCheckClientTrusted() throws Exception {
        X509Certificate[] chain = next();
        pkix.checkClientTrusted(chain, "EC");
        return chain;
    }

    @Benchmark
    public X509Certificate[] deviceTrustVerifying() throws Exception {
        X509Certificate[] chain = next();
        verifying.checkClientTrusted(chain, "EC");
        return chain;
    }

    @Benchmark
    public X509Certificate[] deviceTrustRemembered() throws Exception {
        X509Certificate[] chain = next();
        remembering.checkClientTrusted(chain, "EC");
        return chain;
    }
}
