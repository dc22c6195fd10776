package io.landline.gateway.mqtt;

import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Certificate;

/**
 * The subject CN of a client certificate, read from its DER with Bouncy Castle's ASN.1 parser
 * (RFC 5280 §4.1.2.6): the one thing CONNECT needs from the certificate. Cheaper than the JDK's
 * {@code CertificateFactory}, which builds every extension, the public key and the principals
 * first, and then an RFC 2253 string to split again; and it leaves the TLS session's own
 * certificate object unparsed, so an idle connection keeps only its DER.
 */
final class CertificateCommonName {

    private CertificateCommonName() {
    }

    /**
     * @param der a certificate's DER encoding, from the TLS session (its chain already trusted)
     * @return the value of the subject's only CN; empty for undecodable bytes, no CN, several CNs
     *         (in one or several RDNs) or a CN that is not a string
     */
    static Optional<String> of(byte[] der) {
        try {
            return onlyCommonName(Certificate.getInstance(der).getSubject());
        } catch (RuntimeException undecodable) { // IllegalArgumentException, ASN1ParsingException, ClassCastException for bad DER
            return Optional.empty();
        }
    }

    private static Optional<String> onlyCommonName(X500Name subject) {
        ASN1Encodable value = null;
        for (RDN rdn : subject.getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                if (BCStyle.CN.equals(attribute.getType())) {
                    if (value != null) {
                        return Optional.empty();
                    }
                    value = attribute.getValue();
                }
            }
        }
        return value instanceof ASN1String text ? Optional.of(text.getString()) : Optional.empty();
    }
}
