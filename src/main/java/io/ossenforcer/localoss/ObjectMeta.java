package io.ossenforcer.localoss;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The metadata a write sets and HEAD/GET return: the standard content headers and the {@code x-oss-meta-*} user
 * metadata (names stored lowercase, as OSS does).
 */
final class ObjectMeta {
    static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";
    private static final String[] CONTENT_HEADERS =
            {"Content-Type", "Cache-Control", "Content-Disposition", "Content-Encoding", "Expires"};
    private static final String USER_PREFIX = "x-oss-meta-";

    private final Map<String, String> contentHeaders;
    private final Map<String, String> userMeta;

    private ObjectMeta(Map<String, String> contentHeaders, Map<String, String> userMeta) {
        this.contentHeaders = Collections.unmodifiableMap(contentHeaders);
        this.userMeta = Collections.unmodifiableMap(userMeta);
    }

    /** Only the default Content-Type. */
    static ObjectMeta none() {
        Map<String, String> content = new LinkedHashMap<>();
        content.put("Content-Type", DEFAULT_CONTENT_TYPE);
        return new ObjectMeta(content, new LinkedHashMap<>());
    }

    /** The metadata a request carries; no Content-Type means {@value #DEFAULT_CONTENT_TYPE}. */
    static ObjectMeta fromRequest(OssRequest request) {
        Map<String, String> content = new LinkedHashMap<>();
        for (String name : CONTENT_HEADERS) {
            request.header(name.toLowerCase(Locale.ROOT)).ifPresent(value -> content.put(name, value));
        }
        if (content.getOrDefault("Content-Type", "").isEmpty()) {
            content.put("Content-Type", DEFAULT_CONTENT_TYPE);
        }
        Map<String, String> user = new LinkedHashMap<>();
        request.headers().forEach((name, value) -> {
            if (name.startsWith(USER_PREFIX) && name.length() > USER_PREFIX.length()) {
                user.put(name, value);
            }
        });
        return new ObjectMeta(content, user);
    }

    /** This metadata with some standard headers replaced or added (Content-Language only exists this way). */
    ObjectMeta overriding(Map<String, String> headers) {
        Map<String, String> content = new LinkedHashMap<>(contentHeaders);
        content.putAll(headers);
        return new ObjectMeta(content, new LinkedHashMap<>(userMeta));
    }

    String contentType() {
        return contentHeaders.get("Content-Type");
    }

    /** Standard headers by their canonical names, in a fixed order. */
    Map<String, String> contentHeaders() {
        return contentHeaders;
    }

    /** {@code x-oss-meta-*} headers by full lowercase name. */
    Map<String, String> userMeta() {
        return userMeta;
    }
}
