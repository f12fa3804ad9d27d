package io.ossenforcer.localoss;

import static io.ossenforcer.localoss.ObjectsTest.bytes;
import static io.ossenforcer.localoss.ObjectsTest.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.utils.CRC64;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.AppendObjectResult;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.ObjectMetadata;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AppendTest extends LocalOssTest {

    private AppendObjectResult append(String key, String data, long position) {
        return append(key, data, position, new ObjectMetadata());
    }

    private AppendObjectResult append(String key, String data, long position, ObjectMetadata meta) {
        AppendObjectRequest request = new AppendObjectRequest(bucket, key, bytes(data), meta).withPosition(position);
        return client.appendObject(request);
    }

    private static long crc(String data) {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        CRC64 crc = new CRC64();
        crc.update(bytes, bytes.length);
        return crc.getValue();
    }

    @Test
    void theFirstAppendCreatesAnAppendableObject() {
        AppendObjectResult result = append("new", "hello", 0);
        assertEquals(5L, result.getNextPosition());
        ObjectMetadata head = client.getObjectMetadata(bucket, "new");
        assertEquals("Appendable", head.getObjectType());
        assertEquals("5", head.getRawMetadata().get("x-oss-next-append-position"));
    }

    @Test
    void appendsAtTheCurrentLengthGrowTheObjectAndItsCrc() throws Exception {
        append("grow", "hello ", 0);
        AppendObjectResult second = append("grow", "world", 6);
        assertEquals(11L, second.getNextPosition());
        assertEquals(Long.toUnsignedString(crc("hello world")), second.getObjectCRC());
        assertEquals("hello world", read(client, bucket, "grow"));
    }

    @Test
    void aPositionOtherThanTheLengthIsPositionNotEqualToLength() {
        append("pos", "abc", 0);
        OSSException e = assertThrows(OSSException.class, () -> append("pos", "d", 2));
        assertEquals("PositionNotEqualToLength", e.getErrorCode());
    }

    @Test
    void appendingToANormalObjectIsObjectNotAppendable() {
        client.putObject(bucket, "normal", bytes("abc"));
        OSSException e = assertThrows(OSSException.class, () -> append("normal", "d", 3));
        assertEquals("ObjectNotAppendable", e.getErrorCode());
    }

    @Test
    void encryptionIsSetByTheFirstAppendAndKept() {
        ObjectMetadata sse = new ObjectMetadata();
        sse.setServerSideEncryption("AES256");
        append("enc", "abc", 0, sse);
        append("enc", "def", 3);
        assertEquals("AES256", client.getObjectMetadata(bucket, "enc").getServerSideEncryption());
    }

    @Test
    void encryptionHeadersOnALaterAppendAreAcceptedAndIgnored() {
        append("late", "abc", 0);
        ObjectMetadata sse = new ObjectMetadata();
        sse.setServerSideEncryption("KMS");
        append("late", "def", 3, sse);
        assertNull(client.getObjectMetadata(bucket, "late").getServerSideEncryption());
        assertEquals(6, client.getObjectMetadata(bucket, "late").getContentLength());
    }

    @Test
    void aFirstAppendWithKmsAndACmkIdIsAccepted() {
        ObjectMetadata kms = new ObjectMetadata();
        kms.setServerSideEncryption("KMS");
        kms.setServerSideEncryptionKeyId(TestOss.CMK);
        append("cmk", "abc", 0, kms);
        assertEquals(TestOss.CMK, client.getObjectMetadata(bucket, "cmk").getServerSideEncryptionKeyId());
    }

    @Test
    void anAppendableObjectCannotBeCopiedOntoItself() {
        append("copy", "abc", 0);
        CopyObjectRequest copy = new CopyObjectRequest(bucket, "copy", bucket, "copy");
        copy.setServerSideEncryption("KMS");
        OSSException e = assertThrows(OSSException.class, () -> client.copyObject(copy));
        assertEquals("OperationNotSupported", e.getErrorCode());
        assertEquals(null, client.getObjectMetadata(bucket, "copy").getServerSideEncryption());
    }
}
