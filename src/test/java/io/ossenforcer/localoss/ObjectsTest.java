package io.ossenforcer.localoss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.utils.CRC64;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PutObjectRequest;
import com.aliyun.oss.model.ResponseHeaderOverrides;
import com.aliyun.oss.model.StorageClass;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectsTest extends LocalOssTest {

    static ByteArrayInputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    static String read(OSS c, String b, String k) throws IOException {
        return new String(c.getObject(b, k).getObjectContent().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void headReturnsContentHeadersUserMetadataAndChecksums() throws Exception {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setContentType("text/plain");
        meta.setCacheControl("no-cache");
        meta.setContentDisposition("attachment; filename=a.txt");
        meta.setContentEncoding("identity");
        meta.setHeader("Expires", "Wed, 21 Oct 2037 07:28:00 GMT");
        meta.addUserMetadata("Owner-Team", "Data");
        client.putObject(bucket, "head.txt", bytes("hello"), meta);

        ObjectMetadata head = client.getObjectMetadata(bucket, "head.txt");
        byte[] md5 = MessageDigest.getInstance("MD5").digest("hello".getBytes(StandardCharsets.UTF_8));
        assertEquals(5, head.getContentLength());
        assertEquals("text/plain", head.getContentType());
        assertEquals("no-cache", head.getCacheControl());
        assertEquals("attachment; filename=a.txt", head.getContentDisposition());
        assertEquals("identity", head.getContentEncoding());
        assertEquals("Wed, 21 Oct 2037 07:28:00 GMT", head.getRawExpiresValue());
        assertEquals(Map.of("owner-team", "Data"), head.getUserMetadata());
        assertEquals(HexFormat.of().withUpperCase().formatHex(md5), head.getETag());
        assertEquals(Base64.getEncoder().encodeToString(md5), head.getContentMD5());
        assertEquals("Normal", head.getObjectType());
        assertEquals(StorageClass.Standard, head.getObjectStorageClass());
        CRC64 crc = new CRC64();
        crc.update("hello".getBytes(StandardCharsets.UTF_8), 5);
        assertEquals(crc.getValue(), head.getServerCRC());
        assertTrue(head.getLastModified().getTime() > System.currentTimeMillis() - 60_000);
        assertTrue(head.getRawMetadata().containsKey("x-oss-request-id"));
    }

    @Test
    void contentTypeDefaultsToOctetStream() throws Exception {
        RawRequest.Response put = new RawRequest("PUT", "/" + bucket + "/no-type").body(new byte[] {1})
                .signV1(t.oss.accessKeyId(), t.oss.accessKeySecret(), "/" + bucket + "/no-type").send(t.oss);
        assertEquals(200, put.status());
        assertEquals("application/octet-stream", client.getObjectMetadata(bucket, "no-type").getContentType());
    }

    @Test
    void userMetadataHeadersAreLowercaseOnTheWire() throws Exception {
        ObjectMetadata meta = new ObjectMetadata();
        meta.addUserMetadata("MixedCase", "v");
        client.putObject(bucket, "meta", bytes("x"), meta);
        RawRequest.Response head = new RawRequest("HEAD", "/" + bucket + "/meta")
                .signV1(t.oss.accessKeyId(), t.oss.accessKeySecret(), "/" + bucket + "/meta").send(t.oss);
        assertEquals("v", head.header("x-oss-meta-mixedcase"));
        assertEquals("Normal", head.header("x-oss-object-type"));
        assertEquals("AliyunOSS", head.header("Server"));
        assertTrue(head.header("x-oss-request-id").matches("[0-9A-F]{24}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"with space.txt", "plus+sign", "100%25 %2F literal%", "dir/sub/file", "中文/文件.txt",
        "emoji 😀.bin", "tricky?&=#;,.txt", "trailing/"})
    void keysRoundTripThroughPutGetHeadListAndDelete(String key) throws Exception {
        client.putObject(bucket, key, bytes("content of " + key));
        assertEquals("content of " + key, read(client, bucket, key));
        assertEquals(key.getBytes(StandardCharsets.UTF_8).length + 11,
                client.getObjectMetadata(bucket, key).getContentLength());
        assertTrue(client.listObjects(bucket, key).getObjectSummaries().stream()
                .anyMatch(s -> s.getKey().equals(key)));
        client.deleteObject(bucket, key);
        assertFalse(client.doesObjectExist(bucket, key));
    }

    @Test
    void keyOf1023BytesIsAcceptedAnd1024IsInvalidObjectName() throws Exception {
        String key = "k/" + "é".repeat(510) + "x";
        assertEquals(1023, key.getBytes(StandardCharsets.UTF_8).length);
        client.putObject(bucket, key, bytes("long"));
        assertEquals("long", read(client, bucket, key));

        String tooLong = key + "y";
        String path = "/" + bucket + "/" + UriEncoding.encode(tooLong, true);
        RawRequest.Response put = new RawRequest("PUT", path).body(new byte[] {1})
                .signV1(t.oss.accessKeyId(), t.oss.accessKeySecret(), "/" + bucket + "/" + tooLong).send(t.oss);
        assertEquals(400, put.status());
        assertEquals("InvalidObjectName", put.xml("Code"));
    }

    @Test
    void getOfMissingKeyIsNoSuchKeyWithXmlError() throws Exception {
        RawRequest.Response get = new RawRequest("GET", "/" + bucket + "/missing")
                .signV1(t.oss.accessKeyId(), t.oss.accessKeySecret(), "/" + bucket + "/missing").send(t.oss);
        assertEquals(404, get.status());
        assertEquals("application/xml", get.header("Content-Type"));
        assertEquals("NoSuchKey", get.xml("Code"));
        assertEquals("The specified key does not exist.", get.xml("Message"));
        assertEquals(get.header("x-oss-request-id"), get.xml("RequestId"));
        assertEquals("127.0.0.1:" + t.oss.port(), get.xml("HostId"));
        assertEquals("missing", get.xml("Key"));
        assertTrue(get.body().startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>"));
    }

    @Test
    void headOfMissingKeyHasNoBodyButTheSdkStillSeesNoSuchKey() throws Exception {
        OSSException e = assertThrows(OSSException.class, () -> client.getObjectMetadata(bucket, "missing"));
        assertEquals("NoSuchKey", e.getErrorCode());
        assertEquals(24, e.getRequestId().length());

        RawRequest.Response head = new RawRequest("HEAD", "/" + bucket + "/missing")
                .signV1(t.oss.accessKeyId(), t.oss.accessKeySecret(), "/" + bucket + "/missing").send(t.oss);
        assertEquals(404, head.status());
        assertEquals("", head.body());
        String error = new String(Base64.getDecoder().decode(head.header("x-oss-err")), StandardCharsets.UTF_8);
        assertTrue(error.contains("<Code>NoSuchKey</Code>"), error);
    }

    @Test
    void missingBucketIsNoSuchBucket() {
        OSSException e = assertThrows(OSSException.class, () -> client.putObject("no-such-bucket", "k", bytes("x")));
        assertEquals("NoSuchBucket", e.getErrorCode());
        assertEquals("NoSuchBucket", assertThrows(OSSException.class,
                () -> client.getObjectMetadata("no-such-bucket", "k")).getErrorCode());
    }

    @Test
    void invalidBucketNameIsRejected() throws Exception {
        RawRequest.Response put = new RawRequest("PUT", "/Bad_Bucket/")
                .signV1(t.oss.accessKeyId(), t.oss.accessKeySecret(), "/Bad_Bucket/").send(t.oss);
        assertEquals(400, put.status());
        assertEquals("InvalidBucketName", put.xml("Code"));
    }

    @Test
    void creatingAnExistingBucketIsBucketAlreadyExists() {
        assertEquals("BucketAlreadyExists",
                assertThrows(OSSException.class, () -> client.createBucket(bucket)).getErrorCode());
    }

    @Test
    void wrongContentMd5IsInvalidDigest() {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setContentMD5(Base64.getEncoder().encodeToString(new byte[16]));
        OSSException e = assertThrows(OSSException.class, () -> client.putObject(bucket, "md5", bytes("x"), meta));
        assertEquals("InvalidDigest", e.getErrorCode());
        assertFalse(client.doesObjectExist(bucket, "md5"));
    }

    @Test
    void forbidOverwriteRefusesAnExistingKey() {
        client.putObject(bucket, "keep", bytes("first"));
        ObjectMetadata meta = new ObjectMetadata();
        meta.setHeader("x-oss-forbid-overwrite", "true");
        OSSException e = assertThrows(OSSException.class, () -> client.putObject(bucket, "keep", bytes("2"), meta));
        assertEquals("FileAlreadyExists", e.getErrorCode());
        client.putObject(bucket, "fresh", bytes("new"), meta);
    }

    @Test
    void rangeGetReturnsPartialContent() throws Exception {
        client.putObject(bucket, "range", bytes("0123456789"));
        GetObjectRequest request = new GetObjectRequest(bucket, "range");
        request.setRange(2, 5);
        assertEquals("2345", new String(client.getObject(request).getObjectContent().readAllBytes(),
                StandardCharsets.UTF_8));
        RawRequest.Response raw = new RawRequest("GET", "/" + bucket + "/range").header("Range", "bytes=-3")
                .signV1(t.oss.accessKeyId(), t.oss.accessKeySecret(), "/" + bucket + "/range").send(t.oss);
        assertEquals(206, raw.status());
        assertEquals("789", raw.body());
        assertEquals("bytes 7-9/10", raw.header("Content-Range"));
    }

    @Test
    void unsatisfiableRangeReturnsWholeObjectUnlessStandardBehaviourIsAsked() throws Exception {
        client.putObject(bucket, "small", bytes("abc"));
        RawRequest.Response lenient = new RawRequest("GET", "/" + bucket + "/small").header("Range", "bytes=10-20")
                .signV1(t.oss.accessKeyId(), t.oss.accessKeySecret(), "/" + bucket + "/small").send(t.oss);
        assertEquals(200, lenient.status());
        assertEquals("abc", lenient.body());
        RawRequest.Response standard = new RawRequest("GET", "/" + bucket + "/small").header("Range", "bytes=10-20")
                .header("x-oss-range-behavior", "standard")
                .signV1(t.oss.accessKeyId(), t.oss.accessKeySecret(), "/" + bucket + "/small").send(t.oss);
        assertEquals(416, standard.status());
        assertEquals("InvalidRange", standard.xml("Code"));
    }

    @Test
    void conditionalGetAnswers304And412() {
        client.putObject(bucket, "cond", bytes("v"));
        String etag = client.getObjectMetadata(bucket, "cond").getETag();
        GetObjectRequest notModified = new GetObjectRequest(bucket, "cond");
        notModified.setNonmatchingETagConstraints(java.util.List.of(etag));
        assertEquals("NotModified", assertThrows(OSSException.class, () -> client.getObject(notModified))
                .getErrorCode());
        GetObjectRequest failed = new GetObjectRequest(bucket, "cond");
        failed.setMatchingETagConstraints(java.util.List.of("0123"));
        assertEquals("PreconditionFailed", assertThrows(OSSException.class, () -> client.getObject(failed))
                .getErrorCode());
    }

    @Test
    void responseHeaderOverridesReplaceStoredHeadersOnGet() {
        client.putObject(bucket, "override", bytes("x"));
        GetObjectRequest request = new GetObjectRequest(bucket, "override");
        ResponseHeaderOverrides overrides = new ResponseHeaderOverrides();
        overrides.setContentType("text/csv");
        overrides.setContentDisposition("inline");
        request.setResponseHeaders(overrides);
        ObjectMetadata meta = client.getObject(request).getObjectMetadata();
        assertEquals("text/csv", meta.getContentType());
        assertEquals("inline", meta.getContentDisposition());
    }

    @Test
    void storageClassIsStoredAndArchiveObjectsCannotBeReadUnrestored() {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setHeader("x-oss-storage-class", StorageClass.Archive.toString());
        client.putObject(bucket, "cold", bytes("x"), meta);
        assertEquals(StorageClass.Archive, client.getObjectMetadata(bucket, "cold").getObjectStorageClass());
        assertEquals("InvalidObjectState",
                assertThrows(OSSException.class, () -> client.getObject(bucket, "cold")).getErrorCode());
    }

    @Test
    void unknownStorageClassIsInvalidArgument() {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setHeader("x-oss-storage-class", "Glacier");
        assertEquals("InvalidArgument", assertThrows(OSSException.class,
                () -> client.putObject(bucket, "glacier", bytes("x"), meta)).getErrorCode());
    }

    @Test
    void deleteIs204EvenForAMissingKey() throws Exception {
        client.putObject(bucket, "gone", bytes("x"));
        client.deleteObject(bucket, "gone");
        assertFalse(client.doesObjectExist(bucket, "gone"));
        RawRequest.Response delete = new RawRequest("DELETE", "/" + bucket + "/never")
                .signV1(t.oss.accessKeyId(), t.oss.accessKeySecret(), "/" + bucket + "/never").send(t.oss);
        assertEquals(204, delete.status());
    }

    @Test
    void putObjectRequestWithBodyFromSdkVerifiesCrcAndReturnsEtag() throws Exception {
        byte[] data = new byte[300_000];
        new java.util.Random(1).nextBytes(data);
        String etag = client.putObject(new PutObjectRequest(bucket, "big", new ByteArrayInputStream(data)))
                .getETag();
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data))
                .toUpperCase(Locale.ROOT), etag);
        assertArrayEquals(data, client.getObject(bucket, "big").getObjectContent().readAllBytes());
    }

    @Test
    void unimplementedOperationsAnswerNotImplemented() throws Exception {
        RawRequest.Response get = new RawRequest("GET", "/" + bucket + "/?cors")
                .signV1(t.oss.accessKeyId(), t.oss.accessKeySecret(), "/" + bucket + "/?cors").send(t.oss);
        assertEquals(501, get.status());
        assertEquals("NotImplemented", get.xml("Code"));
    }

    @Test
    void generatedObjectsServeDeterministicContentWithoutUpload() throws Exception {
        t.oss.putGeneratedObject(bucket, "generated", 1_000_003, 42);
        ObjectMetadata head = client.getObjectMetadata(bucket, "generated");
        assertEquals(1_000_003, head.getContentLength());
        byte[] all = client.getObject(bucket, "generated").getObjectContent().readAllBytes();
        assertEquals(HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("MD5").digest(all)),
                head.getETag());
        GetObjectRequest range = new GetObjectRequest(bucket, "generated");
        range.setRange(999_990, 1_000_002);
        assertArrayEquals(java.util.Arrays.copyOfRange(all, 999_990, 1_000_003),
                client.getObject(range).getObjectContent().readAllBytes());
    }
}
