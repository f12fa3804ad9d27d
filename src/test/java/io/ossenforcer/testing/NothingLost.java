package io.ossenforcer.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.aliyun.oss.model.OSSVersionSummary;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The check every enforcement scenario ends with: content (CRC64, size), every metadata header, tags, ACL and
 * storage class as they were (encryption aside); no multipart upload left open; and no version of the key gone but
 * the one the rule's policy names.
 */
public final class NothingLost {
    private final Emulator emulator;
    private final String bucket;
    private final String key;
    private final ObjectSnapshot before;
    private final List<String> versionsBefore;

    private NothingLost(Emulator emulator, String bucket, String key) {
        this.emulator = emulator;
        this.bucket = bucket;
        this.key = key;
        this.before = ObjectSnapshot.of(emulator.client, bucket, key);
        this.versionsBefore = versionIds();
    }

    /** Takes the "before" picture of {@code bucket/key}. */
    public static NothingLost capture(Emulator emulator, String bucket, String key) {
        return new NothingLost(emulator, bucket, key);
    }

    private List<String> versionIds() {
        return emulator.client.listVersions(bucket, key).getVersionSummaries().stream()
                .filter(v -> v.getKey().equals(key)).map(OSSVersionSummary::getVersionId).collect(Collectors.toList());
    }

    /** Nothing lost, and every version that existed before still exists. */
    public void verify() {
        verify(Optional.empty());
    }

    /** Nothing lost, and of the versions that existed before only {@code deleted} (if any) is gone. */
    public void verify(Optional<String> deleted) {
        assertEquals(before, ObjectSnapshot.of(emulator.client, bucket, key), "object changed beyond its encryption");
        assertEquals(0, emulator.oss.openMultipartUploads(bucket), "a multipart upload was left open");
        List<String> expected = versionsBefore.stream().filter(v -> !deleted.equals(Optional.of(v)))
                .collect(Collectors.toList());
        List<String> now = versionIds();
        assertEquals(expected, now.stream().filter(versionsBefore::contains).collect(Collectors.toList()),
                "versions before: " + versionsBefore + ", now: " + now);
    }
}
