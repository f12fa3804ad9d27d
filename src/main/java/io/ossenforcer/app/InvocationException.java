package io.ossenforcer.app;

import java.io.IOException;

/**
 * Fails an invocation on purpose: a bad event or bad rules, or a record that failed in a way a retry may fix.
 * Function Compute retries a failed asynchronous invocation, then sends it to the configured failure destination.
 */
public final class InvocationException extends IOException {
    private static final long serialVersionUID = 1L;

    public InvocationException(String message) {
        super(message);
    }
}
