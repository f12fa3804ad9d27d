package io.ossenforcer.sweep;

/** A checkpoint that cannot be read, cannot be written, or belongs to another sweep. */
public final class CheckpointException extends Exception {
    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
