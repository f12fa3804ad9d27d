package io.ossenforcer.localoss;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failed request as OSS reports it: HTTP status, error code, message and the extra elements OSS adds to the
 * {@code <Error>} document (e.g. {@code <Key>}, {@code <StringToSign>}). Thrown by operations, rendered by the router.
 */
final class OssError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final Map<String, String> details;
    private final Map<String, String> headers;

    OssError(int status, String code, String message) {
        this(status, code, message, Collections.emptyMap(), Collections.emptyMap());
    }

    private OssError(int status, String code, String message, Map<String, String> details,
            Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, String> details() {
        return details;
    }

    /** Response headers OSS sends with this error (e.g. {@code x-oss-delete-marker}). */
    Map<String, String> headers() {
        return headers;
    }

    OssError with(String element, String value) {
        Map<String, String> more = new LinkedHashMap<>(details);
        more.put(element, value);
        return new OssError(status, code, getMessage(), more, headers);
    }

    OssError withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new OssError(status, code, getMessage(), details, more);
    }

    static OssError invalidArgument(String message, String name, String value) {
        return new OssError(400, "InvalidArgument", message).with("ArgumentName", name).with("ArgumentValue", value);
    }

    static OssError accessDenied(String message) {
        return new OssError(403, "AccessDenied", message);
    }

    static OssError noSuchBucket(String bucket) {
        return new OssError(404, "NoSuchBucket", "The specified bucket does not exist.").with("BucketName", bucket);
    }

    static OssError noSuchKey(String key) {
        return new OssError(404, "NoSuchKey", "The specified key does not exist.").with("Key", key);
    }

    static OssError noSuchVersion(String key, String versionId) {
        return new OssError(404, "NoSuchVersion", "The specified version does not exist.").with("Key", key)
                .with("VersionId", versionId);
    }

    /** An archive-class object that is not (or no longer) restored. */
    static OssError invalidObjectState(String key) {
        return new OssError(403, "InvalidObjectState", "The operation is not valid for the object's state")
                .with("Key", key);
    }

    /** An operation OSS documents as impossible for this kind of object; the code is this emulator's choice. */
    static OssError operationNotSupported(String message, String key) {
        return new OssError(400, "OperationNotSupported", message).with("Key", key);
    }

    static OssError noSuchUpload(String uploadId) {
        return new OssError(404, "NoSuchUpload",
                "The specified upload does not exist. The upload ID may be invalid, or the upload may have been"
                        + " aborted or completed.").with("UploadId", uploadId);
    }

    static OssError preconditionFailed(String condition) {
        return new OssError(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold.")
                .with("Condition", condition);
    }

    static OssError malformedXml() {
        return new OssError(400, "MalformedXML",
                "The XML you provided was not well-formed or did not validate against our published schema.");
    }

    static OssError notImplemented(String what) {
        return new OssError(501, "NotImplemented", "A header or query you provided implies functionality that is not"
                + " implemented by this OSS emulator: " + what);
    }

    static OssError invalidTag(String message) {
        return new OssError(400, "InvalidTag", message);
    }
}
