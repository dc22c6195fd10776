package io.landline.appliance.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret that operator commands present to the admin API. A running node makes a
 * fresh one at every start and writes it to {@code <data-dir>/admin.token}, readable by
 * its owner only; whoever can read that file may operate the node.
 */
public final class AdminToken {

    public static final String FILE_NAME = "admin.token";

    private final byte[] value;

    private AdminToken(byte[] value) {
        this.value = value;
    }

    /** Makes a new token and writes it (mode 0600, replacing any old one atomically). */
    public static AdminToken create(Path dataDir, SecureRandom random) throws IOException {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Path tmp = Files.createTempFile(dataDir, ".admin-token", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file(dataDir), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new AdminToken(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads the token a running node wrote, for the CLI. */
    public static String read(Path dataDir) throws IOException {
        return Files.readString(file(dataDir), StandardCharsets.US_ASCII).trim();
    }

    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** Whether an {@code authorization} header carries this token, compared in constant time. */
    public boolean admits(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(value, presented);
    }

    @Override
    public String toString() {
        return "AdminToken[****]";
    }
}
