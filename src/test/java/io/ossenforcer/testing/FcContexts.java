package io.ossenforcer.testing;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.Credentials;
import com.aliyun.fc.runtime.FunctionParam;
import io.ossenforcer.oss.AccessKey;
import java.util.Optional;

/**
 * Function Compute's {@link Context} as the handlers see it: a request id, the role's STS credentials if any, and
 * the function's time limit if any. Mocks of FC's interfaces, whose other methods the handlers never call.
 */
public final class FcContexts {
    private FcContexts() {
    }

    public static Context of(String requestId, Optional<AccessKey> credentials) {
        Context context = mock(Context.class);
        when(context.getRequestId()).thenReturn(requestId);
        if (credentials.isPresent()) {
            AccessKey key = credentials.get();
            Credentials role = mock(Credentials.class);
            when(role.getAccessKeyId()).thenReturn(key.id());
            when(role.getAccessKeySecret()).thenReturn(key.secret());
            when(role.getSecurityToken()).thenReturn(key.securityToken().orElse(null));
            when(context.getExecutionCredentials()).thenReturn(role);
        }
        return context;
    }

    /** With the function's time limit, as FC reports it in {@code getFunctionParam()}. */
    public static Context of(String requestId, Optional<AccessKey> credentials, int execTimeLimitMillis) {
        Context context = of(requestId, credentials);
        FunctionParam function = mock(FunctionParam.class);
        when(function.getExecTimeLimitInMillis()).thenReturn(execTimeLimitMillis);
        when(context.getFunctionParam()).thenReturn(function);
        return context;
    }
}
