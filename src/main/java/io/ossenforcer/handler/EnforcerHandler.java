package io.ossenforcer.handler;

import com.aliyun.fc.runtime.Context;
import io.ossenforcer.app.Application;
import io.ossenforcer.app.InvocationException;
import io.ossenforcer.app.Report;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The upload enforcer's Function Compute entry point: {@code io.ossenforcer.handler.EnforcerHandler::handleRequest},
 * with {@code ::initialize} as the instance initializer. Reads an OSS trigger event, enforces every record, writes
 * the JSON report, and fails the invocation only when a retry may help (or the event or rules are unusable).
 */
public final class EnforcerHandler extends FunctionEntry {
    /** Used by Function Compute: everything from the environment. */
    public EnforcerHandler() {
        this(Application.fromEnvironment(System.getenv()));
    }

    public EnforcerHandler(Application app) {
        super(app);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Report report = app.enforceEvent(input.readAllBytes(), credentials(context), requestId(context));
        output.write(report.toJson().getBytes(StandardCharsets.UTF_8));
        output.flush();
        if (report.anyRetryable()) {
            throw new InvocationException("failing the invocation so Function Compute retries it; retryable: "
                    + report.retryableSummary());
        }
    }
}
