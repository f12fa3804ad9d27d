package io.ossenforcer.testing;

import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.SetObjectTaggingRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The buckets of {@code test-fixtures/rules/sweep.json}, filled with objects that each rule finds compliant or not:
 * plaintext and weakly encrypted, with content headers, metadata, tags and ACLs, under hard keys. Counts CopyObject
 * events, which is how a test sees how often an object was rewritten.
 */
public final class SweepFixture {
    public static final String RULES = "test-fixtures/rules/sweep.json";
    public static final String BUCKET = "swept";
    public static final String OTHER_BUCKET = "swept-too";

    /** Keys that make listing, encoding and ordering hard. */
    public static final List<String> HARD_KEYS = List.of("a b+c%20d.txt", "中文/文件 1.txt", "emoji \uD83D\uDE00.bin",
            "z\uFF21", "dir//double/slash", "reports/q&a <1>.pdf", "trailing space ", "100%", "tab\there");

    public final Emulator emulator;
    /** Objects that fall short of an enforce-mode rule, by bucket and key. */
    public final Map<String, List<String>> nonCompliant = new LinkedHashMap<>();
    public final List<String> all = new ArrayList<>();
    public final AtomicInteger copies = new AtomicInteger();

    public SweepFixture(Emulator emulator) {
        this.emulator = emulator;
        emulator.bucket(BUCKET).bucket(OTHER_BUCKET);
        emulator.oss.addEventListener(json -> {
            if (json.contains("ObjectCreated:CopyObject")) {
                copies.incrementAndGet();
            }
        });
    }

    /**
     * {@code n} objects per kind in {@link #BUCKET}: plaintext, AES256, KMS with the CMK under reports/, AES256 under
     * reports/ (short of the CMK rule), plaintext under logs/ (audit rule: reported, never changed); the hard keys
     * plaintext; and {@code n} plaintext objects in {@link #OTHER_BUCKET}.
     */
    public SweepFixture fill(int n) {
        for (int i = 0; i < n; i++) {
            put(BUCKET, String.format("plain/%04d.txt", i), null, null, true);
            put(BUCKET, String.format("aes/%04d.txt", i), "AES256", null, false);
            put(BUCKET, String.format("reports/cmk-%04d.pdf", i), "KMS", Emulator.CMK, false);
            put(BUCKET, String.format("reports/aes-%04d.pdf", i), "AES256", null, true);
            put(BUCKET, String.format("logs/%04d.log", i), null, null, false);
            put(OTHER_BUCKET, String.format("o/%04d", i), null, null, true);
        }
        for (String key : HARD_KEYS) {
            put(BUCKET, key, null, null, true);
        }
        return this;
    }

    public int nonCompliantCount() {
        return nonCompliant.values().stream().mapToInt(List::size).sum();
    }

    private void put(String bucket, String key, String sse, String cmk, boolean shortOfRule) {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setContentType("text/x-sweep; charset=utf-8");
        meta.setCacheControl("max-age=60");
        meta.addUserMetadata("owner", "team-" + (key.length() % 3));
        if (sse != null) {
            meta.setServerSideEncryption(sse);
        }
        if (cmk != null) {
            meta.setServerSideEncryptionKeyId(cmk);
        }
        emulator.put(bucket, key, ("content of " + key).getBytes(StandardCharsets.UTF_8), meta);
        if (key.hashCode() % 2 == 0) {
            emulator.client.setObjectAcl(bucket, key, CannedAccessControlList.PublicRead);
            emulator.client.setObjectTagging(new SetObjectTaggingRequest(bucket, key, Map.of("k", "v " + key.length())));
        }
        all.add(bucket + "/" + key);
        if (shortOfRule) {
            nonCompliant.computeIfAbsent(bucket, b -> new ArrayList<>()).add(key);
        }
    }

    /** A snapshot of everything enforcement must keep, per object. */
    public Map<String, ObjectSnapshot> snapshots() {
        Map<String, ObjectSnapshot> snapshots = new LinkedHashMap<>();
        for (String bucketKey : all) {
            int slash = bucketKey.indexOf('/');
            snapshots.put(bucketKey, ObjectSnapshot.of(emulator.client, bucketKey.substring(0, slash),
                    bucketKey.substring(slash + 1)));
        }
        return snapshots;
    }

    /** The encryption algorithm header of each object, {@code none} when plaintext. */
    public Map<String, String> encryptions() {
        Map<String, String> result = new LinkedHashMap<>();
        for (String bucketKey : all) {
            int slash = bucketKey.indexOf('/');
            ObjectMetadata meta = emulator.client.getObjectMetadata(bucketKey.substring(0, slash),
                    bucketKey.substring(slash + 1));
            String sse = meta.getServerSideEncryption();
            String cmk = meta.getServerSideEncryptionKeyId();
            result.put(bucketKey, sse == null ? "none" : cmk == null ? sse : sse + ":" + cmk);
        }
        return result;
    }
}
