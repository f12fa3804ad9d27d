package io.ossenforcer.localoss;

import java.util.Optional;

/**
 * The object named by {@code x-oss-copy-source: /bucket/key[?versionId=id]}, with the key percent-encoded as a whole
 * (the SDK encodes {@code /} too) and the version id as is.
 */
final class CopySource {
    static final String HEADER = "x-oss-copy-source";
    private static final String VERSION = "?versionId=";

    private final String bucket;
    private final String key;
    private final Optional<String> versionId;

    private CopySource(String bucket, String key, Optional<String> versionId) {
        this.bucket = bucket;
        this.key = key;
        this.versionId = versionId;
    }

    static CopySource parse(String header) {
        int question = header.indexOf('?');
        Optional<String> versionId = Optional.empty();
        String path = header;
        if (question >= 0) {
            if (!header.startsWith(VERSION, question) || header.length() == question + VERSION.length()) {
                throw invalid(header);
            }
            versionId = Optional.of(header.substring(question + VERSION.length()));
            path = header.substring(0, question);
        }
        String decoded;
        try {
            decoded = UriEncoding.decode(path, false);
        } catch (IllegalArgumentException e) {
            throw invalid(header);
        }
        int slash = decoded.indexOf('/', 1);
        if (!decoded.startsWith("/") || slash < 0 || slash == decoded.length() - 1) {
            throw invalid(header);
        }
        return new CopySource(Names.checkBucket(decoded.substring(1, slash)),
                Names.checkKey(decoded.substring(slash + 1)), versionId);
    }

    private static OssError invalid(String header) {
        return OssError.invalidArgument("Copy Source must mention the source bucket and key:"
                + " /sourcebucket/sourcekey[?versionId=id]", HEADER, header);
    }

    String bucket() {
        return bucket;
    }

    String key() {
        return key;
    }

    Optional<String> versionId() {
        return versionId;
    }
}
