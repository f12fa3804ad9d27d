package io.ossenforcer.localoss;

import java.util.Arrays;
import java.util.Optional;

/**
 * AppendObject ({@code POST ?append&position=N}). The first append (position 0 onto no object) creates an Appendable
 * object and fixes its metadata, ACL, storage class, tags and encryption; each later append must start at the
 * current length and only adds bytes: same version, new ETag and Last-Modified.
 */
final class AppendOperations {
    private final Backend backend;
    private final Store store;

    AppendOperations(Backend backend) {
        this.backend = backend;
        this.store = backend.store();
    }

    OssResponse append(OssRequest request, String bucketName, String key) {
        if (request.hasParam("versionId")) {
            throw OssError.invalidArgument("AppendObject does not take a versionId.", "versionId",
                    request.param("versionId").orElse(""));
        }
        long position = position(request);
        Blob body = request.bodyBlob();
        ObjectOperations.checkContentMd5(request, body);
        synchronized (store) {
            Bucket bucket = store.bucket(bucketName);
            Optional<StoredObject> current = bucket.object(key);
            StoredObject object;
            long delta;
            if (!current.isPresent()) {
                if (position != 0) {
                    throw positionNotEqualToLength(key, 0);
                }
                ObjectProperties properties = ObjectProperties.fromRequest(request, backend.settings(), bucket);
                object = new StoredObject(key, bucket.nextVersionId(), body, Backend.upperHex(body.md5()),
                        StoredObject.APPENDABLE, backend.now(), properties);
                delta = bucket.write(object);
            } else {
                StoredObject existing = current.get();
                if (!existing.objectType().equals(StoredObject.APPENDABLE)) {
                    throw new OssError(409, "ObjectNotAppendable", "The object is not appendable").with("Key", key);
                }
                if (position != existing.size()) {
                    throw positionNotEqualToLength(key, existing.size());
                }
                // OSS accepts SSE headers on a later append and ignores them: the first append fixed encryption.
                backend.checkMutable(bucket, key);
                Blob content = new ConcatBlob(Arrays.asList(existing.blob(), body));
                object = existing.appended(content, Backend.upperHex(content.md5()), backend.now());
                bucket.update(existing, object);
                delta = body.size();
            }
            OssResponse.Builder response = OssResponse.status(200)
                    .header("ETag", ObjectHeaders.quoted(object.etag()))
                    .header("x-oss-next-append-position", String.valueOf(object.size()))
                    .header("x-oss-hash-crc64ecma", Long.toUnsignedString(object.blob().crc64()));
            object.properties().encryption().ifPresent(sse -> sse.writeTo(response));
            Backend.versionHeader(bucket, object, response);
            return response.afterSent(backend.objectCreated("ObjectCreated:AppendObject", bucket, object, delta,
                    request)).build();
        }
    }

    private static long position(OssRequest request) {
        if (!request.hasParam("position")) {
            throw new OssError(400, "MissingArgument", "Missing Some Required Arguments.")
                    .with("ArgumentName", "position");
        }
        String value = request.param("position").orElse("");
        try {
            long position = Long.parseLong(value);
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw OssError.invalidArgument("AppendObject requires position, a non-negative integer.", "position", value);
    }

    private static OssError positionNotEqualToLength(String key, long length) {
        return new OssError(409, "PositionNotEqualToLength", "Position is not equal to file length")
                .with("Key", key).withHeader("x-oss-next-append-position", String.valueOf(length));
    }
}
