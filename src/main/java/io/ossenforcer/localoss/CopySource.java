package io.ossenforcer.localoss;

/**
 * The object named by {@code x-oss-copy-source: /bucket/key}, with the key percent-encoded as a whole (the SDK encodes
 * {@code /} too). A {@code ?versionId=} suffix is refused: this emulator has no versioning.
 */
final class CopySource {
    static final String HEADER = "x-oss-copy-source";

    private final String bucket;
    private final String key;

    private CopySource(String bucket, String key) {
        this.bucket = bucket;
        this.key = key;
    }

    static CopySource parse(String header) {
        if (header.contains("?")) {
            throw OssError.notImplemented("versionId in " + HEADER);
        }
        String decoded;
        try {
            decoded = UriEncoding.decode(header, false);
        } catch (IllegalArgumentException e) {
            throw invalid(header);
        }
        int slash = decoded.indexOf('/', 1);
        if (!decoded.startsWith("/") || slash < 0 || slash == decoded.length() - 1) {
            throw invalid(header);
        }
        return new CopySource(Names.checkBucket(decoded.substring(1, slash)),
                Names.checkKey(decoded.substring(slash + 1)));
    }

    private static OssError invalid(String header) {
        return OssError.invalidArgument("Copy Source must mention the source bucket and key: /sourcebucket/sourcekey",
                HEADER, header);
    }

    String bucket() {
        return bucket;
    }

    String key() {
        return key;
    }
}
