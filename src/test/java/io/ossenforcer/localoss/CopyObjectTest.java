package io.ossenforcer.localoss;

import static io.ossenforcer.localoss.ObjectsTest.bytes;
import static io.ossenforcer.localoss.ObjectsTest.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.CopyObjectResult;
import com.aliyun.oss.model.ObjectPermission;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.StorageClass;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CopyObjectTest extends LocalOssTest {

    /** An object with every kind of metadata, a tag, an explicit ACL, IA storage and AES256. */
    private void putRich(String key) {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setContentType("text/html");
        meta.setCacheControl("max-age=60");
        meta.setContentDisposition("inline");
        meta.addUserMetadata("client-side-encryption-key", "wrapped");
        meta.setServerSideEncryption("AES256");
        meta.setHeader("x-oss-tagging", "team=data&tier=gold");
        meta.setHeader("x-oss-storage-class", "IA");
        meta.setObjectAcl(CannedAccessControlList.PublicRead);
        client.putObject(bucket, key, bytes("payload of " + key), meta);
    }

    private CopyObjectResult copyToSelf(String key, ObjectMetadata newMeta, String algorithm) {
        CopyObjectRequest request = new CopyObjectRequest(bucket, key, bucket, key);
        if (newMeta != null) {
            request.setNewObjectMetadata(newMeta);
        }
        if (algorithm != null) {
            request.setServerSideEncryption(algorithm);
        }
        return client.copyObject(request);
    }

    @Test
    void copyToSelfWithoutMetadataHeadersDropsUserMetadataAndContentHeaders() {
        putRich("self-drop");
        copyToSelf("self-drop", null, "KMS");
        ObjectMetadata head = client.getObjectMetadata(bucket, "self-drop");
        assertEquals(Map.of(), head.getUserMetadata());
        assertNull(head.getCacheControl());
        assertNull(head.getContentDisposition());
        assertEquals("KMS", head.getServerSideEncryption());
    }

    @Test
    void copyToSelfTakesMetadataFromTheRequestEvenWithCopyDirective() throws Exception {
        putRich("self-keep");
        RawRequest.Response copy = new RawRequest("PUT", "/" + bucket + "/self-keep")
                .header("x-oss-copy-source", "/" + bucket + "/self-keep")
                .header("x-oss-metadata-directive", "COPY")
                .header("Content-Type", "text/plain")
                .header("x-oss-meta-client-side-encryption-key", "wrapped")
                .signV1(t.oss.accessKeyId(), t.oss.accessKeySecret(), "/" + bucket + "/self-keep").send(t.oss);
        assertEquals(200, copy.status());
        ObjectMetadata head = client.getObjectMetadata(bucket, "self-keep");
        assertEquals("text/plain", head.getContentType());
        assertEquals(Map.of("client-side-encryption-key", "wrapped"), head.getUserMetadata());
        assertNull(head.getCacheControl());
    }

    @Test
    void copyToSelfWithNewMetadataKeepsContentAndEtagAndChangesLastModified() throws Exception {
        putRich("self-meta");
        ObjectMetadata before = client.getObjectMetadata(bucket, "self-meta");
        clock.advance(Duration.ofSeconds(1));
        ObjectMetadata meta = new ObjectMetadata();
        meta.setContentType("text/html");
        meta.addUserMetadata("client-side-encryption-key", "wrapped");
        CopyObjectResult result = copyToSelf("self-meta", meta, "SM4");
        ObjectMetadata after = client.getObjectMetadata(bucket, "self-meta");
        assertEquals(before.getETag(), result.getETag());
        assertEquals(before.getETag(), after.getETag());
        assertEquals(before.getServerCRC(), after.getServerCRC());
        assertTrue(after.getLastModified().after(before.getLastModified()));
        assertEquals("SM4", after.getServerSideEncryption());
        assertEquals(Map.of("client-side-encryption-key", "wrapped"), after.getUserMetadata());
        assertEquals("payload of self-meta", read(client, bucket, "self-meta"));
    }

    @Test
    void copyNeverInheritsEncryption() {
        putRich("sse-src");
        copyToSelf("sse-src", null, null);
        assertNull(client.getObjectMetadata(bucket, "sse-src").getServerSideEncryption());
        client.putObject(bucket, "kms-src", bytes("x"), kms());
        client.copyObject(bucket, "kms-src", bucket, "kms-dst");
        assertNull(client.getObjectMetadata(bucket, "kms-dst").getServerSideEncryption());
    }

    private static ObjectMetadata kms() {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setServerSideEncryption("KMS");
        meta.setServerSideEncryptionKeyId(TestOss.CMK);
        return meta;
    }

    @Test
    void copyToSelfKeepsTagsByDefaultButResetsAclAndStorageClass() {
        putRich("self-tags");
        assertEquals(ObjectPermission.PublicRead, client.getObjectAcl(bucket, "self-tags").getPermission());
        copyToSelf("self-tags", null, "AES256");
        assertEquals(Map.of("team", "data", "tier", "gold"), client.getObjectTagging(bucket, "self-tags").getAllTags());
        assertEquals(ObjectPermission.Default, client.getObjectAcl(bucket, "self-tags").getPermission());
        assertEquals(StorageClass.Standard, client.getObjectMetadata(bucket, "self-tags").getObjectStorageClass());
    }

    @Test
    void copyWithExplicitAclStorageClassAndDataEncryptionAppliesThem() {
        putRich("explicit");
        CopyObjectRequest request = new CopyObjectRequest(bucket, "explicit", bucket, "explicit");
        ObjectMetadata meta = new ObjectMetadata();
        meta.setObjectAcl(CannedAccessControlList.PublicRead);
        meta.setHeader("x-oss-storage-class", "IA");
        request.setNewObjectMetadata(meta);
        request.setServerSideEncryption("KMS");
        request.setServerSideEncryptionKeyId(TestOss.CMK);
        request.addHeader("x-oss-server-side-data-encryption", "SM4");
        client.copyObject(request);
        ObjectMetadata head = client.getObjectMetadata(bucket, "explicit");
        assertEquals(ObjectPermission.PublicRead, client.getObjectAcl(bucket, "explicit").getPermission());
        assertEquals(StorageClass.IA, head.getObjectStorageClass());
        assertEquals("SM4", head.getServerSideDataEncryption());
        assertEquals(TestOss.CMK, head.getServerSideEncryptionKeyId());
    }

    @Test
    void replaceTaggingDirectiveTakesTheRequestTags() throws Exception {
        putRich("retag");
        RawRequest.Response copy = new RawRequest("PUT", "/" + bucket + "/retag")
                .header("x-oss-copy-source", "/" + bucket + "/retag")
                .header("x-oss-tagging-directive", "Replace").header("x-oss-tagging", "new=1")
                .signV1(t.oss.accessKeyId(), t.oss.accessKeySecret(), "/" + bucket + "/retag").send(t.oss);
        assertEquals(200, copy.status());
        assertEquals(Map.of("new", "1"), client.getObjectTagging(bucket, "retag").getAllTags());
    }

    @Test
    void copyToAnotherKeyCopiesSourceMetadataByDefault() throws Exception {
        putRich("src-copy");
        CopyObjectResult result = client.copyObject(bucket, "src-copy", bucket, "dst-copy");
        ObjectMetadata head = client.getObjectMetadata(bucket, "dst-copy");
        assertEquals("text/html", head.getContentType());
        assertEquals("max-age=60", head.getCacheControl());
        assertEquals(Map.of("client-side-encryption-key", "wrapped"), head.getUserMetadata());
        assertEquals(client.getObjectMetadata(bucket, "src-copy").getETag(), result.getETag());
        assertEquals(Map.of("team", "data", "tier", "gold"), client.getObjectTagging(bucket, "dst-copy").getAllTags());
        assertEquals("payload of src-copy", read(client, bucket, "dst-copy"));
    }

    @Test
    void copyToAnotherKeyWithReplaceDirectiveTakesRequestMetadata() {
        putRich("src-replace");
        CopyObjectRequest request = new CopyObjectRequest(bucket, "src-replace", bucket, "dst-replace");
        ObjectMetadata meta = new ObjectMetadata();
        meta.setContentType("application/json");
        request.setNewObjectMetadata(meta);
        client.copyObject(request);
        ObjectMetadata head = client.getObjectMetadata(bucket, "dst-replace");
        assertEquals("application/json", head.getContentType());
        assertEquals(Map.of(), head.getUserMetadata());
        assertNull(head.getCacheControl());
    }

    @Test
    void copySourceWithSpecialCharactersIsDecoded() throws Exception {
        String key = "dir/a b+c%d 中.txt";
        client.putObject(bucket, key, bytes("special"));
        client.copyObject(bucket, key, bucket, key + ".copy");
        assertEquals("special", read(client, bucket, key + ".copy"));
        copyToSelf(key, null, "AES256");
        assertEquals("AES256", client.getObjectMetadata(bucket, key).getServerSideEncryption());
    }

    @Test
    void copyWithMatchingEtagSucceedsAndWithStaleEtagIsPreconditionFailed() {
        client.putObject(bucket, "cond", bytes("v1"));
        String etag = client.getObjectMetadata(bucket, "cond").getETag();
        CopyObjectRequest ok = new CopyObjectRequest(bucket, "cond", bucket, "cond");
        ok.setMatchingETagConstraints(List.of(etag));
        ok.setServerSideEncryption("AES256");
        client.copyObject(ok);

        client.putObject(bucket, "cond", bytes("v2"));
        CopyObjectRequest stale = new CopyObjectRequest(bucket, "cond", bucket, "cond");
        stale.setMatchingETagConstraints(List.of(etag));
        stale.setServerSideEncryption("AES256");
        OSSException e = assertThrows(OSSException.class, () -> client.copyObject(stale));
        assertEquals("PreconditionFailed", e.getErrorCode());
        assertNull(client.getObjectMetadata(bucket, "cond").getServerSideEncryption());
    }

    /** OSS's CopyObject error table: a failed if-none-match or if-modified-since is 304, as the SDK's tests expect. */
    @Test
    void otherCopySourceConditionsAreChecked() {
        client.putObject(bucket, "cond2", bytes("v"));
        String etag = client.getObjectMetadata(bucket, "cond2").getETag();
        CopyObjectRequest noneMatch = new CopyObjectRequest(bucket, "cond2", bucket, "cond2-dst");
        noneMatch.setNonmatchingETagConstraints(List.of(etag));
        assertEquals("NotModified", assertThrows(OSSException.class, () -> client.copyObject(noneMatch))
                .getErrorCode());
        CopyObjectRequest modifiedSince = new CopyObjectRequest(bucket, "cond2", bucket, "cond2-dst");
        modifiedSince.setModifiedSinceConstraint(new java.util.Date(System.currentTimeMillis() + 3_600_000));
        assertEquals("NotModified", assertThrows(OSSException.class, () -> client.copyObject(modifiedSince))
                .getErrorCode());
        CopyObjectRequest unmodified = new CopyObjectRequest(bucket, "cond2", bucket, "cond2-dst");
        unmodified.setUnmodifiedSinceConstraint(new java.util.Date(System.currentTimeMillis() - 3_600_000));
        assertEquals("PreconditionFailed", assertThrows(OSSException.class, () -> client.copyObject(unmodified))
                .getErrorCode());
    }

    @Test
    void copyOfASourceAboveTheCopyLimitIsRefusedEvenOntoItself() {
        client.putObject(bucket, "huge", new ByteArrayInputStream(new byte[300 * 1024 + 1]));
        OSSException e = assertThrows(OSSException.class, () -> copyToSelf("huge", null, "AES256"));
        assertEquals("EntityTooLarge", e.getErrorCode());
        assertNull(client.getObjectMetadata(bucket, "huge").getServerSideEncryption());
    }

    @Test
    void copyOfMissingSourceIsNoSuchKey() {
        assertEquals("NoSuchKey", assertThrows(OSSException.class,
                () -> client.copyObject(bucket, "nope", bucket, "dst")).getErrorCode());
    }

    @Test
    void copyOfArchiveSourceIsInvalidObjectState() {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setHeader("x-oss-storage-class", "ColdArchive");
        client.putObject(bucket, "frozen", bytes("x"), meta);
        assertEquals("InvalidObjectState", assertThrows(OSSException.class,
                () -> copyToSelf("frozen", null, "AES256")).getErrorCode());
    }

    @Test
    void copyOfMultipartObjectToAnotherKeyIsNormalWithContentMd5Etag() throws Exception {
        MultipartTest.completeUpload(client, bucket, "mp-src", 2);
        ObjectMetadata source = client.getObjectMetadata(bucket, "mp-src");
        CopyObjectResult result = client.copyObject(bucket, "mp-src", bucket, "mp-dst");
        ObjectMetadata copy = client.getObjectMetadata(bucket, "mp-dst");
        assertEquals("Multipart", source.getObjectType());
        assertEquals("Normal", copy.getObjectType());
        assertNotEquals(source.getETag(), result.getETag());
        assertEquals(source.getServerCRC(), copy.getServerCRC());
    }
}
