package io.ossenforcer.localoss;

import static io.ossenforcer.localoss.ObjectsTest.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.BucketVersioningConfiguration;
import com.aliyun.oss.model.DeleteObjectsRequest;
import com.aliyun.oss.model.DeleteObjectsResult;
import com.aliyun.oss.model.DeleteVersionsRequest;
import com.aliyun.oss.model.DeleteVersionsResult;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ListMultipartUploadsRequest;
import com.aliyun.oss.model.ListVersionsRequest;
import com.aliyun.oss.model.MultipartUpload;
import com.aliyun.oss.model.MultipartUploadListing;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.SetBucketVersioningRequest;
import com.aliyun.oss.model.UploadPartRequest;
import com.aliyun.oss.model.VersionListing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Behaviours where OSS, as its SDKs' tests and API docs describe it, differs from a naive reading: each test is one
 * such answer, driven by the Java SDK 3.x where it can express the request, on the wire otherwise.
 */
class OssParityTest extends LocalOssTest {
    private WireRequest.Response signed(WireRequest request, String resource) throws IOException {
        return request.dateNow().signV1(t.oss.accessKeyId(), t.oss.accessKeySecret(), resource).send(t.oss);
    }

    private String versionedBucket() {
        String b = t.bucket(client);
        client.setBucketVersioning(new SetBucketVersioningRequest(b,
                new BucketVersioningConfiguration().withStatus(BucketVersioningConfiguration.ENABLED)));
        return b;
    }

    @Test
    void anEmptyObjectAclHeaderIsIgnored() throws IOException {
        WireRequest.Response put = signed(new WireRequest("PUT", "/" + bucket + "/acl/empty")
                .header("x-oss-object-acl", "").body(new byte[] {1}), "/" + bucket + "/acl/empty");
        assertEquals(200, put.status(), put.text());
        assertEquals("default", client.getObjectAcl(bucket, "acl/empty").getPermission().toString());
    }

    @Test
    void versionIdsAre64CharactersAndGetAclOfAVersionNamesIt() throws IOException {
        String b = versionedBucket();
        String version = client.putObject(b, "k", bytes("v1")).getVersionId();
        client.putObject(b, "k", bytes("v2"));
        assertEquals(64, version.length());
        WireRequest.Response acl = signed(new WireRequest("GET", "/" + b + "/k?acl&versionId=" + version),
                "/" + b + "/k?acl&versionId=" + version);
        assertEquals(200, acl.status(), acl.text());
        assertEquals(version, acl.header("x-oss-version-id"));
    }

    @Test
    void urlEncodedListingsEncodeSlashesToo() throws IOException {
        client.putObject(bucket, "test-dir/sub-dir/a b", bytes("x"));
        WireRequest.Response list = signed(new WireRequest("GET",
                "/" + bucket + "/?prefix=test-dir%2F&delimiter=%2F&encoding-type=url"), "/" + bucket + "/");
        assertTrue(list.text().contains("<Prefix>test-dir%2Fsub-dir%2F</Prefix>"), list.text());
        assertTrue(list.text().contains("<Delimiter>%2F</Delimiter>"), list.text());
        // As the SDK's own listing test asserts: it hands the encoded prefix to the caller.
        assertEquals(List.of("test-dir%2Fsub-dir%2F"), client.listObjects(new com.aliyun.oss.model.ListObjectsRequest(
                bucket, "test-dir/", null, "/", 100).withEncodingType("url")).getCommonPrefixes());
    }

    @Test
    void listingsCarryRestoreInfoOfObjectsBeingRestored() throws IOException {
        ObjectMetadata archive = new ObjectMetadata();
        archive.setHeader("x-oss-storage-class", "Archive");
        client.putObject(bucket, "restore/a", new ByteArrayInputStream(bytesOf("a")), archive);
        client.restoreObject(bucket, "restore/a");
        String ongoing = "ongoing-request=\"true\"";
        assertEquals(ongoing, client.listObjects(bucket, "restore/").getObjectSummaries().get(0).getRestoreInfo());
        assertEquals(ongoing, client.listObjectsV2(bucket, "restore/").getObjectSummaries().get(0).getRestoreInfo());
        assertEquals(ongoing, client.listVersions(new ListVersionsRequest().withBucketName(bucket)
                .withPrefix("restore/")).getVersionSummaries().get(0).getRestoreInfo());
    }

    @Test
    void deleteMultipleObjectsIsVerboseByDefaultAndQuietOnRequest() {
        client.putObject(bucket, "multi/a", bytes("a"));
        client.putObject(bucket, "multi/b c", bytes("b"));
        client.putObject(bucket, "multi/d", bytes("d"));
        DeleteObjectsResult verbose = client.deleteObjects(new DeleteObjectsRequest(bucket)
                .withKeys(List.of("multi/a", "multi/b c", "multi/missing")).withEncodingType("url"));
        assertEquals(List.of("multi/a", "multi/b c", "multi/missing"), verbose.getDeletedObjects());
        DeleteObjectsResult quiet = client.deleteObjects(new DeleteObjectsRequest(bucket)
                .withKeys(List.of("multi/d")).withQuiet(true));
        assertEquals(List.of(), quiet.getDeletedObjects());
        assertFalse(client.doesObjectExist(bucket, "multi/d"));
        assertEquals(0, client.listObjects(bucket, "multi/").getObjectSummaries().size());
    }

    @Test
    void deleteVersionsRemovesNamedVersionsAndMarksTheOthers() {
        String b = versionedBucket();
        String v1 = client.putObject(b, "k", bytes("one")).getVersionId();
        client.putObject(b, "other", bytes("x"));
        DeleteVersionsResult result = client.deleteVersions(new DeleteVersionsRequest(b).withKeys(List.of(
                new DeleteVersionsRequest.KeyVersion("k", v1), new DeleteVersionsRequest.KeyVersion("other"))));
        assertEquals(2, result.getDeletedVersions().size());
        DeleteVersionsResult.DeletedVersion marker = result.getDeletedVersions().get(1);
        assertTrue(marker.isDeleteMarker());
        assertEquals(64, marker.getDeleteMarkerVersionId().length());
        VersionListing versions = client.listVersions(new ListVersionsRequest().withBucketName(b));
        assertEquals(List.of("other", "other"), versions.getVersionSummaries().stream().map(v -> v.getKey())
                .collect(Collectors.toList()));
    }

    @Test
    void listObjectVersionsRollsKeysUpByDelimiter() {
        String b = versionedBucket();
        client.putObject(b, "dir/a", bytes("1"));
        client.putObject(b, "dir/a", bytes("2"));
        client.putObject(b, "top", bytes("3"));
        VersionListing listing = client.listVersions(new ListVersionsRequest().withBucketName(b).withDelimiter("/"));
        assertEquals(List.of("dir/"), listing.getCommonPrefixes());
        assertEquals(List.of("top"), listing.getVersionSummaries().stream().map(v -> v.getKey())
                .collect(Collectors.toList()));
        VersionListing first = client.listVersions(new ListVersionsRequest().withBucketName(b).withDelimiter("/")
                .withMaxResults(1));
        assertTrue(first.isTruncated());
        VersionListing next = client.listVersions(new ListVersionsRequest().withBucketName(b).withDelimiter("/")
                .withKeyMarker(first.getNextKeyMarker()).withVersionIdMarker(first.getNextVersionIdMarker()));
        assertEquals(List.of(), next.getCommonPrefixes());
        assertEquals(1, next.getVersionSummaries().size());
    }

    @Test
    void listMultipartUploadsResumesAfterTheUploadIdMarker() {
        String b = t.bucket(client);
        String first = client.initiateMultipartUpload(new InitiateMultipartUploadRequest(b, "same")).getUploadId();
        String second = client.initiateMultipartUpload(new InitiateMultipartUploadRequest(b, "same")).getUploadId();
        client.initiateMultipartUpload(new InitiateMultipartUploadRequest(b, "later"));
        ListMultipartUploadsRequest after = new ListMultipartUploadsRequest(b);
        after.setKeyMarker("same");
        after.setUploadIdMarker(first);
        assertEquals(List.of(second), client.listMultipartUploads(after).getMultipartUploads().stream()
                .map(MultipartUpload::getUploadId).collect(Collectors.toList()));
    }

    private List<String> initiate(String b, String... keys) {
        List<String> ids = new ArrayList<>();
        for (String key : keys) {
            ids.add(client.initiateMultipartUpload(new InitiateMultipartUploadRequest(b, key)).getUploadId());
        }
        return ids;
    }

    private static ListMultipartUploadsRequest uploadsUnder(String b, String prefix, String delimiter) {
        ListMultipartUploadsRequest list = new ListMultipartUploadsRequest(b);
        list.setPrefix(prefix);
        list.setDelimiter(delimiter);
        return list;
    }

    @Test
    void aDelimiterRollsUploadsUpIntoCommonPrefixesAfterThePrefix() {
        String b = t.bucket(client);
        initiate(b, "dir/a", "dir/sub/one", "dir/sub/two", "dir/z", "dir/other/x", "top");

        MultipartUploadListing listing = client.listMultipartUploads(uploadsUnder(b, "dir/", "/"));

        assertEquals(List.of("dir/a", "dir/z"), listing.getMultipartUploads().stream().map(MultipartUpload::getKey)
                .collect(Collectors.toList()));
        assertEquals(List.of("dir/other/", "dir/sub/"), listing.getCommonPrefixes());
        assertEquals("/", listing.getDelimiter());
        assertFalse(listing.isTruncated());
    }

    @Test
    void aCommonPrefixCountsOnceAgainstMaxUploadsAndTheNextPageStartsPastIt() {
        String b = t.bucket(client);
        List<String> ids = initiate(b, "a/1", "a/2", "b", "b", "c/1");
        ListMultipartUploadsRequest list = uploadsUnder(b, null, "/");
        list.setMaxUploads(1);
        List<String> entries = new ArrayList<>();
        MultipartUploadListing page;
        do {
            page = client.listMultipartUploads(list);
            assertEquals(1, page.getMultipartUploads().size() + page.getCommonPrefixes().size(), entries.toString());
            page.getCommonPrefixes().forEach(entries::add);
            page.getMultipartUploads().forEach(u -> entries.add(u.getKey() + " " + u.getUploadId()));
            list.setKeyMarker(page.getNextKeyMarker());
            list.setUploadIdMarker(page.getNextUploadIdMarker());
        } while (page.isTruncated());

        assertEquals(List.of("a/", "b " + ids.get(2), "b " + ids.get(3), "c/"), entries);
    }

    @Test
    void aPageEndingOnACommonPrefixNamesItAsNextKeyMarkerWithoutAnUploadId() {
        String b = t.bucket(client);
        initiate(b, "a/1", "b");
        ListMultipartUploadsRequest list = uploadsUnder(b, null, "/");
        list.setMaxUploads(1);

        MultipartUploadListing page = client.listMultipartUploads(list);

        assertTrue(page.isTruncated());
        assertEquals("a/", page.getNextKeyMarker());
        assertEquals(null, page.getNextUploadIdMarker());
    }

    @Test
    void urlEncodedUploadListingsEncodeTheDelimiterAndCommonPrefixes() {
        String b = t.bucket(client);
        initiate(b, "dir/sub dir/x", "dir/a+b");
        ListMultipartUploadsRequest list = uploadsUnder(b, "dir/", "/");
        list.setEncodingType("url");

        MultipartUploadListing listing = client.listMultipartUploads(list);

        // Java SDK 3.x hands encoded values to the caller, as it does for ListObjects.
        assertEquals(List.of("dir%2Fsub%20dir%2F"), listing.getCommonPrefixes());
        assertEquals(List.of("dir%2Fa%2Bb"), listing.getMultipartUploads().stream().map(MultipartUpload::getKey)
                .collect(Collectors.toList()));
        assertEquals("%2F", listing.getDelimiter());
        assertEquals("dir%2F", listing.getPrefix());
    }

    @Test
    void completeAllCompletesEveryUploadedPartWithAnEmptyBody() throws IOException {
        String b = t.bucket(client);
        String uploadId = client.initiateMultipartUpload(new InitiateMultipartUploadRequest(b, "all")).getUploadId();
        byte[] part1 = new byte[(int) MultipartOperations.MIN_PART_SIZE];
        for (int n = 2; n >= 1; n--) {
            byte[] data = n == 1 ? part1 : bytesOf("tail");
            client.uploadPart(new UploadPartRequest(b, "all", uploadId, n, new ByteArrayInputStream(data),
                    data.length));
        }
        WireRequest.Response complete = signed(new WireRequest("POST", "/" + b + "/all?uploadId=" + uploadId)
                .header("x-oss-complete-all", "yes"), "/" + b + "/all?uploadId=" + uploadId);
        assertEquals(200, complete.status(), complete.text());
        assertEquals(part1.length + 4, client.getObjectMetadata(b, "all").getContentLength());
    }

    @Test
    void completingWithZeroPartsMakesAnEmptyObject() throws IOException {
        String uploadId = client.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, "zero"))
                .getUploadId();
        WireRequest.Response complete = completeWithNoParts("zero", uploadId);
        assertEquals(200, complete.status(), complete.text());
        assertEquals(0, client.getObjectMetadata(bucket, "zero").getContentLength());
    }

    @Test
    void listPartsWithoutPartsHasNoNextPartNumberMarker() throws IOException {
        String uploadId = client.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, "noparts"))
                .getUploadId();
        String xml = signed(new WireRequest("GET", "/" + bucket + "/noparts?uploadId=" + uploadId),
                "/" + bucket + "/noparts?uploadId=" + uploadId).text();
        assertTrue(xml.contains("<PartNumberMarker>0</PartNumberMarker>"), xml);
        assertFalse(xml.contains("NextPartNumberMarker"), xml);
    }

    @Test
    void aRangeOfTheLastZeroBytesIsInvalidRange() throws IOException {
        client.putObject(bucket, "range", bytes("abc"));
        WireRequest.Response get = signed(new WireRequest("GET", "/" + bucket + "/range")
                .header("Range", "bytes=-0"), "/" + bucket + "/range");
        assertEquals(416, get.status());
        assertEquals("InvalidRange", get.xml("Code"));
    }

    @Test
    void deletingABucketWithOpenUploadsSaysSo() {
        String b = t.bucket(client);
        client.initiateMultipartUpload(new InitiateMultipartUploadRequest(b, "open"));
        OSSException e = assertThrows(OSSException.class, () -> client.deleteBucket(b));
        assertEquals("BucketNotEmpty", e.getErrorCode());
        assertTrue(e.getErrorMessage().contains("The bucket has Multipart Uploads."), e.getErrorMessage());
    }

    @Test
    void appendWithoutPositionIsMissingArgument() throws IOException {
        WireRequest.Response append = signed(new WireRequest("POST", "/" + bucket + "/appended?append")
                .body(bytesOf("a")), "/" + bucket + "/appended?append");
        assertEquals("MissingArgument", append.xml("Code"));
    }

    @Test
    void aSymlinkToASymlinkIsInvalidTargetType() {
        client.putObject(bucket, "real", bytes("r"));
        client.createSymlink(bucket, "link1", "real");
        client.createSymlink(bucket, "link2", "link1");
        OSSException e = assertThrows(OSSException.class, () -> client.getObject(bucket, "link2"));
        assertEquals("InvalidTargetType", e.getErrorCode());
    }

    @Test
    void completeLocationEncodesTilde() throws IOException {
        String uploadId = client.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, "a~b"))
                .getUploadId();
        WireRequest.Response complete = completeWithNoParts("a~b", uploadId);
        assertTrue(complete.xml("Location").endsWith("/" + bucket + "/a%7Eb"), complete.text());
    }

    @Test
    void copyWithAnInvalidSseHeaderFailsOnTheHeaderBeforeTheSource() {
        com.aliyun.oss.model.CopyObjectRequest copy =
                new com.aliyun.oss.model.CopyObjectRequest(bucket, "no-such-source", bucket, "dst");
        copy.setServerSideEncryption("DES");
        assertEquals("InvalidEncryptionAlgorithmError",
                assertThrows(OSSException.class, () -> client.copyObject(copy)).getErrorCode());
    }

    private WireRequest.Response completeWithNoParts(String key, String uploadId) throws IOException {
        String resource = "/" + bucket + "/" + key + "?uploadId=" + uploadId;
        return signed(new WireRequest("POST", resource)
                .body(bytesOf("<CompleteMultipartUpload></CompleteMultipartUpload>")), resource);
    }

    private static byte[] bytesOf(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
