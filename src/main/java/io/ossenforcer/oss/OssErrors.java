package io.ossenforcer.oss;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.OSSErrorCode;
import com.aliyun.oss.OSSException;
import io.ossenforcer.enforce.ObjectStoreException;
import io.ossenforcer.enforce.ObjectStoreException.Kind;
import java.util.Optional;
import java.util.Set;

/** The one place that decides which OSS failures are worth a retry. */
final class OssErrors {
    /**
     * Server-side conditions that pass: OSS's 5xx codes and its throttling answers; and the SDK's InvalidResponse, an
     * answer cut short on the way (the connection dropped mid-body), which a retry reads whole.
     */
    private static final Set<String> TRANSIENT_CODES = Set.of("InternalError", "ServiceUnavailable",
            "RequestTimeout", "Throttling", "TooManyRequests", "QpsLimitExceeded", "RequestTimeTooSkewed",
            "ServerBusy", "KmsThrottling", "KmsInternalFailure", "SlowDown", OSSErrorCode.INVALID_RESPONSE);
    private static final Set<String> NOT_FOUND_CODES = Set.of("NoSuchKey", "NoSuchVersion");
    private static final Set<String> CHANGED_CODES = Set.of("PreconditionFailed");

    private OssErrors() {
    }

    static ObjectStoreException classify(String operation, String bucket, String key, RuntimeException e) {
        if (e instanceof OSSException) {
            OSSException oss = (OSSException) e;
            String code = Optional.ofNullable(oss.getErrorCode()).orElse("");
            Kind kind = NOT_FOUND_CODES.contains(code) ? Kind.NOT_FOUND
                    : CHANGED_CODES.contains(code) ? Kind.CHANGED
                    : TRANSIENT_CODES.contains(code) ? Kind.TRANSIENT
                    : Kind.PERMANENT;
            String message = operation + " failed: " + Optional.ofNullable(oss.getErrorMessage()).orElse(code)
                    + hint(code);
            return new ObjectStoreException(kind, bucket, key, nonEmpty(code), nonEmpty(oss.getRequestId()),
                    message, e);
        }
        if (e instanceof ClientException) {
            ClientException client = (ClientException) e;
            return new ObjectStoreException(Kind.TRANSIENT, bucket, key, nonEmpty(client.getErrorCode()),
                    nonEmpty(client.getRequestId()), operation + " failed before OSS answered: "
                    + Optional.ofNullable(client.getErrorMessage()).orElse(String.valueOf(client.getCause())), e);
        }
        return new ObjectStoreException(Kind.PERMANENT, bucket, key, Optional.empty(), Optional.empty(),
                operation + " failed: " + e, e);
    }

    /**
     * Whether the request may have taken effect although it failed: OSS's answer was lost (an I/O error, or a body
     * cut short), as opposed to an error OSS answered, which means it did nothing.
     */
    static boolean answerLost(RuntimeException e) {
        if (e instanceof OSSException) {
            return OSSErrorCode.INVALID_RESPONSE.equals(((OSSException) e).getErrorCode());
        }
        return e instanceof ClientException;
    }

    /** The upload is gone: completed or aborted already. */
    static boolean noSuchUpload(RuntimeException e) {
        return e instanceof OSSException && OSSErrorCode.NO_SUCH_UPLOAD.equals(((OSSException) e).getErrorCode());
    }

    /** What to fix, for the permanent failures people actually meet. */
    private static String hint(String code) {
        switch (code) {
            case "AccessDenied":
                return " (grant the function's role the OSS and KMS actions in docs/ram-policy.json)";
            case "KmsServiceNotEnabled":
                return " (activate KMS in this region, or use an AES256 rule)";
            case "FileImmutable":
                return " (the object is under a retention policy and cannot be rewritten)";
            case "InvalidObjectState":
                return " (restore the archived object first)";
            case "NoSuchBucket":
                return " (the bucket named in the rules does not exist in this region)";
            default:
                return "";
        }
    }

    /** The SDK says "Unknown" for ids it never received; that is no id at all. */
    private static Optional<String> nonEmpty(String s) {
        return Optional.ofNullable(s).filter(v -> !v.isEmpty() && !v.equals("Unknown"));
    }
}
