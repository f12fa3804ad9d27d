package io.ossenforcer.localoss;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One decoded HTTP request: bucket and key (from the Host header or the path), query parameters (a parameter without {@code =} has no value,
 * which V1 signing distinguishes from an empty one), headers by lowercase name, and the whole body.
 */
final class OssRequest {
    private final String method;
    private final Optional<String> bucket;
    private final Optional<String> key;
    private final Map<String, Optional<String>> params;
    private final Map<String, String> headers;
    private final byte[] body;
    private final String requestId;
    private final String remoteAddress;

    OssRequest(String method, Optional<String> bucket, Optional<String> key, Map<String, Optional<String>> params,
            Map<String, String> headers, byte[] body, String requestId, String remoteAddress) {
        this.method = method;
        this.bucket = bucket;
        this.key = key;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        TreeMap<String, String> lower = new TreeMap<>();
        headers.forEach((name, value) -> lower.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
        this.headers = Collections.unmodifiableMap(lower);
        this.body = body;
        this.requestId = requestId;
        this.remoteAddress = remoteAddress;
    }

    String method() {
        return method;
    }

    boolean isHead() {
        return method.equals("HEAD");
    }

    Optional<String> bucket() {
        return bucket;
    }

    Optional<String> key() {
        return key;
    }

    /** Query parameters in request order; a value is empty when the parameter had no {@code =}. */
    Map<String, Optional<String>> params() {
        return params;
    }

    boolean hasParam(String name) {
        return params.containsKey(name);
    }

    Optional<String> param(String name) {
        Optional<String> value = params.get(name);
        return value == null ? Optional.empty() : value;
    }

    /** Headers by lowercase name, sorted; the first value wins when a header repeats. */
    Map<String, String> headers() {
        return headers;
    }

    Optional<String> header(String lowercaseName) {
        return Optional.ofNullable(headers.get(lowercaseName));
    }

    byte[] body() {
        return body.clone();
    }

    /** Hands the body over without a copy, for content that becomes a blob. */
    Blob bodyBlob() {
        return new BytesBlob(body);
    }

    String requestId() {
        return requestId;
    }

    String remoteAddress() {
        return remoteAddress;
    }
}
