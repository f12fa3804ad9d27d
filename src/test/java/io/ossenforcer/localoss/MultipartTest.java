package io.ossenforcer.localoss;

import static io.ossenforcer.localoss.ObjectsTest.bytes;
import static io.ossenforcer.localoss.ObjectsTest.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.utils.CRC64;
import com.aliyun.oss.model.AbortMultipartUploadRequest;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.CompleteMultipartUploadResult;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.InitiateMultipartUploadResult;
import com.aliyun.oss.model.ListMultipartUploadsRequest;
import com.aliyun.oss.model.ListPartsRequest;
import com.aliyun.oss.model.ObjectPermission;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.PartListing;
import com.aliyun.oss.model.StorageClass;
import com.aliyun.oss.model.UploadPartCopyRequest;
import com.aliyun.oss.model.UploadPartRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartTest extends LocalOssTest {
    private static final int PART = 100 * 1024;

    static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    static PartETag uploadPart(OSS c, String b, String key, String uploadId, int number, byte[] data) {
        UploadPartRequest request = new UploadPartRequest(b, key, uploadId, number, new ByteArrayInputStream(data),
                data.length);
        return c.uploadPart(request).getPartETag();
    }

    /** Uploads {@code parts} parts (100 KB each, the last half that) and completes; returns the content. */
    static byte[] completeUpload(OSS c, String b, String key, int parts) {
        String uploadId = c.initiateMultipartUpload(new InitiateMultipartUploadRequest(b, key)).getUploadId();
        List<PartETag> etags = new ArrayList<>();
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (int i = 1; i <= parts; i++) {
            byte[] data = random(i == parts ? PART / 2 : PART, i);
            all.writeBytes(data);
            etags.add(uploadPart(c, b, key, uploadId, i, data));
        }
        c.completeMultipartUpload(new CompleteMultipartUploadRequest(b, key, uploadId, etags));
        return all.toByteArray();
    }

    private static String md5Hex(byte[]... chunks) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        for (byte[] chunk : chunks) {
            md5.update(chunk);
        }
        return HexFormat.of().withUpperCase().formatHex(md5.digest());
    }

    @Test
    void uploadedPartsCompleteIntoAMultipartObjectWithCombinedEtagAndCrc() throws Exception {
        String own = t.bucket(client);
        byte[] content = completeUpload(client, own, "mp", 3);
        ObjectMetadata head = client.getObjectMetadata(own, "mp");
        // The SDK's own calcMultipartsETag: MD5 over the concatenated upper-case hex part ETags.
        StringBuilder partEtags = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            partEtags.append(HexFormat.of().withUpperCase().formatHex(
                    MessageDigest.getInstance("MD5").digest(random(i == 3 ? PART / 2 : PART, i))));
        }
        assertEquals(HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("MD5")
                .digest(partEtags.toString().getBytes(StandardCharsets.US_ASCII))) + "-3", head.getETag());
        assertEquals("Multipart", head.getObjectType());
        assertEquals(content.length, head.getContentLength());
        CRC64 crc = new CRC64();
        crc.update(content, content.length);
        assertEquals(crc.getValue(), head.getServerCRC());
        assertArrayEquals(content, client.getObject(own, "mp").getObjectContent().readAllBytes());
        assertEquals(0, t.oss.openMultipartUploads(own));
    }

    @Test
    void initiateFixesEncryptionMetadataAclClassAndTagsOfTheFinalObject() {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setContentType("video/mp4");
        meta.addUserMetadata("origin", "camera");
        meta.setServerSideEncryption("KMS");
        meta.setServerSideEncryptionKeyId(TestOss.CMK);
        meta.setServerSideDataEncryption("SM4");
        meta.setObjectAcl(CannedAccessControlList.Private);
        meta.setHeader("x-oss-storage-class", "IA");
        meta.setHeader("x-oss-tagging", "a=1");
        InitiateMultipartUploadResult init = client.initiateMultipartUpload(
                new InitiateMultipartUploadRequest(bucket, "rich-mp", meta));
        assertEquals("KMS", init.getResponse().getHeaders().get("x-oss-server-side-encryption"));
        PartETag part = uploadPart(client, bucket, "rich-mp", init.getUploadId(), 1, bytes("tiny").readAllBytes());
        client.completeMultipartUpload(new CompleteMultipartUploadRequest(bucket, "rich-mp", init.getUploadId(),
                new ArrayList<>(List.of(part))));
        ObjectMetadata head = client.getObjectMetadata(bucket, "rich-mp");
        assertEquals("video/mp4", head.getContentType());
        assertEquals(Map.of("origin", "camera"), head.getUserMetadata());
        assertEquals("KMS", head.getServerSideEncryption());
        assertEquals(TestOss.CMK, head.getServerSideEncryptionKeyId());
        assertEquals("SM4", head.getServerSideDataEncryption());
        assertEquals(StorageClass.IA, head.getObjectStorageClass());
        assertEquals(ObjectPermission.Private, client.getObjectAcl(bucket, "rich-mp").getPermission());
        assertEquals(Map.of("a", "1"), client.getObjectTagging(bucket, "rich-mp").getAllTags());
    }

    @Test
    void anAclGivenOnCompleteBecomesTheFinalObjectsAcl() {
        String uploadId = client.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, "acl-mp"))
                .getUploadId();
        PartETag part = uploadPart(client, bucket, "acl-mp", uploadId, 1, random(PART, 7));
        CompleteMultipartUploadRequest complete = new CompleteMultipartUploadRequest(bucket, "acl-mp", uploadId,
                new ArrayList<>(List.of(part)));
        complete.setObjectACL(CannedAccessControlList.PublicRead);

        client.completeMultipartUpload(complete);

        assertEquals(ObjectPermission.PublicRead, client.getObjectAcl(bucket, "acl-mp").getPermission());
    }

    @Test
    void multipartCopyEndToEndReproducesTheSourceWithRanges() throws Exception {
        byte[] source = random(PART * 2 + 7, 99);
        client.putObject(bucket, "copy-src", new ByteArrayInputStream(source));
        ObjectMetadata meta = new ObjectMetadata();
        meta.setServerSideEncryption("AES256");
        String uploadId = client.initiateMultipartUpload(
                new InitiateMultipartUploadRequest(bucket, "copy-src", meta)).getUploadId();
        List<PartETag> etags = new ArrayList<>();
        long[][] ranges = {{0, PART - 1}, {PART, 2L * PART - 1}, {2L * PART, source.length - 1}};
        for (int i = 0; i < ranges.length; i++) {
            UploadPartCopyRequest copy = new UploadPartCopyRequest(bucket, "copy-src", bucket, "copy-src",
                    uploadId, i + 1, ranges[i][0], ranges[i][1] - ranges[i][0] + 1);
            String etag = client.uploadPartCopy(copy).getETag();
            assertEquals(md5Hex(java.util.Arrays.copyOfRange(source, (int) ranges[i][0], (int) ranges[i][1] + 1)),
                    etag);
            etags.add(new PartETag(i + 1, etag));
        }
        CompleteMultipartUploadResult done = client.completeMultipartUpload(
                new CompleteMultipartUploadRequest(bucket, "copy-src", uploadId, etags));
        assertTrue(done.getETag().endsWith("-3"));
        ObjectMetadata head = client.getObjectMetadata(bucket, "copy-src");
        CRC64 crc = new CRC64();
        crc.update(source, source.length);
        assertEquals(crc.getValue(), head.getServerCRC());
        assertEquals("AES256", head.getServerSideEncryption());
        assertArrayEquals(source, client.getObject(bucket, "copy-src").getObjectContent().readAllBytes());
    }

    @Test
    void uploadPartCopyChecksSourceConditionsAndCopiesTheWholeSourceForARangeOutsideIt() {
        client.putObject(bucket, "pc-src", bytes("0123456789"));
        String uploadId = client.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, "pc-dst"))
                .getUploadId();
        UploadPartCopyRequest stale = new UploadPartCopyRequest(bucket, "pc-src", bucket, "pc-dst", uploadId, 1, null, null);
        stale.setMatchingETagConstraints(List.of("0000"));
        assertEquals("PreconditionFailed",
                assertThrows(OSSException.class, () -> client.uploadPartCopy(stale)).getErrorCode());
        UploadPartCopyRequest outside = new UploadPartCopyRequest(bucket, "pc-src", bucket, "pc-dst", uploadId, 1,
                5L, 10L);
        assertEquals(client.getObjectMetadata(bucket, "pc-src").getETag(), client.uploadPartCopy(outside).getETag());
        client.abortMultipartUpload(new AbortMultipartUploadRequest(bucket, "pc-dst", uploadId));
    }

    @Test
    void abortLeavesTheExistingObjectUntouchedAndTheUploadGone() throws Exception {
        String bucket = t.bucket(client);
        client.putObject(bucket, "kept", bytes("original"));
        String uploadId = client.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, "kept"))
                .getUploadId();
        uploadPart(client, bucket, "kept", uploadId, 1, random(PART, 1));
        assertEquals(1, t.oss.openMultipartUploads(bucket));
        assertEquals("original", read(client, bucket, "kept"));
        client.abortMultipartUpload(new AbortMultipartUploadRequest(bucket, "kept", uploadId));
        assertEquals(0, t.oss.openMultipartUploads(bucket));
        assertEquals("original", read(client, bucket, "kept"));
        assertEquals("NoSuchUpload", assertThrows(OSSException.class, () -> client.abortMultipartUpload(
                new AbortMultipartUploadRequest(bucket, "kept", uploadId))).getErrorCode());
        assertEquals("NoSuchUpload", assertThrows(OSSException.class,
                () -> uploadPart(client, bucket, "kept", uploadId, 2, new byte[1])).getErrorCode());
    }

    @Test
    void completeRefusesSmallNonLastPartsUnknownPartsAndWrongEtags() {
        String uploadId = client.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, "bad-mp"))
                .getUploadId();
        PartETag small = uploadPart(client, bucket, "bad-mp", uploadId, 1, new byte[10]);
        PartETag last = uploadPart(client, bucket, "bad-mp", uploadId, 2, new byte[11]);
        assertEquals("EntityTooSmall", assertThrows(OSSException.class, () -> client.completeMultipartUpload(
                new CompleteMultipartUploadRequest(bucket, "bad-mp", uploadId, new ArrayList<>(List.of(small, last)))))
                .getErrorCode());
        assertEquals("InvalidPart", assertThrows(OSSException.class, () -> client.completeMultipartUpload(
                new CompleteMultipartUploadRequest(bucket, "bad-mp", uploadId, new ArrayList<>(List.of(new PartETag(3, "AB"))))))
                .getErrorCode());
        assertEquals("InvalidPart", assertThrows(OSSException.class, () -> client.completeMultipartUpload(
                new CompleteMultipartUploadRequest(bucket, "bad-mp", uploadId,
                        new ArrayList<>(List.of(new PartETag(2, small.getETag())))))).getErrorCode());
        client.abortMultipartUpload(new AbortMultipartUploadRequest(bucket, "bad-mp", uploadId));
    }

    @Test
    void completeRefusesPartsOutOfOrder() throws Exception {
        String uploadId = client.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, "order"))
                .getUploadId();
        PartETag one = uploadPart(client, bucket, "order", uploadId, 1, random(PART, 1));
        PartETag two = uploadPart(client, bucket, "order", uploadId, 2, new byte[1]);
        String xml = "<CompleteMultipartUpload><Part><PartNumber>2</PartNumber><ETag>\"" + two.getETag()
                + "\"</ETag></Part><Part><PartNumber>1</PartNumber><ETag>\"" + one.getETag()
                + "\"</ETag></Part></CompleteMultipartUpload>";
        RawRequest.Response complete = new RawRequest("POST", "/" + bucket + "/order?uploadId=" + uploadId)
                .header("Content-Type", "application/xml").body(xml.getBytes(StandardCharsets.UTF_8))
                .signV1(t.oss.accessKeyId(), t.oss.accessKeySecret(), "/" + bucket + "/order?uploadId=" + uploadId)
                .send(t.oss);
        assertEquals(400, complete.status());
        assertEquals("InvalidPartOrder", complete.xml("Code"));
        client.abortMultipartUpload(new AbortMultipartUploadRequest(bucket, "order", uploadId));
    }

    @Test
    void partNumbersOutside1To10000AreInvalidArgument() {
        String uploadId = client.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, "pn"))
                .getUploadId();
        assertThrows(IllegalArgumentException.class, () -> uploadPart(client, bucket, "pn", uploadId, 10001,
                new byte[1]));
        RawRequest raw = new RawRequest("PUT", "/" + bucket + "/pn?partNumber=0&uploadId=" + uploadId)
                .body(new byte[1]).signV1(t.oss.accessKeyId(), t.oss.accessKeySecret(),
                        "/" + bucket + "/pn?partNumber=0&uploadId=" + uploadId);
        RawRequest.Response response = assertDoesNotThrowIo(raw);
        assertEquals("InvalidArgument", response.xml("Code"));
        client.abortMultipartUpload(new AbortMultipartUploadRequest(bucket, "pn", uploadId));
    }

    private RawRequest.Response assertDoesNotThrowIo(RawRequest raw) {
        try {
            return raw.send(t.oss);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void listPartsAndListMultipartUploadsShowOpenUploads() {
        String uploadId = client.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, "listed/a b"))
                .getUploadId();
        uploadPart(client, bucket, "listed/a b", uploadId, 1, new byte[3]);
        uploadPart(client, bucket, "listed/a b", uploadId, 2, new byte[5]);
        PartListing parts = client.listParts(new ListPartsRequest(bucket, "listed/a b", uploadId));
        assertEquals(2, parts.getParts().size());
        assertEquals(5, parts.getParts().get(1).getSize());
        ListMultipartUploadsRequest list = new ListMultipartUploadsRequest(bucket);
        list.setPrefix("listed/");
        assertEquals(List.of("listed/a b"), client.listMultipartUploads(list).getMultipartUploads().stream()
                .map(u -> u.getKey()).toList());
        client.abortMultipartUpload(new AbortMultipartUploadRequest(bucket, "listed/a b", uploadId));
        assertEquals(List.of(), client.listMultipartUploads(list).getMultipartUploads());
    }
}
