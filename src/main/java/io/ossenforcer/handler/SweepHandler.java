package io.ossenforcer.handler;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.FunctionInitializer;
import com.aliyun.fc.runtime.StreamRequestHandler;
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
public final class SweepHandler implements StreamRequestHandler, FunctionInitializer {
    private final Application app;

    /** Used by Function Compute: everything from the environment. */
    public SweepHandler() {
        this(Application.fromEnvironment(System.getenv()));
    }

    public SweepHandler(Application app) {
        this.app = app;
    }

    /** Loads the rules once per instance so that bad rules fail the instance start. */
    @Override
    public void initialize(Context context) throws IOException {
        app.rules(FcContext.credentials(context));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String answer = app.sweepSlice(input.readAllBytes(), FcContext.credentials(context),
                FcContext.stopTakingWorkAt(context, app.clock()), FcContext.requestId(context));
        output.write(answer.getBytes(StandardCharsets.UTF_8));
        output.flush();
    }
}
