package io.landline.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads and writes PEM files (RFC 7468): certificate chains, and private keys as PKCS#8
 * ({@code PRIVATE KEY}), SEC1 ({@code EC PRIVATE KEY}) or PKCS#1 ({@code RSA PRIVATE KEY}).
 * Keys are always written as unencrypted PKCS#8. Every failure is a {@link TlsSetupException}
 * naming the file.
 */
public final class Pem {

    /** Mode of certificate files: anyone may read the public half. */
    private static final Set<PosixFilePermission> PUBLIC_MODE = Set.copyOf(PosixFilePermissions.fromString("rw-r--r--"));
    /** Mode of private key files: the owner only, from the moment the file exists. */
    private static final Set<PosixFilePermission> PRIVATE_MODE = Set.copyOf(PosixFilePermissions.fromString("rw-------"));

    private Pem() {
    }

    /** Every certificate in {@code file}, in file order (leaf first for a chain); never empty. */
    public static List<X509Certificate> readCertificates(Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        boolean sawKey = false;
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new StringReader(readText(file)))) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                } else if (isPrivateKey(item)) {
                    sawKey = true;
                }
            }
        } catch (TlsSetupException e) {
            throw e;
        } catch (IOException | CertificateException | RuntimeException e) {
            // BC reports bad base64 or ASN.1 with runtime exceptions as well as IOExceptions
            throw new TlsSetupException(file, "malformed PEM certificate: " + TlsSetupException.reason(e), e);
        }
        if (certificates.isEmpty()) {
            throw new TlsSetupException(file, sawKey
                    ? "holds a private key but no certificate"
                    : "no PEM certificate found (expected -----BEGIN CERTIFICATE-----)");
        }
        return List.copyOf(certificates);
    }

    /** The one private key in {@code file}. Encrypted keys are refused: the appliance starts unattended. */
    public static PrivateKey readPrivateKey(Path file) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        boolean sawCertificate = false;
        try (PEMParser parser = new PEMParser(new StringReader(readText(file)))) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof PrivateKeyInfo pkcs8) {
                    return converter.getPrivateKey(pkcs8);
                } else if (item instanceof PEMKeyPair sec1OrPkcs1) {
                    // SEC1's public key field is optional, so convert only the private half
                    return converter.getPrivateKey(sec1OrPkcs1.getPrivateKeyInfo());
                } else if (item instanceof PKCS8EncryptedPrivateKeyInfo || item instanceof PEMEncryptedKeyPair) {
                    throw new TlsSetupException(file, "the private key is encrypted; give an unencrypted key"
                            + " (e.g. openssl pkey -in encrypted.key -out plain.key)");
                } else if (item instanceof X509CertificateHolder) {
                    sawCertificate = true;
                }
                // anything else (e.g. the EC PARAMETERS block openssl ecparam writes) is skipped
            }
        } catch (TlsSetupException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new TlsSetupException(file, "malformed PEM private key: " + TlsSetupException.reason(e), e);
        }
        throw new TlsSetupException(file, sawCertificate
                ? "holds a certificate but no private key"
                : "no PEM private key found (expected -----BEGIN PRIVATE KEY-----, EC PRIVATE KEY or RSA PRIVATE KEY)");
    }

    /** The certificates as consecutive {@code CERTIFICATE} blocks. */
    public static String encodeCertificates(List<X509Certificate> certificates) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode certificate: " + TlsSetupException.reason(e), e);
        }
        return text.toString();
    }

    /** The key as an unencrypted PKCS#8 {@code PRIVATE KEY} block. */
    public static String encodePrivateKey(PrivateKey key) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode private key: " + TlsSetupException.reason(e), e);
        }
        return text.toString();
    }

    /** Replaces {@code file} atomically with the certificates, mode 0644. */
    public static void writeCertificates(Path file, List<X509Certificate> certificates) {
        writeAtomically(file, encodeCertificates(certificates), PUBLIC_MODE);
    }

    /** Replaces {@code file} atomically with the key as PKCS#8, mode 0600 from creation on. */
    public static void writePrivateKey(Path file, PrivateKey key) {
        writeAtomically(file, encodePrivateKey(key), PRIVATE_MODE);
    }

    private static boolean isPrivateKey(Object item) {
        return item instanceof PrivateKeyInfo || item instanceof PEMKeyPair
                || item instanceof PKCS8EncryptedPrivateKeyInfo || item instanceof PEMEncryptedKeyPair;
    }

    private static String readText(Path file) {
        if (Files.isDirectory(file)) {
            throw new TlsSetupException(file, "is a directory, not a PEM file");
        }
        try {
            // Latin-1 maps every byte, so a binary (DER) file reads as "no PEM found", not a charset error.
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new TlsSetupException(file, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new TlsSetupException(file, "not readable (permission denied)", e);
        } catch (IOException e) {
            throw new TlsSetupException(file, "cannot read: " + TlsSetupException.reason(e), e);
        }
    }

    /**
     * Writes to a temporary file created with {@code mode} in the same directory, syncs it, then
     * renames it over {@code file}: readers see the old or the new content, never a torn or
     * briefly world-readable file.
     */
    private static void writeAtomically(Path file, String text, Set<PosixFilePermission> mode) {
        Path directory = file.toAbsolutePath().getParent();
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        Path temporary = null;
        try {
            temporary = posix
                    ? Files.createTempFile(directory, "." + file.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(mode))
                    : Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            if (posix) {
                Files.setPosixFilePermissions(temporary, mode); // the umask may have taken bits off 0644
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new TlsSetupException(file, "cannot write: " + TlsSetupException.reason(e), e);
        }
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // the write already failed; that error is the one to report
        }
    }
}
