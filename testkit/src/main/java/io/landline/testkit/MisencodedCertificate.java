package io.landline.testkit;

import java.math.BigInteger;
import java.security.Principal;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Set;

/**
 * A real certificate that reports other bytes as its encoding, so a JDK TLS client sends those
 * bytes (garbage DER, say) in its Certificate message while signing with the real key.
 */
public final class MisencodedCertificate extends X509Certificate {

    private final X509Certificate real;
    private final byte[] encoding;

    public MisencodedCertificate(X509Certificate real, byte[] encoding) {
        this.real = real;
        this.encoding = encoding.clone();
    }

    @Override
    public byte[] getEncoded() {
        return encoding.clone();
    }

    @Override
    public void checkValidity() throws java.security.cert.CertificateExpiredException, java.security.cert.CertificateNotYetValidException {
        real.checkValidity();
    }

    @Override
    public void checkValidity(Date date) throws java.security.cert.CertificateExpiredException, java.security.cert.CertificateNotYetValidException {
        real.checkValidity(date);
    }

    @Override
    public int getVersion() {
        return real.getVersion();
    }

    @Override
    public BigInteger getSerialNumber() {
        return real.getSerialNumber();
    }

    @Override
    public Principal getIssuerDN() {
        return real.getIssuerX500Principal();
    }

    @Override
    public javax.security.auth.x500.X500Principal getIssuerX500Principal() {
        return real.getIssuerX500Principal();
    }

    @Override
    public Principal getSubjectDN() {
        return real.getSubjectX500Principal();
    }

    @Override
    public javax.security.auth.x500.X500Principal getSubjectX500Principal() {
        return real.getSubjectX500Principal();
    }

    @Override
    public Date getNotBefore() {
        return real.getNotBefore();
    }

    @Override
    public Date getNotAfter() {
        return real.getNotAfter();
    }

    @Override
    public byte[] getTBSCertificate() throws java.security.cert.CertificateEncodingException {
        return real.getTBSCertificate();
    }

    @Override
    public byte[] getSignature() {
        return real.getSignature();
    }

    @Override
    public String getSigAlgName() {
        return real.getSigAlgName();
    }

    @Override
    public String getSigAlgOID() {
        return real.getSigAlgOID();
    }

    @Override
    public byte[] getSigAlgParams() {
        return real.getSigAlgParams();
    }

    @Override
    public boolean[] getIssuerUniqueID() {
        return real.getIssuerUniqueID();
    }

    @Override
    public boolean[] getSubjectUniqueID() {
        return real.getSubjectUniqueID();
    }

    @Override
    public boolean[] getKeyUsage() {
        return real.getKeyUsage();
    }

    @Override
    public int getBasicConstraints() {
        return real.getBasicConstraints();
    }

    @Override
    public void verify(PublicKey key) throws java.security.cert.CertificateException, java.security.NoSuchAlgorithmException,
            java.security.InvalidKeyException, java.security.NoSuchProviderException, java.security.SignatureException {
        real.verify(key);
    }

    @Override
    public void verify(PublicKey key, String sigProvider) throws java.security.cert.CertificateException,
            java.security.NoSuchAlgorithmException, java.security.InvalidKeyException, java.security.NoSuchProviderException,
            java.security.SignatureException {
        real.verify(key, sigProvider);
    }

    @Override
    public String toString() {
        return "misencoded " + real.getSubjectX500Principal();
    }

    @Override
    public PublicKey getPublicKey() {
        return real.getPublicKey();
    }

    @Override
    public boolean hasUnsupportedCriticalExtension() {
        return real.hasUnsupportedCriticalExtension();
    }

    @Override
    public Set<String> getCriticalExtensionOIDs() {
        return real.getCriticalExtensionOIDs();
    }

    @Override
    public Set<String> getNonCriticalExtensionOIDs() {
        return real.getNonCriticalExtensionOIDs();
    }

    @Override
    public byte[] getExtensionValue(String oid) {
        return real.getExtensionValue(oid);
    }
}
