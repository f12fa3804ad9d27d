package io.ossenforcer.testing;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.GenericRequest;
import com.aliyun.oss.model.UploadPartCopyRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An {@link OSS} client that records every SDK method called on it and the buckets each call names. */
public final class RecordingOss {
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

    /**
     * One call: the SDK method, its arguments, every bucket it names (source and destination of a copy), and what it
     * returned (empty when it threw).
     */
    public static final class Call {
        public final String method;
        public final Object[] args;
        public final Set<String> buckets;
        public final Optional<Object> result;

        Call(String method, Object[] args, Set<String> buckets, Optional<Object> result) {
            this.method = method;
            this.args = args;
            this.buckets = buckets;
            this.result = result;
        }

        @Override
        public String toString() {
            return method + buckets;
        }
    }

    /** Calls go on to {@code delegate} after they are recorded. */
    public OSS wrap(OSS delegate) {
        return (OSS) Proxy.newProxyInstance(OSS.class.getClassLoader(), new Class<?>[] {OSS.class},
                (proxy, method, args) -> {
                    Object[] arguments = args == null ? new Object[0] : args;
                    Optional<Object> result = Optional.empty();
                    try {
                        result = Optional.ofNullable(method.invoke(delegate, arguments));
                        return result.orElse(null);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (!method.getName().equals("shutdown")) {
                            calls.add(new Call(method.getName(), arguments, bucketsOf(arguments), result));
                        }
                    }
                });
    }

    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** The SDK's convenience methods take the bucket first; the request-object ones carry it in the request. */
    private static Set<String> bucketsOf(Object[] args) {
        Set<String> buckets = new LinkedHashSet<>();
        if (args.length > 0 && args[0] instanceof String) {
            buckets.add((String) args[0]);
        }
        for (Object arg : args) {
            if (arg instanceof CopyObjectRequest) {
                buckets.add(((CopyObjectRequest) arg).getSourceBucketName());
                buckets.add(((CopyObjectRequest) arg).getDestinationBucketName());
            } else if (arg instanceof UploadPartCopyRequest) {
                buckets.add(((UploadPartCopyRequest) arg).getSourceBucketName());
                buckets.add(((UploadPartCopyRequest) arg).getBucketName());
            } else if (arg instanceof GenericRequest) {
                buckets.add(((GenericRequest) arg).getBucketName());
            }
        }
        buckets.remove(null);
        return buckets;
    }
}
