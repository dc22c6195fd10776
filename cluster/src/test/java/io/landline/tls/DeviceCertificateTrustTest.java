package io.landline.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.landline.testkit.HostileCertificates;
import io.landline.testkit.HostileCertificates.Ca;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The device-certificate decision on certificates made to break one rule each, without a network. */
class DeviceCertificateTrustTest {

    private static final Ca CA = HostileCertificates.ca(new X500Name("CN=Landline CA 0a1b2c3d"));
    private final MutableClock clock = new MutableClock(Instant.now());
    private DeviceCertificateTrust trust;

    @BeforeEach
    void trust() {
        trust = new DeviceCertificateTrust(CA.certificate(), clock, 64);
    }

    private static HostileCertificates.Device device() {
        return HostileCertificates.device(CA, HostileCertificates.p256().getPublic());
    }

    private DeviceCertificateCheck check(X509Certificate leaf) {
        return trust.check(new X509Certificate[] {leaf});
    }

    @Test
    void p256DeviceCertificateOfTheCaIsVerified() {
        assertThat(check(device().build())).isEqualTo(DeviceCertificateCheck.VERIFIED);
    }

    @Test
    void ed25519DeviceCertificateSignedByTheCaIsVerified() {
        X509Certificate leaf = HostileCertificates.device(CA, HostileCertificates.ed25519().getPublic()).build();
        assertThat(check(leaf)).isEqualTo(DeviceCertificateCheck.VERIFIED);
    }

    @Test
    void certificateOfTheCaIssuedByTheAppliancesOwnCertificateAuthorityIsVerified(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir, clock);
        var device = TestCertificates.p256();
        X509Certificate leaf = ca.signDeviceCertificate(TestCertificates.csr(device, device), "device-1", Duration.ofDays(1));
        assertThat(new DeviceCertificateTrust(ca.certificate(), clock, 64).check(new X509Certificate[] {leaf}))
                .isEqualTo(DeviceCertificateCheck.VERIFIED);
    }

    @Test
    void anotherCaWithTheSameNameIsAnotherIssuer() {
        Ca impostor = HostileCertificates.ca(new X500Name("CN=Landline CA 0a1b2c3d"));
        X509Certificate leaf = HostileCertificates.device(impostor, HostileCertificates.p256().getPublic()).build();
        assertThat(check(leaf)).isEqualTo(DeviceCertificateCheck.OTHER_ISSUER);
    }

    @Test
    void anotherKeyBehindTheCasNameAndKeyIdentifierFailsTheSignature() {
        // Issuer name and authority key identifier copied from the real CA, signed by another key.
        Ca forged = new Ca(CA.certificate(), HostileCertificates.p256().getPrivate());
        X509Certificate leaf = HostileCertificates.device(forged, HostileCertificates.p256().getPublic()).build();
        assertThat(check(leaf)).isEqualTo(DeviceCertificateCheck.BAD_SIGNATURE);
    }

    @Test
    void certificateWithoutAuthorityKeyIdentifierIsAnotherIssuer() {
        assertThat(check(device().withoutAuthorityKeyIdentifier().build())).isEqualTo(DeviceCertificateCheck.OTHER_ISSUER);
    }

    @Test
    void theCaCertificateItselfIsNoDeviceCertificate() {
        assertThat(check(CA.certificate())).isEqualTo(DeviceCertificateCheck.OTHER_ISSUER);
    }

    @Test
    void leafWithTheCaFlagIsNoDeviceCertificate() {
        assertThat(check(device().asCa().build())).isEqualTo(DeviceCertificateCheck.NOT_A_DEVICE_CERTIFICATE);
    }

    @Test
    void serverAuthOnlyIsNoDeviceCertificate() {
        assertThat(check(device().purposes(KeyPurposeId.id_kp_serverAuth).build())).isEqualTo(DeviceCertificateCheck.NOT_A_DEVICE_CERTIFICATE);
    }

    @Test
    void missingExtendedKeyUsageIsNoDeviceCertificate() {
        assertThat(check(device().purposes().build())).isEqualTo(DeviceCertificateCheck.NOT_A_DEVICE_CERTIFICATE);
    }

    @Test
    void unknownCriticalExtensionIsRefused() {
        X509Certificate leaf = device().criticalExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1")).build();
        assertThat(check(leaf)).isEqualTo(DeviceCertificateCheck.UNKNOWN_CRITICAL_EXTENSION);
    }

    @Test
    void expiredCertificateIsRefused() {
        Instant now = clock.instant();
        X509Certificate leaf = device().validity(now.minus(Duration.ofDays(2)), now.minusSeconds(1)).build();
        assertThat(check(leaf)).isEqualTo(DeviceCertificateCheck.EXPIRED);
    }

    @Test
    void certificateNotYetValidIsRefused() {
        Instant now = clock.instant();
        X509Certificate leaf = device().validity(now.plusSeconds(60), now.plus(Duration.ofDays(2))).build();
        assertThat(check(leaf)).isEqualTo(DeviceCertificateCheck.NOT_YET_VALID);
    }

    @Test
    void tamperedSignatureIsRefused() {
        assertThat(check(HostileCertificates.tamperedSignature(device().build()))).isEqualTo(DeviceCertificateCheck.BAD_SIGNATURE);
    }

    @Test
    void signatureInBerInsteadOfDerIsRefused() throws Exception {
        X509Certificate leaf = device().build();
        ASN1Sequence rs = ASN1Sequence.getInstance(leaf.getSignature());
        byte[] r = ((org.bouncycastle.asn1.ASN1Integer) rs.getObjectAt(0)).getValue().toByteArray();
        byte[] s = ((org.bouncycastle.asn1.ASN1Integer) rs.getObjectAt(1)).getValue().toByteArray();
        // SEQUENCE { INTEGER r, INTEGER s } with the sequence length in the long form (0x81 0xNN): valid BER, not DER.
        int body = 2 + r.length + 2 + s.length;
        byte[] ber = new byte[3 + body];
        ber[0] = 0x30;
        ber[1] = (byte) 0x81;
        ber[2] = (byte) body;
        ber[3] = 0x02;
        ber[4] = (byte) r.length;
        System.arraycopy(r, 0, ber, 5, r.length);
        ber[5 + r.length] = 0x02;
        ber[6 + r.length] = (byte) s.length;
        System.arraycopy(s, 0, ber, 7 + r.length, s.length);
        org.bouncycastle.asn1.x509.Certificate parsed = org.bouncycastle.asn1.x509.Certificate.getInstance(leaf.getEncoded());
        ASN1EncodableVector fields = new ASN1EncodableVector();
        fields.add(parsed.getTBSCertificate());
        fields.add(parsed.getSignatureAlgorithm());
        fields.add(new DERBitString(ber));
        X509Certificate reencoded = HostileCertificates.parse(new DERSequence(fields).getEncoded());
        assertThat(new BigInteger(1, reencoded.getSignature())).isNotEqualTo(new BigInteger(1, leaf.getSignature()));
        assertThat(check(reencoded)).isEqualTo(DeviceCertificateCheck.BAD_SIGNATURE);
    }

    @Test
    void emptyChainIsNoCertificate() {
        assertThat(trust.check(new X509Certificate[0])).isEqualTo(DeviceCertificateCheck.NO_CERTIFICATE);
        assertThat(trust.check(null)).isEqualTo(DeviceCertificateCheck.NO_CERTIFICATE);
    }

    @Test
    void reconnectSkipsTheSignatureButNotTheClock() {
        Instant now = clock.instant();
        X509Certificate leaf = device().validity(now.minusSeconds(60), now.plus(Duration.ofHours(1))).build();
        assertThat(check(leaf)).isEqualTo(DeviceCertificateCheck.VERIFIED);
        assertThat(check(leaf)).isEqualTo(DeviceCertificateCheck.REMEMBERED);
        clock.advance(Duration.ofHours(2));
        assertThat(check(leaf)).isEqualTo(DeviceCertificateCheck.EXPIRED);
    }

    @Test
    void refusedCertificateIsNotRemembered() {
        X509Certificate tampered = HostileCertificates.tamperedSignature(device().build());
        assertThat(check(tampered)).isEqualTo(DeviceCertificateCheck.BAD_SIGNATURE);
        assertThat(check(tampered)).isEqualTo(DeviceCertificateCheck.BAD_SIGNATURE);
    }

    @Test
    void caWithAP384KeyIsVerifiedByTheJdk() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        Ca p384 = HostileCertificates.ca(new X500Name("CN=P-384 CA"), generator.generateKeyPair(), "SHA384withECDSA");
        DeviceCertificateTrust jdk = new DeviceCertificateTrust(p384.certificate(), clock, 64);
        X509Certificate leaf = HostileCertificates.device(p384, HostileCertificates.p256().getPublic()).build();
        assertThat(jdk.check(new X509Certificate[] {leaf})).isEqualTo(DeviceCertificateCheck.VERIFIED);
        assertThat(jdk.check(new X509Certificate[] {HostileCertificates.tamperedSignature(leaf)})).isEqualTo(DeviceCertificateCheck.BAD_SIGNATURE);
    }

    @Test
    void refusalIsACertificateExceptionNamingTheReasonAndServersAreNeverTrusted() {
        X509Certificate expired = device().validity(clock.instant().minus(Duration.ofDays(2)), clock.instant().minusSeconds(1)).build();
        assertThatThrownBy(() -> trust.checkClientTrusted(new X509Certificate[] {expired}, "EC"))
                .isInstanceOf(CertificateException.class).hasMessageContaining("expired");
        assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[] {device().build()}, "EC"))
                .isInstanceOf(CertificateException.class);
        assertThat(trust.getAcceptedIssuers()).containsExactly(CA.certificate());
    }

    @Test
    void everyDecisionIsCountedByOutcome() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        trust.bindTo(registry);
        check(device().build());
        check(HostileCertificates.tamperedSignature(device().build()));
        assertThat(registry.get("landline.tls.client.certificates").tag("outcome", "verified").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("landline.tls.client.certificates").tag("outcome", "bad_signature").functionCounter().count()).isEqualTo(1);
    }
}
