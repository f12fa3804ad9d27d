package io.ossenforcer.handler;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.Credentials;
import com.aliyun.fc.runtime.FunctionComputeLogger;
import com.aliyun.fc.runtime.FunctionParam;
import com.aliyun.fc.runtime.OpenTracing;
import com.aliyun.fc.runtime.Service;
import io.ossenforcer.oss.AccessKey;
import io.ossenforcer.testing.Secrets;
import java.util.Optional;

/** A Context as FC builds it for a function with a role: a request id and the role's STS credentials. */
final class TestContext implements Context {
    private final String requestId;
    private final Optional<AccessKey> credentials;

    TestContext(String requestId, Optional<AccessKey> credentials) {
        this.requestId = requestId;
        this.credentials = credentials;
        credentials.ifPresent(k -> {
            Secrets.used(k.secret());
            k.securityToken().ifPresent(Secrets::used);
        });
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
        return null;
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
