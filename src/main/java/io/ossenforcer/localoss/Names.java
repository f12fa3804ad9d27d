package io.ossenforcer.localoss;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** OSS's naming rules for buckets and object keys. */
final class Names {
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
    private static final int MAX_KEY_BYTES = 1023;

    private Names() {
    }

    /** 3..63 characters of lowercase letters, digits and hyphens, starting and ending with a letter or digit. */
    static String checkBucket(String name) {
        if (!BUCKET.matcher(name).matches()) {
            throw new OssError(400, "InvalidBucketName", "The specified bucket is not valid.")
                    .with("BucketName", name);
        }
        return name;
    }

    /** 1..1023 bytes of UTF-8, not starting with {@code /} or {@code \}. */
    static String checkKey(String key) {
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > MAX_KEY_BYTES || key.startsWith("/") || key.startsWith("\\")) {
            throw new OssError(400, "InvalidObjectName", "The specified object is not valid.")
                    .with("ObjectName", key.length() > 64 ? key.substring(0, 64) + "..." : key);
        }
        return key;
    }
}
