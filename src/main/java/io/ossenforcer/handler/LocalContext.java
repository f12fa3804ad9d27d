package io.ossenforcer.handler;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.Credentials;
import com.aliyun.fc.runtime.FunctionComputeLogger;
import com.aliyun.fc.runtime.FunctionParam;
import com.aliyun.fc.runtime.OpenTracing;
import com.aliyun.fc.runtime.Service;
import io.ossenforcer.oss.AccessKey;
import java.util.Objects;
import java.util.Optional;

/**
 * A Context for running the handler outside FC: a request id and, like a function with a role, optional STS
 * credentials. Without credentials the handler falls back to the ALIBABA_CLOUD_* environment variables, as it does
 * in a function without a role. The command line uses it; so do tests.
 */
public final class LocalContext implements Context {
    private final String requestId;
    private final Optional<AccessKey> credentials;
    private final int execTimeLimitMillis;

    public LocalContext(String requestId, Optional<AccessKey> credentials) {
        this(requestId, credentials, 0);
    }

    /** With a function time limit, reported as FC does in {@code getFunctionParam()}; 0 for none. */
    public LocalContext(String requestId, Optional<AccessKey> credentials, int execTimeLimitMillis) {
        if (execTimeLimitMillis < 0) {
            throw new IllegalArgumentException("execTimeLimitMillis: " + execTimeLimitMillis);
        }
        this.requestId = Objects.requireNonNull(requestId);
        this.credentials = Objects.requireNonNull(credentials);
        this.execTimeLimitMillis = execTimeLimitMillis;
    }

    @Override
    public String getRequestId() {
        return requestId;
    }

    @Override
    public Credentials getExecutionCredentials() {
        return credentials.isPresent() ? asCredentials(credentials.get()) : null;
    }

    private static Credentials asCredentials(AccessKey key) {
        return new Credentials() {
            @Override
            public String getAccessKeyId() {
                return key.id();
            }

            @Override
            public String getAccessKeySecret() {
                return key.secret();
            }

            @Override
            public String getSecurityToken() {
                return key.securityToken().orElse(null);
            }
        };
    }

    /** Null without a time limit, as the command line has none. */
    @Override
    public FunctionParam getFunctionParam() {
        if (execTimeLimitMillis == 0) {
            return null;
        }
        return new FunctionParam() {
            @Override
            public String getFunctionName() {
                return "oss-sse-enforcer";
            }

            @Override
            public String getFunctionHandler() {
                return "io.ossenforcer.handler.EnforcerHandler::handleRequest";
            }

            @Override
            public String getFunctionInitializer() {
                return "io.ossenforcer.handler.EnforcerHandler::initialize";
            }

            @Override
            public int getExecTimeLimitInMillis() {
                return execTimeLimitMillis;
            }

            @Override
            public int getMemoryLimitInMB() {
                return 512;
            }
        };
    }

    @Override
    public Service getService() {
        return null;
    }

    @Override
    public FunctionComputeLogger getLogger() {
        return null;
    }

    @Override
    public OpenTracing getTracing() {
        return null;
    }

    @Override
    public int getRetryCount() {
        return 0;
    }

    @Override
    public String toString() {
        return "LocalContext{" + requestId + (credentials.isPresent() ? ", " + credentials.get() : "") + '}';
    }
}
