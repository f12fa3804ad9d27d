package io.ossenforcer.localoss;

import static io.ossenforcer.localoss.ObjectsTest.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.ObjectPermission;
import com.aliyun.oss.model.SetObjectTaggingRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AclAndTaggingTest extends LocalOssTest {

    @Test
    void aclIsDefaultUntilSetAndReportsTheOwner() {
        client.putObject(bucket, "acl", bytes("x"));
        assertEquals(ObjectPermission.Default, client.getObjectAcl(bucket, "acl").getPermission());
        assertEquals(t.oss.accountId(), client.getObjectAcl(bucket, "acl").getOwner().getId());
        client.setObjectAcl(bucket, "acl", CannedAccessControlList.PublicReadWrite);
        assertEquals(ObjectPermission.PublicReadWrite, client.getObjectAcl(bucket, "acl").getPermission());
    }

    @Test
    void putWithAclHeaderSetsIt() {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setObjectAcl(CannedAccessControlList.Private);
        client.putObject(bucket, "acl-put", bytes("x"), meta);
        assertEquals(ObjectPermission.Private, client.getObjectAcl(bucket, "acl-put").getPermission());
    }

    @Test
    void invalidAclIsInvalidArgument() throws Exception {
        client.putObject(bucket, "acl-bad", bytes("x"));
        RawRequest.Response r = new RawRequest("PUT", "/" + bucket + "/acl-bad?acl")
                .header("x-oss-object-acl", "everyone")
                .signV1(t.oss.accessKeyId(), t.oss.accessKeySecret(), "/" + bucket + "/acl-bad?acl").send(t.oss);
        assertEquals(400, r.status());
        assertEquals("InvalidArgument", r.xml("Code"));
    }

    @Test
    void aclOfAMissingObjectIsNoSuchKey() {
        assertEquals("NoSuchKey",
                assertThrows(OSSException.class, () -> client.getObjectAcl(bucket, "none")).getErrorCode());
    }

    @Test
    void taggingIsSetReadCountedAndDeleted() {
        client.putObject(bucket, "tags", bytes("x"));
        assertEquals(Map.of(), client.getObjectTagging(bucket, "tags").getAllTags());
        client.setObjectTagging(new SetObjectTaggingRequest(bucket, "tags", Map.of("k 1", "v=1", "k2", "")));
        assertEquals(Map.of("k 1", "v=1", "k2", ""), client.getObjectTagging(bucket, "tags").getAllTags());
        assertEquals("2", client.getObjectMetadata(bucket, "tags").getRawMetadata().get("x-oss-tagging-count"));
        client.deleteObjectTagging(bucket, "tags");
        assertEquals(Map.of(), client.getObjectTagging(bucket, "tags").getAllTags());
    }

    @Test
    void taggingHeaderOnPutIsUrlDecoded() {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setObjectTagging(Map.of("project", "a b+c&d=e", "flag", "1"));
        client.putObject(bucket, "tag-header", bytes("x"), meta);
        assertEquals(Map.of("project", "a b+c&d=e", "flag", "1"), client.getObjectTagging(bucket, "tag-header")
                .getAllTags());
    }

    @Test
    void moreThanTenTagsOrOversizedKeysAndValuesAreInvalidTag() {
        client.putObject(bucket, "limits", bytes("x"));
        Map<String, String> eleven = new HashMap<>();
        for (int i = 0; i < 11; i++) {
            eleven.put("k" + i, "v");
        }
        assertEquals("InvalidTag", assertThrows(OSSException.class, () -> client.setObjectTagging(
                new SetObjectTaggingRequest(bucket, "limits", eleven))).getErrorCode());
        assertEquals("InvalidTag", assertThrows(OSSException.class, () -> client.setObjectTagging(
                new SetObjectTaggingRequest(bucket, "limits", Map.of("k".repeat(129), "v")))).getErrorCode());
        assertEquals("InvalidTag", assertThrows(OSSException.class, () -> client.setObjectTagging(
                new SetObjectTaggingRequest(bucket, "limits", Map.of("k", "v".repeat(257))))).getErrorCode());
        client.setObjectTagging(new SetObjectTaggingRequest(bucket, "limits",
                Map.of("k".repeat(128), "v".repeat(256))));
    }

    @Test
    void malformedTaggingXmlIsMalformedXml() throws Exception {
        client.putObject(bucket, "xml", bytes("x"));
        RawRequest.Response r = new RawRequest("PUT", "/" + bucket + "/xml?tagging")
                .body("<Tagging><TagSet><Tag>".getBytes(StandardCharsets.UTF_8))
                .signV1(t.oss.accessKeyId(), t.oss.accessKeySecret(), "/" + bucket + "/xml?tagging").send(t.oss);
        assertEquals(400, r.status());
        assertEquals("MalformedXML", r.xml("Code"));
    }
}
