package io.landline.tls;

import java.util.logging.Logger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The generated server certificate: {@code server.pem} (leaf, then the CA) and
 * {@code server.key}, issued by the appliance CA for the loopback names, this host's name and
 * the configured extra names.
 *
 * @param certificatePath {@code server.pem}
 * @param keyPath         {@code server.key}
 * @param issued          whether this call issued a new certificate (else the files were reused)
 */
public record ServerCertificate(Path certificatePath, Path keyPath, boolean issued) {

    private static final Logger LOG = Logger.getLogger("landline.tls");

    public static final String CERTIFICATE_FILE = "server.pem";
    public static final String KEY_FILE = "server.key";
    /** Lifetime of a newly issued server certificate. */
    public static final Duration VALIDITY = Duration.ofDays(365);
    /** A certificate that expires sooner than this is replaced at start. */
    public static final Duration RENEW_BEFORE = Duration.ofDays(30);
    /** Names every generated certificate covers, so local clients and probes always verify. */
    public static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "::1");

    /**
     * Reuses {@code server.pem}/{@code server.key} in {@code tlsDir} when they were issued by
     * {@code ca}, stay valid for at least {@link #RENEW_BEFORE} and cover every required name;
     * otherwise issues and writes a new pair (EC P-256, {@link #VALIDITY}).
     */
    public static ServerCertificate ensure(Path tlsDir, CertificateAuthority ca, List<String> extraNames, Clock clock) {
        Path certificatePath = tlsDir.resolve(CERTIFICATE_FILE);
        Path keyPath = tlsDir.resolve(KEY_FILE);
        List<String> names = requiredNames(extraNames, localHostName());
        if (reusable(certificatePath, keyPath, ca, names, clock.instant())) {
            return new ServerCertificate(certificatePath, keyPath, false);
        }
        KeyPair key = KeyPairs.generateP256(new SecureRandom());
        X509Certificate leaf = ca.issueServerCertificate(names, key, VALIDITY);
        Pem.writePrivateKey(keyPath, key.getPrivate());
        Pem.writeCertificates(certificatePath, List.of(leaf, ca.certificate()));
        LOG.info(() -> "issued server certificate " + certificatePath + " for " + names + ", valid until " + leaf.getNotAfter().toInstant());
        return new ServerCertificate(certificatePath, keyPath, true);
    }

    /** Extra names first (the first DNS one becomes the commonName), then the host name, then loopback; no repeats. */
    static List<String> requiredNames(List<String> extraNames, Optional<String> hostName) {
        List<String> candidates = new ArrayList<>(extraNames);
        hostName.ifPresent(candidates::add);
        candidates.addAll(LOOPBACK_NAMES);
        Set<String> seen = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        for (String candidate : candidates) {
            String name = SubjectAltNames.validated(candidate);
            if (seen.add(SubjectAltNames.canonical(name))) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    /** This machine's host name, when it has a usable one; a broken resolver must not stop the start. */
    static Optional<String> localHostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            SubjectAltNames.validated(name);
            return Optional.of(name);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static boolean reusable(Path certificatePath, Path keyPath, CertificateAuthority ca, List<String> names, Instant now) {
        if (!Files.exists(certificatePath) || !Files.exists(keyPath)) {
            return false;
        }
        try {
            X509Certificate leaf = Pem.readCertificates(certificatePath).get(0);
            PrivateKey key = Pem.readPrivateKey(keyPath);
            Set<String> required = names.stream().map(SubjectAltNames::canonical).collect(Collectors.toSet());
            return ca.issued(leaf)
                    && !leaf.getNotBefore().toInstant().isAfter(now)
                    && leaf.getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE))
                    && SubjectAltNames.of(leaf).containsAll(required)
                    && KeyPairs.matches(leaf.getPublicKey(), key).orElse(false);
        } catch (TlsSetupException | CertificateParsingException | IllegalArgumentException e) {
            return false; // our own generated files: anything unreadable is simply replaced
        }
    }
}
