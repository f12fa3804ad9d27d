package io.ossenforcer.localoss;

import static io.ossenforcer.localoss.ObjectsTest.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.BucketVersioningConfiguration;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.GenericRequest;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ListVersionsRequest;
import com.aliyun.oss.model.OSSVersionSummary;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.PutObjectRequest;
import com.aliyun.oss.model.SetBucketVersioningRequest;
import com.aliyun.oss.model.UploadPartRequest;
import com.aliyun.oss.model.VersionListing;
import com.aliyun.oss.model.VoidResult;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersioningTest extends LocalOssTest {

    private String versionedBucket(String status) {
        String name = t.bucket(client);
        client.setBucketVersioning(new SetBucketVersioningRequest(name, new BucketVersioningConfiguration(status)));
        return name;
    }

    private String content(String b, String key, String versionId) throws Exception {
        return new String(client.getObject(new GetObjectRequest(b, key, versionId)).getObjectContent().readAllBytes());
    }

    private static String header(VoidResult result, String name) {
        return result.getResponse().getHeaders().get(name);
    }

    @Test
    void getBucketVersioningReadsBackEnabledAndSuspended() {
        String b = versionedBucket(BucketVersioningConfiguration.ENABLED);
        assertEquals("Enabled", client.getBucketVersioning(b).getStatus());
        client.setBucketVersioning(new SetBucketVersioningRequest(b,
                new BucketVersioningConfiguration(BucketVersioningConfiguration.SUSPENDED)));
        assertEquals("Suspended", client.getBucketVersioning(b).getStatus());
    }

    @Test
    void aNeverVersionedBucketHasNoVersioningStatus() {
        assertNull(client.getBucketVersioning(bucket).getStatus());
    }

    @Test
    void everyPutOnAVersionedBucketGetsANewOpaqueVersionId() {
        String b = versionedBucket(BucketVersioningConfiguration.ENABLED);
        String first = client.putObject(b, "k", bytes("one")).getVersionId();
        String second = client.putObject(b, "k", bytes("two")).getVersionId();
        assertTrue(first.matches("CAEQ[A-Za-z0-9]{60}"), first);
        assertNotEquals(first, second);
        assertEquals(second, client.getObjectMetadata(b, "k").getVersionId());
    }

    @Test
    void anUnversionedBucketSendsNoVersionId() {
        assertNull(client.putObject(bucket, "plain", bytes("x")).getVersionId());
        assertNull(client.getObjectMetadata(bucket, "plain").getVersionId());
    }

    @Test
    void headAndGetWithVersionIdServeThatVersion() throws Exception {
        String b = versionedBucket(BucketVersioningConfiguration.ENABLED);
        String first = client.putObject(b, "k", bytes("one")).getVersionId();
        client.putObject(b, "k", bytes("second"));
        assertEquals("one", content(b, "k", first));
        ObjectMetadata head = client.getObjectMetadata(new GenericRequest(b, "k", first));
        assertEquals(3, head.getContentLength());
        assertEquals(first, head.getVersionId());
        assertEquals("second", new String(client.getObject(b, "k").getObjectContent().readAllBytes()));
    }

    @Test
    void anUnknownVersionIdIsNoSuchVersion() {
        String b = versionedBucket(BucketVersioningConfiguration.ENABLED);
        client.putObject(b, "k", bytes("one"));
        OSSException e = assertThrows(OSSException.class,
                () -> client.getObject(new GetObjectRequest(b, "k", "CAEQnotthere")));
        assertEquals("NoSuchVersion", e.getErrorCode());
    }

    @Test
    void deleteWithoutVersionIdAddsADeleteMarkerAndKeepsTheVersion() throws Exception {
        String b = versionedBucket(BucketVersioningConfiguration.ENABLED);
        String kept = client.putObject(b, "k", bytes("one")).getVersionId();
        VoidResult deleted = client.deleteObject(b, "k");
        assertEquals("true", header(deleted, "x-oss-delete-marker"));
        String marker = header(deleted, "x-oss-version-id");
        assertEquals("NoSuchKey", assertThrows(OSSException.class, () -> client.getObject(b, "k")).getErrorCode());
        assertFalse(client.doesObjectExist(b, "k"));
        assertEquals("one", content(b, "k", kept));
        OSSVersionSummary latest = client.listVersions(b, "k").getVersionSummaries().stream()
                .filter(OSSVersionSummary::isLatest).findFirst().orElseThrow();
        assertTrue(latest.isDeleteMarker());
        assertEquals(marker, latest.getVersionId());
    }

    @Test
    void deleteWithVersionIdRemovesThatVersionForGood() {
        String b = versionedBucket(BucketVersioningConfiguration.ENABLED);
        String first = client.putObject(b, "k", bytes("one")).getVersionId();
        String second = client.putObject(b, "k", bytes("two")).getVersionId();
        assertEquals(first, header(client.deleteVersion(b, "k", first), "x-oss-version-id"));
        assertEquals(List.of(second), client.listVersions(b, "k").getVersionSummaries().stream()
                .map(OSSVersionSummary::getVersionId).toList());
    }

    @Test
    void deletingTheDeleteMarkerRestoresThePreviousVersion() throws Exception {
        String b = versionedBucket(BucketVersioningConfiguration.ENABLED);
        client.putObject(b, "k", bytes("one"));
        String marker = header(client.deleteObject(b, "k"), "x-oss-version-id");
        assertEquals("true", header(client.deleteVersion(b, "k", marker), "x-oss-delete-marker"));
        assertEquals("one", new String(client.getObject(b, "k").getObjectContent().readAllBytes()));
    }

    @Test
    void listObjectVersionsListsKeysInOrderAndVersionsNewestFirst() {
        String b = versionedBucket(BucketVersioningConfiguration.ENABLED);
        String a1 = client.putObject(b, "a", bytes("1")).getVersionId();
        String a2 = client.putObject(b, "a", bytes("22")).getVersionId();
        String c1 = client.putObject(b, "c", bytes("333")).getVersionId();
        VersionListing listing = client.listVersions(b, null);
        assertEquals(List.of("a/" + a2 + "/true/2", "a/" + a1 + "/false/1", "c/" + c1 + "/true/3"),
                listing.getVersionSummaries().stream().map(v -> v.getKey() + "/" + v.getVersionId() + "/"
                        + v.isLatest() + "/" + v.getSize()).toList());
        assertFalse(listing.isTruncated());
    }

    @Test
    void listObjectVersionsPagesWithKeyAndVersionIdMarkers() {
        String b = versionedBucket(BucketVersioningConfiguration.ENABLED);
        String a1 = client.putObject(b, "a", bytes("1")).getVersionId();
        String a2 = client.putObject(b, "a", bytes("2")).getVersionId();
        String c1 = client.putObject(b, "c", bytes("3")).getVersionId();
        VersionListing first = client.listVersions(new ListVersionsRequest().withBucketName(b).withMaxResults(1));
        assertTrue(first.isTruncated());
        assertEquals("a", first.getNextKeyMarker());
        assertEquals(a2, first.getNextVersionIdMarker());
        VersionListing rest = client.listVersions(new ListVersionsRequest().withBucketName(b)
                .withKeyMarker(first.getNextKeyMarker()).withVersionIdMarker(first.getNextVersionIdMarker()));
        assertEquals(List.of(a1, c1), rest.getVersionSummaries().stream().map(OSSVersionSummary::getVersionId)
                .toList());
    }

    @Test
    void listObjectVersionsFiltersByPrefix() {
        String b = versionedBucket(BucketVersioningConfiguration.ENABLED);
        client.putObject(b, "logs/1", bytes("1"));
        client.putObject(b, "data/1", bytes("2"));
        assertEquals(List.of("logs/1"), client.listVersions(b, "logs/").getVersionSummaries().stream()
                .map(OSSVersionSummary::getKey).toList());
    }

    @Test
    void copyToSelfMakesANewVersionAndThePreviousKeepsItsEncryptionAndMetadata() throws Exception {
        String b = versionedBucket(BucketVersioningConfiguration.ENABLED);
        ObjectMetadata meta = new ObjectMetadata();
        meta.addUserMetadata("owner", "team-a");
        String plain = client.putObject(b, "k", new ByteArrayInputStream(bytes("secret").readAllBytes()), meta)
                .getVersionId();
        CopyObjectRequest copy = new CopyObjectRequest(b, "k", b, "k");
        copy.setServerSideEncryption("AES256");
        String encrypted = client.copyObject(copy).getVersionId();
        assertNotEquals(plain, encrypted);
        assertEquals("AES256", client.getObjectMetadata(b, "k").getServerSideEncryption());
        ObjectMetadata previous = client.getObjectMetadata(new GenericRequest(b, "k", plain));
        assertNull(previous.getServerSideEncryption());
        assertEquals(Map.of("owner", "team-a"), previous.getUserMetadata());
        assertEquals("secret", content(b, "k", plain));
    }

    @Test
    void copyObjectCopiesTheNamedSourceVersion() throws Exception {
        String b = versionedBucket(BucketVersioningConfiguration.ENABLED);
        String first = client.putObject(b, "src", bytes("first")).getVersionId();
        client.putObject(b, "src", bytes("second"));
        var result = client.copyObject(new CopyObjectRequest(b, "src", first, b, "dst"));
        assertEquals(first, result.getResponse().getHeaders().get("x-oss-copy-source-version-id"));
        assertEquals("first", new String(client.getObject(b, "dst").getObjectContent().readAllBytes()));
    }

    @Test
    void completeMultipartUploadReturnsTheNewVersionId() {
        String b = versionedBucket(BucketVersioningConfiguration.ENABLED);
        String uploadId = client.initiateMultipartUpload(new InitiateMultipartUploadRequest(b, "mp")).getUploadId();
        UploadPartRequest part = new UploadPartRequest(b, "mp", uploadId, 1, bytes("part"), 4);
        PartETag etag = client.uploadPart(part).getPartETag();
        String versionId = client.completeMultipartUpload(new CompleteMultipartUploadRequest(b, "mp", uploadId,
                new java.util.ArrayList<>(List.of(etag)))).getVersionId();
        assertEquals(versionId, client.getObjectMetadata(b, "mp").getVersionId());
    }

    @Test
    void suspendedVersioningWritesTheNullVersionAndKeepsOlderOnes() {
        String b = versionedBucket(BucketVersioningConfiguration.ENABLED);
        String kept = client.putObject(b, "k", bytes("enabled")).getVersionId();
        client.setBucketVersioning(new SetBucketVersioningRequest(b,
                new BucketVersioningConfiguration(BucketVersioningConfiguration.SUSPENDED)));
        assertEquals("null", client.putObject(b, "k", bytes("one")).getVersionId());
        assertEquals("null", client.putObject(b, "k", bytes("two")).getVersionId());
        assertEquals(List.of("null", kept), client.listVersions(b, "k").getVersionSummaries().stream()
                .map(OSSVersionSummary::getVersionId).toList());
    }

    /**
     * OSS's CopyObject reference: "If the source and destination objects are the same and versioning is not enabled,
     * the metadata of the source object is ignored regardless of the value of x-oss-metadata-directive". With
     * versioning enabled the directive decides: COPY (the SDK's default without new metadata) keeps the source's.
     */
    @Test
    void aCopyOntoItselfKeepsTheSourcesMetadataUnderCopyOnlyWhenVersioningIsEnabled() {
        for (String status : List.of(BucketVersioningConfiguration.ENABLED, BucketVersioningConfiguration.SUSPENDED)) {
            String b = versionedBucket(status);
            ObjectMetadata meta = new ObjectMetadata();
            meta.setContentType("text/csv");
            meta.setUserMetadata(Map.of("owner", "finance"));
            client.putObject(new PutObjectRequest(b, "k", new ByteArrayInputStream(new byte[3]), meta));
            CopyObjectRequest copy = new CopyObjectRequest(b, "k", b, "k");
            copy.setServerSideEncryption("AES256");

            client.copyObject(copy);

            ObjectMetadata after = client.getObjectMetadata(b, "k");
            boolean kept = status.equals(BucketVersioningConfiguration.ENABLED);
            assertEquals(kept ? Map.of("owner", "finance") : Map.of(), after.getUserMetadata(), status);
            assertEquals("AES256", after.getServerSideEncryption());
        }
    }

    /** OSS's CopyObject reference: x-oss-forbid-overwrite is invalid when versioning is enabled or suspended. */
    @Test
    void forbidOverwriteIsIgnoredOnceVersioningWasSet() {
        for (String status : List.of(BucketVersioningConfiguration.ENABLED, BucketVersioningConfiguration.SUSPENDED)) {
            String b = versionedBucket(status);
            client.putObject(b, "k", new ByteArrayInputStream(new byte[1]));
            ObjectMetadata meta = new ObjectMetadata();
            meta.setHeader("x-oss-forbid-overwrite", "true");

            client.putObject(new PutObjectRequest(b, "k", new ByteArrayInputStream(new byte[2]), meta));

            assertEquals(2, client.getObjectMetadata(b, "k").getContentLength(), status);
        }
    }
}
