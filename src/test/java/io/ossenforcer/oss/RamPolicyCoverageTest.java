package io.ossenforcer.oss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.BucketVersioningConfiguration;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.GenericRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.SetBucketVersioningRequest;
import com.aliyun.oss.model.SetObjectAclRequest;
import com.aliyun.oss.model.SetObjectTaggingRequest;
import com.aliyun.oss.model.UploadPartCopyRequest;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.ossenforcer.enforce.ObjectState;
import io.ossenforcer.enforce.ObjectStoreException;
import io.ossenforcer.localoss.LocalOss;
import io.ossenforcer.rules.Algorithm;
import io.ossenforcer.rules.EncryptionSpec;
import io.ossenforcer.testing.Emulator;
import io.ossenforcer.testing.RecordingOss;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/ram-policy.json grants exactly the actions the adapter's calls need: the calls are not listed by hand but
 * recorded from the adapter running every path (single copy, KMS re-encryption, multipart copy, a copy refused by
 * its condition, a multipart copy aborted; in a versioned bucket, a single and a multipart copy that carry over an
 * ACL or tag change made on the version read, and the version listing and delete the enforcer asks for), and each
 * SDK method is mapped to RAM actions by the table below.
 */
class RamPolicyCoverageTest {
    private static final String BUCKET = "ram-policy";
    private static final String VERSIONED = "ram-policy-versioned";
    private static final long COPY_LIMIT = 300 * 1024;
    private static final String KMS = "KMS";
    /** How {@link #keyOf} marks a call that names a version of an object. */
    private static final String OF_A_VERSION = " of a version";

    /**
     * What RAM checks for each SDK method the adapter may call, and for a call that names a version (its
     * {@code versionId}) on its own: Alibaba's "OSS authorization syntax and elements" maps an API with a versionId
     * onto the version action (GetObjectACL onto oss:GetObjectVersionAcl, and so on). A HEAD is authorised as
     * GetObject; a copy reads its source (the current object, never a version) with GetObject and writes with
     * PutObject, sends the ACL (PutObjectAcl) and copies the tags (GetObjectTagging); Initiate carries the tags
     * (PutObjectTagging); Complete carries the ACL; a multipart rewrite first lists the key's open uploads
     * (ListMultipartUploads, on the bucket) and the parts of old ones (ListParts) to abort those an earlier
     * invocation abandoned; the sweep lists the bucket (ListObjects, granted on the bucket itself). In a versioned
     * bucket the ACL and tags are those of the version read, carried over onto the version the rewrite created; the
     * enforcer lists the key's versions (ListObjectVersions, on the bucket) and deletes its own stale version, or the
     * previous one with {@code previousVersions: delete}, by id. KMS actions are added per call below.
     * GetBucketEncryption (the operator's {@code check-buckets}) is documented in docs/DEPLOY.md and README.
     */
    private static final Map<String, Set<String>> ACTIONS = Map.ofEntries(
            Map.entry("getObjectMetadata", Set.of("oss:GetObject")),
            Map.entry("getObjectAcl", Set.of("oss:GetObjectAcl")),
            Map.entry("getObjectAcl" + OF_A_VERSION, Set.of("oss:GetObjectVersionAcl")),
            Map.entry("setObjectAcl" + OF_A_VERSION, Set.of("oss:PutObjectVersionAcl")),
            Map.entry("getObjectTagging", Set.of("oss:GetObjectTagging")),
            Map.entry("getObjectTagging" + OF_A_VERSION, Set.of("oss:GetObjectVersionTagging")),
            Map.entry("setObjectTagging" + OF_A_VERSION, Set.of("oss:PutObjectVersionTagging")),
            Map.entry("copyObject", Set.of("oss:GetObject", "oss:PutObject", "oss:PutObjectAcl",
                    "oss:GetObjectTagging")),
            Map.entry("initiateMultipartUpload", Set.of("oss:PutObject", "oss:PutObjectTagging")),
            Map.entry("uploadPartCopy", Set.of("oss:GetObject", "oss:PutObject")),
            Map.entry("completeMultipartUpload", Set.of("oss:PutObject", "oss:PutObjectAcl")),
            Map.entry("abortMultipartUpload", Set.of("oss:AbortMultipartUpload")),
            Map.entry("getObject", Set.of("oss:GetObject")),
            Map.entry("listMultipartUploads", Set.of("oss:ListMultipartUploads")),
            Map.entry("listParts", Set.of("oss:ListParts")),
            Map.entry("listObjects", Set.of("oss:ListObjects")),
            Map.entry("listVersions", Set.of("oss:ListObjectVersions")),
            Map.entry("deleteVersion" + OF_A_VERSION, Set.of("oss:DeleteObjectVersion")));

    private static Emulator emulator;
    private static final RecordingOss RECORDING = new RecordingOss();
    private static SdkObjectStore store;
    private static SdkObjectListing listing;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(LocalOss.builder().copyLimitBytes(COPY_LIMIT)).bucket(BUCKET).bucket(VERSIONED);
        emulator.client.setBucketVersioning(new SetBucketVersioningRequest(VERSIONED,
                new BucketVersioningConfiguration(BucketVersioningConfiguration.ENABLED)));
        OSS recorded = RECORDING.wrap(emulator.client);
        store = new SdkObjectStore(recorded, new CopyLimits(COPY_LIMIT, 100 * 1024, 2, Duration.ZERO));
        listing = new SdkObjectListing(recorded);
        runEveryPath();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static void runEveryPath() {
        try {
            String small = "paths/small.txt";
            emulator.put(BUCKET, small, "plaintext");
            store.rewrite(store.head(BUCKET, small), EncryptionSpec.of(Algorithm.AES256));

            ObjectMetadata kms = new ObjectMetadata();
            kms.setServerSideEncryption(KMS);
            kms.setServerSideEncryptionKeyId(Emulator.OTHER_CMK);
            emulator.put(BUCKET, "paths/other-cmk.txt", "x".getBytes(java.nio.charset.StandardCharsets.UTF_8), kms);
            store.rewrite(store.head(BUCKET, "paths/other-cmk.txt"),
                    EncryptionSpec.of(Algorithm.KMS, Optional.of(Emulator.CMK), Optional.empty(), false));

            emulator.oss.putGeneratedObject(BUCKET, "paths/large.bin", COPY_LIMIT + 150 * 1024, 1);
            abandonACopy("paths/large.bin");
            store.rewrite(store.head(BUCKET, "paths/large.bin"), EncryptionSpec.of(Algorithm.KMS));

            ObjectState seen = store.head(BUCKET, small);
            emulator.put(BUCKET, small, "overwritten");
            assertThrows(ObjectStoreException.class, () -> store.rewrite(seen, EncryptionSpec.of(Algorithm.SM4)));

            // The sweep lists the bucket; rules kept in OSS (and the sweep's checkpoints) are read with GetObject.
            listing.page(BUCKET, "paths/", Optional.empty(), 10);
            store.readIfChanged(BUCKET, small, Optional.empty(), 1024);

            emulator.oss.putGeneratedObject(BUCKET, "paths/large-raced.bin", COPY_LIMIT + 150 * 1024, 2);
            ObjectState seenLarge = store.head(BUCKET, "paths/large-raced.bin");
            emulator.oss.putGeneratedObject(BUCKET, "paths/large-raced.bin", COPY_LIMIT + 150 * 1024, 3);
            assertThrows(ObjectStoreException.class, () -> store.rewrite(seenLarge, EncryptionSpec.of(Algorithm.SM4)));

            runTheVersionedPaths();
        } catch (ObjectStoreException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * In a versioned bucket: an ACL change on the version read while the single copy runs, and a tag change on it
     * while the parts are copied, are carried over onto the new version; then the listing and the delete by id the
     * enforcer makes (a stale rewrite buried over a newer write, or {@code previousVersions: delete}).
     */
    private static void runTheVersionedPaths() throws ObjectStoreException {
        String small = "versioned/small.txt";
        emulator.put(VERSIONED, small, "plaintext");
        ObjectState seen = store.head(VERSIONED, small);
        emulator.oss.afterCall("CopyObject", 1, () -> emulator.client.setObjectAcl(new SetObjectAclRequest(VERSIONED,
                small, seen.versionId().orElseThrow(), CannedAccessControlList.PublicRead)));
        assertTrue(store.rewrite(seen, EncryptionSpec.of(Algorithm.AES256)).notes().toString().contains("ACL"));

        String large = "versioned/large.bin";
        emulator.oss.putGeneratedObject(VERSIONED, large, COPY_LIMIT + 150 * 1024, 4);
        ObjectState seenLarge = store.head(VERSIONED, large);
        SetObjectTaggingRequest lateTags = new SetObjectTaggingRequest(VERSIONED, large, Map.of("late", "tag"));
        lateTags.setVersionId(seenLarge.versionId().orElseThrow());
        emulator.oss.afterCall("UploadPartCopy", 1, () -> emulator.client.setObjectTagging(lateTags));
        assertTrue(store.rewrite(seenLarge, EncryptionSpec.of(Algorithm.AES256)).notes().toString()
                .contains("tags"));

        store.versions(VERSIONED, small);
        store.deleteVersion(VERSIONED, small, seen.versionId().orElseThrow());
    }

    /** A multipart copy of {@code key} cut as the enforcer cuts it, left open as a killed invocation leaves it. */
    private static void abandonACopy(String key) {
        String uploadId = emulator.client.initiateMultipartUpload(new InitiateMultipartUploadRequest(BUCKET, key))
                .getUploadId();
        UploadPartCopyRequest part = new UploadPartCopyRequest(BUCKET, key, BUCKET, key, uploadId, 1, 0L,
                100L * 1024);
        emulator.client.uploadPartCopy(part);
    }

    /** The RAM actions the recorded calls need, KMS included: writing with KMS, or reading a KMS-encrypted source. */
    private static Set<String> neededActions() {
        Set<String> needed = new TreeSet<>();
        Map<String, Boolean> sourceIsKms = new HashMap<>();
        for (RecordingOss.Call call : RECORDING.calls()) {
            Set<String> actions = ACTIONS.get(keyOf(call));
            assertTrue(actions != null, "the adapter calls " + keyOf(call) + ", which the table does not map");
            needed.addAll(actions);
            if (call.method.equals("getObjectMetadata")) {
                call.result.ifPresent(meta -> sourceIsKms.put(call.args[0] + "/" + call.args[1],
                        KMS.equals(((ObjectMetadata) meta).getServerSideEncryption())));
            }
            if (writesWithKms(call)) {
                needed.add("kms:GenerateDataKey");
            }
            boolean readsSource = call.method.equals("copyObject") || call.method.equals("uploadPartCopy");
            if (readsSource && sourceIsKms.getOrDefault(sourceOf(call), false)) {
                needed.add("kms:Decrypt");
            }
        }
        return needed;
    }

    /** The call's entry in {@link #ACTIONS}: its SDK method, marked when the call names a version. */
    private static String keyOf(RecordingOss.Call call) {
        return call.method + (versionOf(call).isPresent() ? OF_A_VERSION : "");
    }

    private static Optional<String> versionOf(RecordingOss.Call call) {
        if (call.method.equals("deleteVersion") && call.args.length == 3) {
            return Optional.of((String) call.args[2]);
        }
        Object request = call.args.length == 0 ? null : call.args[0];
        if (request instanceof GenericRequest) {
            return Optional.ofNullable(((GenericRequest) request).getVersionId());
        }
        if (request instanceof CopyObjectRequest) {
            return Optional.ofNullable(((CopyObjectRequest) request).getSourceVersionId());
        }
        if (request instanceof UploadPartCopyRequest) {
            return Optional.ofNullable(((UploadPartCopyRequest) request).getSourceVersionId());
        }
        return Optional.empty();
    }

    private static boolean writesWithKms(RecordingOss.Call call) {
        if (call.args.length == 0) {
            return false;
        }
        if (call.args[0] instanceof CopyObjectRequest) {
            return KMS.equals(((CopyObjectRequest) call.args[0]).getServerSideEncryption());
        }
        if (call.args[0] instanceof InitiateMultipartUploadRequest) {
            return KMS.equals(((InitiateMultipartUploadRequest) call.args[0]).getObjectMetadata()
                    .getServerSideEncryption());
        }
        return false;
    }

    private static String sourceOf(RecordingOss.Call call) {
        Object request = call.args[0];
        if (request instanceof CopyObjectRequest) {
            CopyObjectRequest copy = (CopyObjectRequest) request;
            return copy.getSourceBucketName() + "/" + copy.getSourceKey();
        }
        UploadPartCopyRequest part = (UploadPartCopyRequest) request;
        return part.getSourceBucketName() + "/" + part.getSourceKey();
    }

    private static Set<String> grantedActions() throws IOException {
        JsonElement policy = JsonParser.parseString(Files.readString(Path.of("docs/ram-policy.json")));
        Set<String> granted = new TreeSet<>();
        for (JsonElement statement : policy.getAsJsonObject().getAsJsonArray("Statement")) {
            JsonElement action = statement.getAsJsonObject().get("Action");
            if (action.isJsonArray()) {
                action.getAsJsonArray().forEach(a -> granted.add(a.getAsString()));
            } else {
                granted.add(action.getAsString());
            }
        }
        return granted;
    }

    @Test
    void everyPathOfTheAdapterWasExercised() {
        Set<String> called = new TreeSet<>();
        RECORDING.calls().forEach(call -> called.add(keyOf(call)));

        assertEquals(new TreeSet<>(ACTIONS.keySet()), called);
    }

    @Test
    void thePolicyGrantsEveryActionTheAdapterNeeds() throws IOException {
        Set<String> missing = new TreeSet<>(neededActions());
        missing.removeAll(grantedActions());

        assertEquals(Set.of(), missing, "docs/ram-policy.json lacks actions the adapter's calls need");
    }

    @Test
    void thePolicyGrantsNothingTheAdapterNeverNeeds() throws IOException {
        Set<String> extra = new TreeSet<>(grantedActions());
        extra.removeAll(neededActions());

        assertEquals(Set.of(), extra, "docs/ram-policy.json grants actions no call of the adapter needs");
    }
}
