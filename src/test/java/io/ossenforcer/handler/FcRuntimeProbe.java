package io.ossenforcer.handler;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.FunctionInitializer;
import com.aliyun.fc.runtime.StreamRequestHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Plays Function Compute's Java runtime in a JVM of its own whose classpath is the function artifact and this class
 * alone: makes the handler named by {@code args[0]} as FC does (its no-argument constructor, settings from the
 * environment), runs its initializer, then hands it the payload in {@code args[1]} and writes its answer to
 * {@code args[2]}. The context carries a request id and no role, so credentials come from the environment.
 */
public final class FcRuntimeProbe {
    private FcRuntimeProbe() {
    }

    public static void main(String[] args) throws Exception {
        Object handler = Class.forName(args[0]).getConstructor().newInstance();
        Context context = (Context) Proxy.newProxyInstance(Context.class.getClassLoader(),
                new Class<?>[] {Context.class},
                (proxy, method, arguments) -> method.getName().equals("getRequestId") ? "fc-runtime-probe" : null);
        ((FunctionInitializer) handler).initialize(context);
        try (InputStream in = Files.newInputStream(Path.of(args[1]));
                OutputStream out = Files.newOutputStream(Path.of(args[2]))) {
            ((StreamRequestHandler) handler).handleRequest(in, out, context);
        }
    }
}
