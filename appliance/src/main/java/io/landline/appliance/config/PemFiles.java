package io.landline.appliance.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A first look at a configured certificate or key file, so that a wrong path fails the
 * config check instead of the first TLS handshake. It does not parse the PEM: the TLS code
 * does that and says which block is wrong.
 */
final class PemFiles {

    /** Where a PEM file must show its first block; real chains and keys are a few kilobytes. */
    static final int MAX_SCAN_BYTES = 1 << 20;

    private static final byte[] BEGIN = "-----BEGIN".getBytes(StandardCharsets.US_ASCII);

    private PemFiles() {
    }

    /** Why {@code file} cannot serve as a PEM file, completing "'PATH' ..."; empty when it looks fine. */
    static Optional<String> problem(Path file) {
        if (!Files.exists(file)) {
            return Optional.of("does not exist");
        }
        if (Files.isDirectory(file)) {
            return Optional.of("is a directory, not a PEM file");
        }
        if (!Files.isReadable(file)) {
            return Optional.of("is not readable by this process");
        }
        try (InputStream in = Files.newInputStream(file)) {
            if (!contains(in.readNBytes(MAX_SCAN_BYTES), BEGIN)) {
                return Optional.of("is not a PEM file (no '-----BEGIN' line)");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
