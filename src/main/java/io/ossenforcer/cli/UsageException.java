package io.ossenforcer.cli;

/** Wrong arguments or unusable configuration: the command prints the message and exits 2. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
