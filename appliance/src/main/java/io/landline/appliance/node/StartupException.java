package io.landline.appliance.node;

/** Why a node could not start, in one line, with the exit code the launcher should use. */
public final class StartupException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public StartupException(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
