package io.ossenforcer.handler;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.Credentials;
import com.aliyun.fc.runtime.FunctionInitializer;
import com.aliyun.fc.runtime.FunctionParam;
import com.aliyun.fc.runtime.StreamRequestHandler;
import io.ossenforcer.app.Application;
import io.ossenforcer.oss.AccessKey;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What both functions' entry points share: the application they run, the initializer that loads the rules once per
 * instance (bad rules fail the instance start, not every invocation), and what they read from Function Compute's
 * context. A null context (a handler run outside FC, as the benchmarks do) has no role, no request id and no time
 * limit.
 */
public abstract class FunctionEntry implements StreamRequestHandler, FunctionInitializer {
    final Application app;

    FunctionEntry(Application app) {
        this.app = Objects.requireNonNull(app);
    }

    @Override
    public final void initialize(Context context) throws IOException {
        app.rules(credentials(context));
    }

    /** The STS credentials of the function's role; empty when it has none. */
    static Optional<AccessKey> credentials(Context context) {
        Credentials c = context == null ? null : context.getExecutionCredentials();
        if (c == null || isBlank(c.getAccessKeyId()) || isBlank(c.getAccessKeySecret())) {
            return Optional.empty();
        }
        return Optional.of(new AccessKey(c.getAccessKeyId(), c.getAccessKeySecret(),
                Optional.ofNullable(c.getSecurityToken())));
    }

    static String requestId(Context context) {
        return Optional.ofNullable(context).map(Context::getRequestId).orElse("local");
    }

    /**
     * Leaves a quarter of the function's time limit (at most a minute) for the work in flight to finish and the
     * checkpoint to be saved. Without a limit the work runs to its end.
     */
    static Optional<Instant> stopTakingWorkAt(Context context, Clock clock) {
        Optional<Integer> limitMillis = Optional.ofNullable(context).map(Context::getFunctionParam)
                .map(FunctionParam::getExecTimeLimitInMillis).filter(ms -> ms > 0);
        return limitMillis.map(ms -> {
            Duration limit = Duration.ofMillis(ms);
            Duration margin = limit.dividedBy(4).compareTo(Duration.ofMinutes(1)) < 0 ? limit.dividedBy(4)
                    : Duration.ofMinutes(1);
            return clock.instant().plus(limit).minus(margin);
        });
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
