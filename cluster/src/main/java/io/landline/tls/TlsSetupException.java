package io.landline.tls;

import java.nio.file.Path;

/**
 * TLS material that cannot be used: the message is one line naming the file and what is
 * wrong with it, fit to print as the launcher's last words.
 */
public final class TlsSetupException extends RuntimeException {

    private final Path file;

    /** A problem not tied to one file, such as an unavailable engine. */
    public TlsSetupException(String problem) {
        super(oneLine(problem));
        this.file = null;
    }

    public TlsSetupException(Path file, String problem) {
        this(file, problem, null);
    }

    public TlsSetupException(Path file, String problem, Throwable cause) {
        super(file + ": " + oneLine(problem), cause);
        this.file = file;
    }

    /** The file at fault, when there is one. */
    public java.util.Optional<Path> file() {
        return java.util.Optional.ofNullable(file);
    }

    /** Folds a (library) message onto one line so a log shows it whole. */
    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }

    /** The cause's own message, or its class name when it has none. */
    static String reason(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : oneLine(message);
    }
}
