package io.ossenforcer.localoss;

import java.util.Base64;

/** The headers HEAD and GET describe an object with, named and spelled as OSS sends them. */
final class ObjectHeaders {
    private ObjectHeaders() {
    }

    /** @param versioned whether the bucket has (had) versioning, which adds {@code x-oss-version-id} */
    static void write(StoredObject object, boolean versioned, OssResponse.Builder response) {
        ObjectProperties properties = object.properties();
        properties.meta().contentHeaders().forEach(response::header);
        response.header("ETag", quoted(object.etag()));
        response.header("Last-Modified", HttpDates.rfc1123(object.lastModified()));
        response.header("Accept-Ranges", "bytes");
        response.header("x-oss-object-type", object.objectType());
        response.header(StorageClass.HEADER, properties.storageClass());
        response.header("x-oss-hash-crc64ecma", Long.toUnsignedString(object.blob().crc64()));
        if (object.objectType().equals(StoredObject.NORMAL)) {
            response.header("Content-MD5", Base64.getEncoder().encodeToString(object.blob().md5()));
        }
        if (object.objectType().equals(StoredObject.APPENDABLE)) {
            response.header("x-oss-next-append-position", String.valueOf(object.size()));
        }
        object.restore().ifPresent(restore -> response.header("x-oss-restore", restore.header()));
        if (versioned) {
            response.header("x-oss-version-id", object.versionId());
        }
        properties.encryption().ifPresent(sse -> sse.writeTo(response));
        properties.meta().userMeta().forEach(response::header);
        if (properties.tags().count() > 0) {
            response.header("x-oss-tagging-count", String.valueOf(properties.tags().count()));
        }
    }

    static String quoted(String etag) {
        return "\"" + etag + "\"";
    }
}
