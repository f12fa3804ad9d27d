package io.ossenforcer.sweep;

/** A sweep that stopped before its slice was done for a reason other than being asked to: the message says why. */
public final class SweepException extends Exception {
    private static final long serialVersionUID = 1L;

    public SweepException(String message, Throwable cause) {
        super(message, cause);
    }
}
