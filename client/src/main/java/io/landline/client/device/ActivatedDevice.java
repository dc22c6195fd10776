package io.landline.client.device;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * What a device holds after activation: its token, its certificate, the CA that issued it and
 * its private key. {@link #save} writes them as the files an MQTT client takes
 * ({@code mosquitto_sub --cafile ca.pem --cert device.pem --key device.key -i $(cat token)}).
 */
public record ActivatedDevice(String token, String certificatePem, String caPem, PrivateKey privateKey) {

    public static final String TOKEN_FILE = "token";
    public static final String CERTIFICATE_FILE = "device.pem";
    public static final String KEY_FILE = "device.key";
    public static final String CA_FILE = "ca.pem";

    public ActivatedDevice {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(certificatePem, "certificatePem");
        Objects.requireNonNull(caPem, "caPem");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /** Writes the four files into {@code dir} (created if needed); the key is readable by its owner only. */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(TOKEN_FILE), token + "\n", StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve(CERTIFICATE_FILE), certificatePem, StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve(CA_FILE), caPem, StandardCharsets.US_ASCII);
        Path key = dir.resolve(KEY_FILE);
        Files.deleteIfExists(key);
        Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(key, DeviceIdentity.pem(new JcaPKCS8Generator(privateKey, null).generate()),
                StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Reads what {@link #save} wrote. */
    public static ActivatedDevice load(Path dir) throws IOException {
        String key = Files.readString(dir.resolve(KEY_FILE), StandardCharsets.US_ASCII);
        try (PEMParser parser = new PEMParser(new StringReader(key))) {
            Object item = parser.readObject();
            if (!(item instanceof PrivateKeyInfo info)) {
                throw new IOException(dir.resolve(KEY_FILE) + " holds no PKCS#8 private key");
            }
            return new ActivatedDevice(Files.readString(dir.resolve(TOKEN_FILE), StandardCharsets.US_ASCII).trim(),
                    Files.readString(dir.resolve(CERTIFICATE_FILE), StandardCharsets.US_ASCII),
                    Files.readString(dir.resolve(CA_FILE), StandardCharsets.US_ASCII),
                    new JcaPEMKeyConverter().getPrivateKey(info));
        }
    }

    @Override
    public String toString() {
        return "ActivatedDevice[" + token + "]";
    }
}
