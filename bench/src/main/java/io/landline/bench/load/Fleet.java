package io.landline.bench.load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Device identities for load runs, one per line: {@code token TAB base64(PKCS#8 key) TAB
 * base64(DER certificate)}. One file holds a whole fleet, so 20k devices are not 40k files.
 */
public record Fleet(List<Member> members) {

    /** One device: its token (the ClientID), its key and its certificate. */
    public record Member(String token, PrivateKey key, X509Certificate certificate) {
    }

    public int size() {
        return members.size();
    }

    /** {@code count} members from {@code from}. */
    public List<Member> slice(int from, int count) {
        if (from < 0 || from + count > members.size()) {
            throw new IllegalArgumentException("fleet has " + members.size() + " devices; asked for " + from + ".." + (from + count));
        }
        return members.subList(from, from + count);
    }

    public static Fleet read(Path file) throws IOException {
        try {
            CertificateFactory certificates = CertificateFactory.getInstance("X.509");
            List<Member> members = new ArrayList<>();
            Base64.Decoder b64 = Base64.getDecoder();
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                X509Certificate certificate = (X509Certificate) certificates.generateCertificate(new java.io.ByteArrayInputStream(b64.decode(f[2])));
                String algorithm = certificate.getPublicKey().getAlgorithm();
                KeyFactory keys = KeyFactory.getInstance("EC".equals(algorithm) ? "EC" : "Ed25519");
                members.add(new Member(f[0], keys.generatePrivate(new PKCS8EncodedKeySpec(b64.decode(f[1]))), certificate));
            }
            return new Fleet(List.copyOf(members));
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("not a fleet file: " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends members as they are made. */
    public static final class Writer implements AutoCloseable {
        private final BufferedWriter out;
        private final Base64.Encoder b64 = Base64.getEncoder();

        public Writer(Path file) throws IOException {
            this.out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
        }

        public synchronized void add(String token, PrivateKey key, X509Certificate certificate) throws IOException {
            try {
                out.write(token + "\t" + b64.encodeToString(key.getEncoded()) + "\t" + b64.encodeToString(certificate.getEncoded()) + "\n");
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
