package io.ossenforcer.app;

import io.ossenforcer.event.BucketName;
import java.util.Objects;

/** {@code oss://bucket/key}: where an object lives, as users write it. */
public final class OssUri {
    private static final String SCHEME = "oss://";

    private final String bucket;
    private final String key;

    private OssUri(String bucket, String key) {
        this.bucket = bucket;
        this.key = key;
    }

    public static boolean looksLikeOne(String text) {
        return text.startsWith(SCHEME);
    }

    /** @throws IllegalArgumentException naming what is wrong with {@code text} */
    public static OssUri parse(String text) {
        if (!looksLikeOne(text)) {
            throw new IllegalArgumentException("\"" + text + "\" is not an oss://bucket/key URI");
        }
        String rest = text.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash < 0 || slash == rest.length() - 1) {
            throw new IllegalArgumentException("\"" + text + "\" names no object key (expected oss://bucket/key)");
        }
        String bucket = rest.substring(0, slash);
        BucketName.problemWith(bucket).ifPresent(p -> {
            throw new IllegalArgumentException("\"" + text + "\": " + p);
        });
        return new OssUri(bucket, rest.substring(slash + 1));
    }

    public String bucket() {
        return bucket;
    }

    public String key() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OssUri && bucket.equals(((OssUri) o).bucket) && key.equals(((OssUri) o).key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bucket, key);
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + key;
    }
}
