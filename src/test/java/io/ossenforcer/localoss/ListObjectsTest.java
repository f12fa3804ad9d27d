package io.ossenforcer.localoss;

import static io.ossenforcer.localoss.ObjectsTest.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.ListObjectsRequest;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.ObjectListing;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ListObjectsTest extends LocalOssTest {
    /** In UTF-8 byte order: "\uFF21" (3 bytes) sorts before the emoji (4 bytes) though UTF-16 says otherwise. */
    private static final List<String> KEYS = List.of("a b", "a+b", "a/1", "a/2", "a/sub/3", "b", "c%d", "z\uFF21",
            "z\uD83D\uDE00", "中");

    @BeforeAll
    void putKeys() {
        for (String key : KEYS) {
            client.putObject(bucket, key, bytes(key));
        }
    }

    private static List<String> keys(List<OSSObjectSummary> summaries) {
        return summaries.stream().map(OSSObjectSummary::getKey).toList();
    }

    @Test
    void v1ListsAllKeysInUtf8ByteOrderWithSizesAndEtags() {
        ObjectListing listing = client.listObjects(bucket);
        assertEquals(KEYS, keys(listing.getObjectSummaries()));
        OSSObjectSummary first = listing.getObjectSummaries().get(0);
        assertEquals(3, first.getSize());
        assertEquals(client.getObjectMetadata(bucket, "a b").getETag(), first.getETag());
        assertEquals("Standard", first.getStorageClass());
        assertEquals(t.oss.accountId(), first.getOwner().getId());
        assertFalse(listing.isTruncated());
    }

    @Test
    void v1DelimiterRollsKeysIntoCommonPrefixes() {
        ListObjectsRequest request = new ListObjectsRequest(bucket);
        request.setPrefix("a/");
        request.setDelimiter("/");
        ObjectListing listing = client.listObjects(request);
        assertEquals(List.of("a/1", "a/2"), keys(listing.getObjectSummaries()));
        assertEquals(List.of("a/sub/"), listing.getCommonPrefixes());
    }

    @Test
    void v1PagesWithMarkerWithoutRepeatingCommonPrefixes() {
        List<String> seen = new ArrayList<>();
        String marker = null;
        do {
            ListObjectsRequest request = new ListObjectsRequest(bucket);
            request.setDelimiter("/");
            request.setMaxKeys(2);
            request.setMarker(marker);
            ObjectListing page = client.listObjects(request);
            List<String> entries = new ArrayList<>(keys(page.getObjectSummaries()));
            entries.addAll(page.getCommonPrefixes());
            entries.sort(Bucket.KEY_ORDER);
            seen.addAll(entries);
            assertTrue(page.getObjectSummaries().size() + page.getCommonPrefixes().size() <= 2);
            marker = page.isTruncated() ? page.getNextMarker() : null;
        } while (marker != null);
        assertEquals(List.of("a b", "a+b", "a/", "b", "c%d", "z\uFF21", "z\uD83D\uDE00", "中"), seen);
    }

    @Test
    void urlEncodingTypeEncodesKeysSoThatAUrlDecoderRestoresThem() {
        ListObjectsRequest request = new ListObjectsRequest(bucket);
        request.setEncodingType("url");
        List<String> encoded = keys(client.listObjects(request).getObjectSummaries());
        assertEquals("a%2Bb", encoded.get(1));
        assertEquals(KEYS, encoded.stream().map(k -> URLDecoder.decode(k, StandardCharsets.UTF_8)).toList());
    }

    @Test
    void v2PagesWithContinuationTokensAndCountsKeys() {
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Request request = new ListObjectsV2Request(bucket);
            request.setMaxKeys(3);
            request.setContinuationToken(token);
            ListObjectsV2Result page = client.listObjectsV2(request);
            seen.addAll(keys(page.getObjectSummaries()));
            assertEquals(page.getObjectSummaries().size(), page.getKeyCount());
            token = page.isTruncated() ? page.getNextContinuationToken() : null;
        } while (token != null);
        assertEquals(KEYS, seen);
    }

    @Test
    void v2StartAfterAndFetchOwner() {
        ListObjectsV2Request request = new ListObjectsV2Request(bucket);
        request.setStartAfter("b");
        ListObjectsV2Result withoutOwner = client.listObjectsV2(request);
        assertEquals(List.of("c%d", "z\uFF21", "z\uD83D\uDE00", "中"), keys(withoutOwner.getObjectSummaries()));
        assertNull(withoutOwner.getObjectSummaries().get(0).getOwner());
        request.setFetchOwner(true);
        assertEquals(t.oss.accountId(), client.listObjectsV2(request).getObjectSummaries().get(0).getOwner().getId());
    }

    @Test
    void maxKeysAbove1000IsInvalidArgument() throws Exception {
        RawRequest.Response r = new RawRequest("GET", "/" + bucket + "/?max-keys=1001")
                .signV1(t.oss.accessKeyId(), t.oss.accessKeySecret(), "/" + bucket + "/").send(t.oss);
        assertEquals(400, r.status());
        assertEquals("InvalidArgument", r.xml("Code"));
    }

    @Test
    void listingAMissingBucketIsNoSuchBucket() {
        assertEquals("NoSuchBucket",
                assertThrows(OSSException.class, () -> client.listObjects("absent-bucket")).getErrorCode());
    }

    @Test
    void bucketInfoAndListBucketsDescribeTheBucket() {
        assertEquals(bucket, client.getBucketInfo(bucket).getBucket().getName());
        assertEquals("oss-" + t.oss.region(), client.getBucketInfo(bucket).getBucket().getLocation());
        assertTrue(client.listBuckets().stream().anyMatch(b -> b.getName().equals(bucket)));
        assertTrue(client.doesBucketExist(bucket));
        assertFalse(client.doesBucketExist("absent-bucket"));
    }
}
