package io.ossenforcer.localoss;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** PutObject, GetObject, HeadObject, DeleteObject, CopyObject and the object ACL and tagging sub-resources. */
final class ObjectOperations {
    private static final String[][] RESPONSE_OVERRIDES = {
        {"response-content-type", "Content-Type"}, {"response-content-language", "Content-Language"},
        {"response-expires", "Expires"}, {"response-cache-control", "Cache-Control"},
        {"response-content-disposition", "Content-Disposition"}, {"response-content-encoding", "Content-Encoding"}};

    private final Backend backend;
    private final Store store;

    ObjectOperations(Backend backend) {
        this.backend = backend;
        this.store = backend.store();
    }

    OssResponse put(OssRequest request, String bucketName, String key) {
        ObjectMeta meta = ObjectMeta.fromRequest(request);
        Optional<ServerSideEncryption> encryption = ServerSideEncryption.fromRequest(request, backend.settings());
        ObjectAcl acl = ObjectAcl.fromRequest(request);
        Tags tags = request.header("x-oss-tagging").map(Tags::fromHeader).orElse(Tags.NONE);
        Blob blob = request.bodyBlob();
        checkContentMd5(request, blob);
        String etag = Backend.upperHex(blob.md5());
        synchronized (store) {
            Bucket bucket = store.bucket(bucketName);
            String storageClass = StorageClass.fromRequest(request, bucket.storageClass());
            Backend.checkOverwrite(request, bucket, key);
            StoredObject object = new StoredObject(key, blob, etag, StoredObject.NORMAL, backend.now(),
                    new ObjectProperties(meta, encryption, acl, storageClass, tags));
            long delta = Backend.replace(bucket, object);
            OssResponse.Builder response = OssResponse.status(200)
                    .header("ETag", ObjectHeaders.quoted(etag))
                    .header("Content-MD5", Base64.getEncoder().encodeToString(blob.md5()))
                    .header("x-oss-hash-crc64ecma", Long.toUnsignedString(blob.crc64()));
            encryption.ifPresent(sse -> sse.writeTo(response));
            return response.afterSent(backend.objectCreated("ObjectCreated:PutObject", bucketName, object, delta,
                    request)).build();
        }
    }

    /** GET and HEAD: conditional headers, {@code Range} (GET only) and the {@code response-*} overrides (GET only). */
    OssResponse get(OssRequest request, String bucketName, String key) {
        StoredObject object;
        synchronized (store) {
            object = store.bucket(bucketName).existing(key);
        }
        if (!request.isHead() && StorageClass.needsRestore(object.properties().storageClass())) {
            throw new OssError(403, "InvalidObjectState", "The operation is not valid for the object's state")
                    .with("Key", key);
        }
        if (Conditions.forRead(request).notModified(object)) {
            return OssResponse.status(304).header("ETag", ObjectHeaders.quoted(object.etag()))
                    .header("Last-Modified", HttpDates.rfc1123(object.lastModified())).build();
        }
        if (request.isHead()) {
            OssResponse.Builder response = OssResponse.status(200);
            ObjectHeaders.write(object, response);
            return response.body(object.blob()).build();
        }
        Optional<long[]> range = request.header("range").flatMap(r -> ByteRange.parse(r, object.size(),
                request.header("x-oss-range-behavior").map("standard"::equals).orElse(false)));
        OssResponse.Builder response = OssResponse.status(range.isPresent() ? 206 : 200);
        ObjectHeaders.write(withOverrides(request, object), response);
        if (range.isPresent()) {
            long first = range.get()[0];
            long last = range.get()[1];
            response.header("Content-Range", "bytes " + first + "-" + last + "/" + object.size());
            return response.body(object.blob().slice(first, last - first + 1)).build();
        }
        return response.body(object.blob()).build();
    }

    private static StoredObject withOverrides(OssRequest request, StoredObject object) {
        boolean any = false;
        for (String[] override : RESPONSE_OVERRIDES) {
            any |= request.hasParam(override[0]);
        }
        if (!any) {
            return object;
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String[] override : RESPONSE_OVERRIDES) {
            request.param(override[0]).ifPresent(value -> overrides.put(override[1], value));
        }
        return object.with(object.properties().withMeta(object.properties().meta().overriding(overrides)));
    }

    /** GetObjectMeta (HEAD ?objectMeta): the few headers OSS returns without reading the object. */
    OssResponse getObjectMeta(String bucketName, String key) {
        StoredObject object;
        synchronized (store) {
            object = store.bucket(bucketName).existing(key);
        }
        return OssResponse.status(200).header("ETag", ObjectHeaders.quoted(object.etag()))
                .header("Last-Modified", HttpDates.rfc1123(object.lastModified()))
                .body(object.blob()).build();
    }

    /** OSS answers 204 whether or not the key existed. */
    OssResponse delete(String bucketName, String key) {
        synchronized (store) {
            store.bucket(bucketName).objects().remove(key);
        }
        return OssResponse.status(204).build();
    }

    /**
     * CopyObject. Encryption, ACL and storage class come from the request only. Copy-to-self takes all metadata
     * from the request whatever the directive, and keeps the content, ETag and object type; a copy to another key
     * follows {@code x-oss-metadata-directive} and is a Normal object whose ETag is the content MD5.
     */
    OssResponse copy(OssRequest request, String bucketName, String key) {
        CopySource source = CopySource.parse(request.header(CopySource.HEADER).orElseThrow(IllegalStateException::new));
        boolean replaceMeta = directive(request, "x-oss-metadata-directive");
        boolean replaceTags = directive(request, "x-oss-tagging-directive");
        Optional<ServerSideEncryption> encryption = ServerSideEncryption.fromRequest(request, backend.settings());
        ObjectAcl acl = ObjectAcl.fromRequest(request);
        ObjectMeta requestMeta = ObjectMeta.fromRequest(request);
        Optional<Tags> requestTags = replaceTags
                ? Optional.of(request.header("x-oss-tagging").map(Tags::fromHeader).orElse(Tags.NONE))
                : Optional.empty();
        boolean self = source.bucket().equals(bucketName) && source.key().equals(key);
        synchronized (store) {
            Bucket target = store.bucket(bucketName);
            StoredObject from = readableSource(request, source);
            if (from.size() > backend.settings().copyLimitBytes()) {
                throw new OssError(400, "EntityTooLarge", "Source object Length exceeds the maximum allowed size"
                        + " for CopyObject; use UploadPartCopy.").with("MaxSizeAllowed",
                        String.valueOf(backend.settings().copyLimitBytes()));
            }
            String storageClass = StorageClass.fromRequest(request, target.storageClass());
            Backend.checkOverwrite(request, target, key);
            ObjectMeta meta = self || replaceMeta ? requestMeta : from.properties().meta();
            String etag = self ? from.etag() : Backend.upperHex(from.blob().md5());
            String type = self ? from.objectType() : StoredObject.NORMAL;
            Instant now = backend.now();
            StoredObject copy = new StoredObject(key, from.blob(), etag, type, now,
                    new ObjectProperties(meta, encryption, acl, storageClass,
                            requestTags.orElse(from.properties().tags())));
            long delta = Backend.replace(target, copy);
            OssResponse.Builder response = OssResponse.status(200)
                    .header("ETag", ObjectHeaders.quoted(etag))
                    .header("x-oss-hash-crc64ecma", Long.toUnsignedString(copy.blob().crc64()));
            encryption.ifPresent(sse -> sse.writeTo(response));
            return response.xml(new XmlWriter().start("CopyObjectResult")
                            .element("LastModified", HttpDates.iso8601(now))
                            .element("ETag", ObjectHeaders.quoted(etag)).end().toBytes())
                    .afterSent(backend.objectCreated("ObjectCreated:CopyObject", bucketName, copy, delta, request))
                    .build();
        }
    }

    /**
     * The copy source, checked for existence, readability (archive classes need a restore) and the
     * {@code x-oss-copy-source-if-*} conditions. Call with the store lock held.
     */
    StoredObject readableSource(OssRequest request, CopySource source) {
        StoredObject from = store.bucket(source.bucket()).existing(source.key());
        if (StorageClass.needsRestore(from.properties().storageClass())) {
            throw new OssError(403, "InvalidObjectState", "The operation is not valid for the object's state")
                    .with("Key", source.key());
        }
        Conditions.forCopySource(request).notModified(from);
        return from;
    }

    /** COPY (default) or REPLACE, in any letter case since OSS's own docs spell both ways. */
    private static boolean directive(OssRequest request, String header) {
        Optional<String> value = request.header(header).map(v -> v.toUpperCase(Locale.ROOT));
        if (value.isPresent() && !value.get().equals("COPY") && !value.get().equals("REPLACE")) {
            throw OssError.invalidArgument(header + " must be COPY or REPLACE.", header, value.get());
        }
        return value.map("REPLACE"::equals).orElse(false);
    }

    OssResponse getAcl(String bucketName, String key) {
        StoredObject object;
        synchronized (store) {
            object = store.bucket(bucketName).existing(key);
        }
        return OssResponse.status(200).xml(Acls.policy(backend.settings(), object.properties().acl().wireName())).build();
    }

    OssResponse putAcl(OssRequest request, String bucketName, String key) {
        ObjectAcl acl = ObjectAcl.parse(request.header(ObjectAcl.HEADER).orElseThrow(() -> OssError.invalidArgument(
                "PutObjectACL requires " + ObjectAcl.HEADER + ".", ObjectAcl.HEADER, "")));
        synchronized (store) {
            Bucket bucket = store.bucket(bucketName);
            StoredObject object = bucket.existing(key);
            bucket.objects().put(key, object.with(object.properties().withAcl(acl)));
        }
        return OssResponse.status(200).build();
    }

    OssResponse getTagging(String bucketName, String key) {
        StoredObject object;
        synchronized (store) {
            object = store.bucket(bucketName).existing(key);
        }
        return OssResponse.status(200).xml(object.properties().tags().toXml()).build();
    }

    OssResponse putTagging(OssRequest request, String bucketName, String key) {
        Tags tags = Tags.fromXml(request.body());
        return retag(bucketName, key, tags, 200);
    }

    OssResponse deleteTagging(String bucketName, String key) {
        return retag(bucketName, key, Tags.NONE, 204);
    }

    private OssResponse retag(String bucketName, String key, Tags tags, int status) {
        synchronized (store) {
            Bucket bucket = store.bucket(bucketName);
            StoredObject object = bucket.existing(key);
            bucket.objects().put(key, object.with(object.properties().withTags(tags)));
        }
        return OssResponse.status(status).build();
    }

    /** A Content-MD5 that is not a base64 MD5, or does not match the body, is 400 {@code InvalidDigest}. */
    static void checkContentMd5(OssRequest request, Blob blob) {
        Optional<String> declared = request.header("content-md5");
        if (!declared.isPresent()) {
            return;
        }
        byte[] md5;
        try {
            md5 = Base64.getDecoder().decode(declared.get().trim());
        } catch (IllegalArgumentException e) {
            md5 = new byte[0];
        }
        if (md5.length != 16 || !MessageDigest.isEqual(md5, blob.md5())) {
            throw new OssError(400, "InvalidDigest", "The Content-MD5 you specified was invalid.")
                    .with("Content-MD5", declared.get());
        }
    }
}
