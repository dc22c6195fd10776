package io.landline.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.util.IPAddress;

/**
 * Server names as they go into a certificate's subjectAltName (RFC 5280 §4.2.1.6): IP literals
 * as {@code iPAddress}, everything else as {@code dNSName}. Names compare in canonical form:
 * DNS names lower-cased, addresses as {@link InetAddress#getHostAddress()} prints them.
 */
final class SubjectAltNames {

    /** Letters, digits, hyphens, underscores and dots, optionally a leading wildcard label. */
    private static final Pattern DNS_NAME = Pattern.compile("(\\*\\.)?[A-Za-z0-9_]([A-Za-z0-9_.-]{0,251}[A-Za-z0-9_.])?");

    private SubjectAltNames() {
    }

    /** {@code name} without surrounding blanks or IPv6 brackets; throws if it is neither an IP nor a DNS name. */
    static String validated(String name) {
        String s = name.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (!isIpAddress(s) && !DNS_NAME.matcher(s).matches()) {
            throw new IllegalArgumentException("not a DNS name or IP address: '" + name + "'");
        }
        return s;
    }

    static boolean isIpAddress(String name) {
        return IPAddress.isValidIPv4(name) || IPAddress.isValidIPv6(name);
    }

    /** The subjectAltName extension value for {@code names}, each validated. */
    static GeneralNames toGeneralNames(List<String> names) {
        GeneralName[] entries = names.stream()
                .map(SubjectAltNames::validated)
                .map(n -> new GeneralName(isIpAddress(n) ? GeneralName.iPAddress : GeneralName.dNSName, n))
                .toArray(GeneralName[]::new);
        return new GeneralNames(entries);
    }

    /** The certificate's DNS and IP subject alternative names, canonical. */
    static Set<String> of(X509Certificate certificate) throws CertificateParsingException {
        Set<String> names = new LinkedHashSet<>();
        Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
        if (entries != null) {
            for (List<?> entry : entries) {
                int type = (Integer) entry.get(0);
                if (type == GeneralName.dNSName || type == GeneralName.iPAddress) {
                    names.add(canonical((String) entry.get(1)));
                }
            }
        }
        return names;
    }

    /** Canonical form of a validated name; parsing an IP literal does no DNS lookup. */
    static String canonical(String name) {
        String s = validated(name);
        if (!isIpAddress(s)) {
            return s.toLowerCase(Locale.ROOT);
        }
        try {
            return InetAddress.getByName(s).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: '" + name + "'", e);
        }
    }
}
