package io.ossenforcer.localoss;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * HTTP preconditions on a read ({@code If-Match} ... on GET/HEAD) and on a copy source
 * ({@code x-oss-copy-source-if-*}). Each condition is checked on its own and any failure fails the request (strict:
 * no S3-style "If-Match wins over If-Unmodified-Since"). On a copy source, as OSS's CopyObject docs list them, a failed
 * if-match or if-unmodified-since is 412 {@code PreconditionFailed} and a failed if-none-match or if-modified-since is
 * 304 {@code NotModified} (the SDK's CopyObjectTest expects the same). Times compare at whole seconds, the precision
 * of {@code Last-Modified}.
 */
final class Conditions {
    private final Optional<String> ifMatch;
    private final Optional<String> ifNoneMatch;
    private final Optional<String> ifModifiedSince;
    private final Optional<String> ifUnmodifiedSince;
    private final boolean copySource;

    private Conditions(OssRequest request, String prefix, boolean copySource) {
        this.ifMatch = request.header(prefix + "if-match");
        this.ifNoneMatch = request.header(prefix + "if-none-match");
        this.ifModifiedSince = request.header(prefix + "if-modified-since");
        this.ifUnmodifiedSince = request.header(prefix + "if-unmodified-since");
        this.copySource = copySource;
    }

    static Conditions forRead(OssRequest request) {
        return new Conditions(request, "", false);
    }

    static Conditions forCopySource(OssRequest request) {
        return new Conditions(request, "x-oss-copy-source-", true);
    }

    /**
     * Throws 412 {@code PreconditionFailed} for a failed If-Match / If-Unmodified-Since; answers true when a read
     * should be a 304 Not Modified. On a copy source a failed If-None-Match / If-Modified-Since is the error 304
     * {@code NotModified}, as the SDK's tests see from OSS.
     */
    boolean notModified(StoredObject object) {
        if (ifMatch.isPresent() && !matches(ifMatch.get(), object.etag())) {
            throw failed("If-Match");
        }
        if (ifUnmodifiedSince.isPresent() && modifiedSince(object, ifUnmodifiedSince.get()).orElse(false)) {
            throw failed("If-Unmodified-Since");
        }
        boolean noneMatchFails = ifNoneMatch.isPresent() && matches(ifNoneMatch.get(), object.etag());
        boolean notModifiedSince = ifModifiedSince.isPresent()
                && !modifiedSince(object, ifModifiedSince.get()).orElse(true);
        if (copySource && (noneMatchFails || notModifiedSince)) {
            throw new OssError(304, "NotModified", "The source object has not been modified.")
                    .with("Condition", "x-oss-copy-source-" + (noneMatchFails ? "If-None-Match" : "If-Modified-Since"));
        }
        return noneMatchFails || notModifiedSince;
    }

    private OssError failed(String condition) {
        return OssError.preconditionFailed((copySource ? "x-oss-copy-source-" : "") + condition);
    }

    private static boolean matches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || unquote(c).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Boolean> modifiedSince(StoredObject object, String date) {
        Optional<Instant> since = HttpDates.parseRfc1123(date);
        return since.map(s -> object.lastModified().truncatedTo(ChronoUnit.SECONDS).isAfter(s));
    }

    static String unquote(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1) : etag;
    }
}
