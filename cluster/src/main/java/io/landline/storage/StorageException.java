package io.landline.storage;

import java.util.stream.Collectors;

/**
 * The database could not be opened or a statement failed. The message is one line that
 * names what failed and why, fit for a startup error or a log line; it never holds a password.
 */
public final class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code "<what>: <reason>"}, where the reason is the deepest cause's message on one line. */
    public static StorageException of(String what, Throwable cause) {
        return new StorageException(what + ": " + reason(cause), cause);
    }

    /**
     * The innermost cause says what actually went wrong ("Connection refused"); the wrappers
     * above it (Hikari, the driver) only repeat the URL or add multi-line advice.
     */
    static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            return root.getClass().getSimpleName();
        }
        // Flyway spreads one error over several lines under "-----" rules; keep the words, drop the layout.
        return message.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.chars().allMatch(c -> c == '-'))
                .collect(Collectors.joining(" "));
    }
}
