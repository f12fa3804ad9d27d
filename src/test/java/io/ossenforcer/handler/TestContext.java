package io.ossenforcer.handler;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.Credentials;
import com.aliyun.fc.runtime.FunctionComputeLogger;
import com.aliyun.fc.runtime.FunctionParam;
import com.aliyun.fc.runtime.OpenTracing;
import com.aliyun.fc.runtime.Service;
import io.ossenforcer.oss.AccessKey;
import java.util.Optional;

/** A Context as FC builds it for a function with a role: a request id and the role's STS credentials. */
final class TestContext implements Context {
    private final String requestId;
    private final Optional<AccessKey> credentials;
    private final int execTimeLimitMillis;

    TestContext(String requestId, Optional<AccessKey> credentials) {
        this(requestId, credentials, 0);
    }

    /** With the function's time limit, as FC reports it in {@code getFunctionParam()}. */
    TestContext(String requestId, Optional<AccessKey> credentials, int execTimeLimitMillis) {
        this.requestId = requestId;
        this.credentials = credentials;
        this.execTimeLimitMillis = execTimeLimitMillis;
    }

    @Override
    public String getRequestId() {
        return requestId;
    }

    @Override
    public Credentials getExecutionCredentials() {
        return credentials.map(k -> (Credentials) new Credentials() {
            @Override
            public String getAccessKeyId() {
                return k.id();
            }

            @Override
            public String getAccessKeySecret() {
                return k.secret();
            }

            @Override
            public String getSecurityToken() {
                return k.securityToken().orElse(null);
            }
        }).orElse(null);
    }

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
}
