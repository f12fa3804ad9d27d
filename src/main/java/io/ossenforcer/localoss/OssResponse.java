package io.ossenforcer.localoss;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an operation answers: status, headers in order and exactly as named (OSS's {@code x-oss-*} are lowercase and
 * clients depend on it), an optional body, and an action to run once the response has been sent (event emission).
 */
final class OssResponse {
    private final int status;
    private final List<Map.Entry<String, String>> headers;
    private final Optional<Blob> body;
    private final Runnable afterSent;

    private OssResponse(Builder builder) {
        this.status = builder.status;
        this.headers = Collections.unmodifiableList(new ArrayList<>(builder.headers));
        this.body = builder.body;
        this.afterSent = builder.afterSent;
    }

    static Builder status(int status) {
        return new Builder(status);
    }

    int status() {
        return status;
    }

    List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** The content; for a HEAD only its size is sent, as Content-Length. */
    Optional<Blob> body() {
        return body;
    }

    Runnable afterSent() {
        return afterSent;
    }

    static final class Builder {
        private final int status;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private Optional<Blob> body = Optional.empty();
        private Runnable afterSent = () -> { };

        private Builder(int status) {
            this.status = status;
        }

        Builder header(String name, String value) {
            headers.add(new SimpleImmutableEntry<>(name, value));
            return this;
        }

        Builder xml(byte[] xml) {
            header("Content-Type", "application/xml");
            this.body = Optional.of(new BytesBlob(xml));
            return this;
        }

        Builder body(Blob content) {
            this.body = Optional.of(content);
            return this;
        }

        Builder afterSent(Runnable action) {
            this.afterSent = action;
            return this;
        }

        OssResponse build() {
            return new OssResponse(this);
        }
    }
}
