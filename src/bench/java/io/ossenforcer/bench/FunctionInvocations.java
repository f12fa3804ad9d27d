package io.ossenforcer.bench;

import io.ossenforcer.handler.EnforcerHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The function as Function Compute runs it, on the function artifact alone: the handler built by its no-argument
 * constructor from the environment, the initializer, then {@code handleRequest} per event. No FC context: the
 * credentials come from the environment instead of the role. Arguments: those of {@link Invocations}.
 */
public final class FunctionInvocations {
    private FunctionInvocations() {
    }

    public static void main(String[] args) throws Exception {
        EnforcerHandler handler = new EnforcerHandler();
        handler.initialize(null);
        Invocations.run(args, event -> {
            ByteArrayOutputStream report = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event), report, null);
            return report.toString(StandardCharsets.UTF_8);
        });
    }
}
