package io.ossenforcer.testing;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.ObjectMetadata;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything about an object that enforcement must not change: size and CRC64 (the content), content headers, user
 * metadata, storage class, tags and ACL. Two snapshots are equal when nothing but the encryption differs. The ETag
 * is left out on purpose: a multipart copy gives the same content a multipart ETag.
 */
public final class ObjectSnapshot {
    private final Map<String, Object> fields = new TreeMap<>();

    private ObjectSnapshot() {
    }

    public static ObjectSnapshot of(OSS client, String bucket, String key) {
        ObjectMetadata meta = client.getObjectMetadata(bucket, key);
        ObjectSnapshot s = new ObjectSnapshot();
        s.fields.put("size", meta.getContentLength());
        s.fields.put("crc64", String.valueOf(meta.getServerCRC()));
        s.fields.put("content-type", String.valueOf(meta.getContentType()));
        s.fields.put("cache-control", String.valueOf(meta.getCacheControl()));
        s.fields.put("content-disposition", String.valueOf(meta.getContentDisposition()));
        s.fields.put("content-encoding", String.valueOf(meta.getContentEncoding()));
        s.fields.put("expires", String.valueOf(meta.getRawExpiresValue()));
        s.fields.put("user-metadata", new TreeMap<>(meta.getUserMetadata()));
        s.fields.put("storage-class", String.valueOf(meta.getObjectStorageClass()));
        s.fields.put("tags", new TreeMap<>(client.getObjectTagging(bucket, key).getAllTags()));
        s.fields.put("acl", client.getObjectAcl(bucket, key).getPermission().toString());
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectSnapshot && fields.equals(((ObjectSnapshot) o).fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fields);
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
