package io.ossenforcer.localoss;

import static io.ossenforcer.localoss.ObjectsTest.bytes;
import static io.ossenforcer.localoss.ObjectsTest.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.CreateSymlinkRequest;
import com.aliyun.oss.model.ObjectMetadata;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SymlinkTest extends LocalOssTest {

    @Test
    void getSymlinkReturnsTheTargetAndTheLinksMetadata() {
        CreateSymlinkRequest request = new CreateSymlinkRequest(bucket, "link meta", "dir/target a+b.txt");
        ObjectMetadata meta = new ObjectMetadata();
        meta.addUserMetadata("purpose", "shortcut");
        request.setMetadata(meta);
        client.createSymlink(request);
        var link = client.getSymlink(bucket, "link meta");
        assertEquals("dir/target a+b.txt", link.getTarget());
        assertEquals(Map.of("purpose", "shortcut"), link.getMetadata().getUserMetadata());
    }

    @Test
    void getSymlinkOfANormalObjectIsNotSymlink() {
        client.putObject(bucket, "plain", bytes("x"));
        assertEquals("NotSymlink", assertThrows(OSSException.class, () -> client.getSymlink(bucket, "plain"))
                .getErrorCode());
    }

    @Test
    void getObjectOfASymlinkServesTheTargetContent() throws Exception {
        client.putObject(bucket, "target", bytes("the content"));
        client.createSymlink(bucket, "link", "target");
        assertEquals("the content", read(client, bucket, "link"));
    }

    @Test
    void headOfASymlinkReportsTypeSymlinkWithTheTargetsLengthAndEtag() {
        client.putObject(bucket, "t2", bytes("0123456789"));
        client.createSymlink(bucket, "l2", "t2");
        ObjectMetadata target = client.getObjectMetadata(bucket, "t2");
        ObjectMetadata head = client.getObjectMetadata(bucket, "l2");
        assertEquals("Symlink", head.getObjectType());
        assertEquals(10, head.getContentLength());
        assertEquals(target.getETag(), head.getETag());
    }

    @Test
    void aDanglingSymlinkIsSymlinkTargetNotExist() {
        client.createSymlink(bucket, "dangling", "nowhere");
        assertEquals("SymlinkTargetNotExist", assertThrows(OSSException.class,
                () -> client.getObject(bucket, "dangling")).getErrorCode());
    }

    @Test
    void copyingASymlinkCopiesTheLinkNotTheTarget() {
        client.putObject(bucket, "t3", bytes("data"));
        client.createSymlink(bucket, "l3", "t3");
        CopyObjectRequest copy = new CopyObjectRequest(bucket, "l3", bucket, "l3");
        copy.setServerSideEncryption("AES256");
        client.copyObject(copy);
        assertEquals("t3", client.getSymlink(bucket, "l3").getTarget());
        assertEquals("AES256", client.getObjectMetadata(bucket, "l3").getServerSideEncryption());
        assertNull(client.getObjectMetadata(bucket, "t3").getServerSideEncryption());
    }
}
