package io.ossenforcer.handler;

import com.aliyun.fc.runtime.Context;
import io.ossenforcer.app.Application;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The sweep function's entry point: {@code io.ossenforcer.handler.SweepHandler::handleRequest}, invoked by its timer
 * trigger with a request such as {@code {"sweep":{"bucket":"b"}}} (docs/SWEEP.md). Sweeps one slice of a bucket
 * until it is done or three quarters of the function's time limit have passed, saves its place in a checkpoint
 * object, and answers where the slice stands.
 */
public final class SweepHandler extends FunctionEntry {
    /** Used by Function Compute: everything from the environment. */
    public SweepHandler() {
        this(Application.fromEnvironment(System.getenv()));
    }

    public SweepHandler(Application app) {
        super(app);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String answer = app.sweepSlice(input.readAllBytes(), credentials(context),
                stopTakingWorkAt(context, app.clock()), requestId(context));
        output.write(answer.getBytes(StandardCharsets.UTF_8));
        output.flush();
    }
}
