package io.landline.tls;

import java.util.logging.Logger;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * The appliance's own certificate authority: an EC P-256 key in {@code ca.key} and a
 * self-signed certificate in {@code ca.pem}, created on first start and reused after. It issues
 * the generated server certificate and the client certificates of activated devices, always
 * signing with SHA256withECDSA. Certificates follow the RFC 5280 profile (§4.2.1).
 */
public final class CertificateAuthority {

    private static final Logger LOG = Logger.getLogger("landline.tls");

    public static final String CERTIFICATE_FILE = "ca.pem";
    public static final String KEY_FILE = "ca.key";
    /** Validity of a newly created CA. */
    public static final Duration DEFAULT_CA_VALIDITY = Duration.ofDays(3650);
    /** notBefore is set this far in the past so peers with a slow clock accept a new certificate. */
    static final Duration BACKDATE = Duration.ofHours(1);
    /** RFC 5280 §4.1.2.4 upper bound for a commonName. */
    private static final int MAX_COMMON_NAME = 64;
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    private final Path certificatePath;
    private final X509Certificate certificate;
    private final PrivateKey key;
    private final Clock clock;
    private final SecureRandom random;

    private CertificateAuthority(Path certificatePath, X509Certificate certificate, PrivateKey key, Clock clock, SecureRandom random) {
        this.certificatePath = certificatePath;
        this.certificate = certificate;
        this.key = key;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Loads {@code ca.pem} and {@code ca.key} from {@code tlsDir}, or creates both when
     * {@code ca.pem} is absent. The key is written first and {@code ca.pem} last, so a crash
     * between the two leaves no certificate and the next start simply creates a new CA.
     */
    public static CertificateAuthority loadOrCreate(Path tlsDir, Clock clock) {
        SecureRandom random = new SecureRandom();
        Path certificatePath = tlsDir.resolve(CERTIFICATE_FILE);
        Path keyPath = tlsDir.resolve(KEY_FILE);
        if (Files.exists(certificatePath)) {
            return load(certificatePath, keyPath, clock, random);
        }
        createDirectories(tlsDir);
        KeyPair pair = KeyPairs.generateP256(random);
        X509Certificate certificate = selfSigned(pair, clock.instant(), random);
        Pem.writePrivateKey(keyPath, pair.getPrivate());
        Pem.writeCertificates(certificatePath, List.of(certificate));
        LOG.info(() -> "created appliance CA " + certificate.getSubjectX500Principal().getName() + " in " + certificatePath
                + ", SHA-256 " + fingerprint(certificate));
        return new CertificateAuthority(certificatePath, certificate, pair.getPrivate(), clock, random);
    }

    /** The CA certificate, the trust anchor clients and the device endpoint use. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** Where {@code ca.pem} lives; clients need a copy to trust the generated server certificate. */
    public Path certificatePath() {
        return certificatePath;
    }

    /** SHA-256 of the CA certificate, upper-case hex pairs joined by colons, as openssl prints it. */
    public String fingerprint() {
        return fingerprint(certificate);
    }

    /** SHA-256 fingerprint of any certificate, in the form of {@link #fingerprint()}. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot fingerprint certificate", e);
        }
    }

    /**
     * A TLS server certificate for {@code names} (DNS names and IP literals, the first DNS name
     * also as commonName) and the public half of {@code key}: EKU serverAuth, keyUsage
     * digitalSignature. Validity is capped at the CA's own notAfter.
     *
     * @throws IllegalArgumentException when {@code names} is empty or holds a malformed name
     */
    public X509Certificate issueServerCertificate(List<String> names, KeyPair key, Duration validity) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one name");
        }
        String commonName = names.stream().map(SubjectAltNames::validated)
                .filter(n -> !SubjectAltNames.isIpAddress(n)).findFirst().orElse("Landline server");
        try {
            return issue(commonName(commonName), SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()), validity, builder -> {
                builder.addExtension(Extension.subjectAlternativeName, false, SubjectAltNames.toGeneralNames(names));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            });
        } catch (CertIOException e) {
            throw new IllegalArgumentException("cannot encode server certificate: " + TlsSetupException.reason(e), e);
        }
    }

    /**
     * A TLS client certificate for a device, from its PKCS#10 request. The request must be
     * signed by its own key (proof of possession) and that key must be EC P-256 or Ed25519. The
     * subject is {@code subjectCommonName} alone; the request's own subject and attributes are
     * ignored, so a device cannot ask for names or usages it was not given.
     *
     * @throws IllegalArgumentException naming what is wrong with the request
     */
    public X509Certificate signDeviceCertificate(PKCS10CertificationRequest csr, String subjectCommonName, Duration validity) {
        X500Name subject = commonName(subjectCommonName);
        SubjectPublicKeyInfo subjectKey = csr.getSubjectPublicKeyInfo();
        requireDeviceKeyType(subjectKey.getAlgorithm());
        try {
            // JcaPEMKeyConverter maps the key's OID to a JDK algorithm name; the JDK provider cannot look OIDs up itself.
            PublicKey publicKey = new JcaPEMKeyConverter().getPublicKey(subjectKey);
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey))) {
                throw new IllegalArgumentException("certification request is not signed by its own key");
            }
            return issue(subject, subjectKey, validity,
                    builder -> builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth)));
        } catch (PEMException | OperatorCreationException | PKCSException e) {
            throw new IllegalArgumentException("cannot verify certification request: " + TlsSetupException.reason(e), e);
        } catch (CertIOException e) {
            throw new IllegalArgumentException("cannot encode device certificate: " + TlsSetupException.reason(e), e);
        }
    }

    /** Whether {@code leaf} carries this CA's signature. */
    boolean issued(X509Certificate leaf) {
        try {
            leaf.verify(certificate.getPublicKey());
            return leaf.getIssuerX500Principal().equals(certificate.getSubjectX500Principal());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void requireDeviceKeyType(AlgorithmIdentifier algorithm) {
        ASN1ObjectIdentifier type = algorithm.getAlgorithm();
        boolean p256 = X9ObjectIdentifiers.id_ecPublicKey.equals(type)
                && SECObjectIdentifiers.secp256r1.equals(algorithm.getParameters());
        if (!p256 && !EdECObjectIdentifiers.id_Ed25519.equals(type)) {
            throw new IllegalArgumentException("device key must be EC P-256 or Ed25519, not " + type.getId());
        }
    }

    /** Adds the profile's extensions to a leaf being built. */
    private interface Profile {
        void addTo(X509v3CertificateBuilder builder) throws CertIOException;
    }

    /** An end-entity certificate: not a CA, digitalSignature only, key identifiers both ways, plus {@code profile}. */
    private X509Certificate issue(X500Name subject, SubjectPublicKeyInfo subjectKey, Duration validity, Profile profile) throws CertIOException {
        Instant now = clock.instant();
        Instant notAfter = min(now.plus(validity), certificate.getNotAfter().toInstant());
        JcaX509ExtensionUtils extensions = extensionUtils();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), serial(random),
                Date.from(now.minus(BACKDATE)), Date.from(notAfter), subject, subjectKey);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(subjectKey));
        builder.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(certificate.getPublicKey()));
        profile.addTo(builder);
        return sign(builder, key);
    }

    private static X509Certificate selfSigned(KeyPair pair, Instant now, SecureRandom random) {
        byte[] id = new byte[4];
        random.nextBytes(id);
        X500Name subject = commonName("Landline CA " + HexFormat.of().formatHex(id));
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(subject, serial(random),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(DEFAULT_CA_VALIDITY)), subject, publicKey);
        try {
            // A CA that signs leaves only (pathLen 0), certificates and CRLs (RFC 5280 §4.2.1.9, §4.2.1.3).
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensionUtils().createSubjectKeyIdentifier(publicKey));
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot encode CA certificate", e);
        }
        return sign(builder, pair.getPrivate());
    }

    private static CertificateAuthority load(Path certificatePath, Path keyPath, Clock clock, SecureRandom random) {
        X509Certificate certificate = Pem.readCertificates(certificatePath).get(0);
        if (certificate.getBasicConstraints() < 0) {
            throw new TlsSetupException(certificatePath, "is not a CA certificate (basicConstraints CA:false)");
        }
        if (!Files.exists(keyPath)) {
            throw new TlsSetupException(keyPath, "missing, but " + certificatePath.getFileName()
                    + " exists; restore the key or delete both to create a new CA");
        }
        PrivateKey key = Pem.readPrivateKey(keyPath);
        PublicKey publicKey = certificate.getPublicKey();
        if (!"EC".equals(key.getAlgorithm()) || !KeyPairs.matches(publicKey, key).orElse(false)) {
            throw new TlsSetupException(keyPath, "is not the EC key of " + certificatePath);
        }
        return new CertificateAuthority(certificatePath, certificate, key, clock, random);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(signingKey)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign certificate: " + TlsSetupException.reason(e), e);
        }
    }

    private static X500Name commonName(String commonName) {
        if (commonName.isBlank() || commonName.length() > MAX_COMMON_NAME) {
            throw new IllegalArgumentException("commonName must be 1-" + MAX_COMMON_NAME + " characters: '" + commonName + "'");
        }
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    /** A positive random 128-bit serial number (RFC 5280 §4.1.2.2 allows up to 20 octets). */
    private static BigInteger serial(SecureRandom random) {
        BigInteger serial;
        do {
            serial = new BigInteger(128, random);
        } while (serial.signum() == 0);
        return serial;
    }

    private static JcaX509ExtensionUtils extensionUtils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 for key identifiers is unavailable", e);
        }
    }

    private static void createDirectories(Path tlsDir) {
        try {
            Files.createDirectories(tlsDir);
        } catch (IOException e) {
            throw new TlsSetupException(tlsDir, "cannot create TLS directory: " + TlsSetupException.reason(e), e);
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
