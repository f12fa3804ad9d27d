package io.ossenforcer.localoss;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * PutObject, GetObject, HeadObject, DeleteObject, CopyObject and the object ACL and tagging sub-resources, all with
 * {@code versionId} where OSS takes it.
 */
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
        Blob blob = request.bodyBlob();
        checkContentMd5(request, blob);
        String etag = Backend.upperHex(blob.md5());
        synchronized (store) {
            Bucket bucket = store.bucket(bucketName);
            ObjectProperties properties = ObjectProperties.fromRequest(request, backend.settings(), bucket);
            backend.checkWritable(request, bucket, key);
            StoredObject object = new StoredObject(key, bucket.nextVersionId(), blob, etag, StoredObject.NORMAL,
                    backend.now(), properties);
            OssResponse.Builder response = OssResponse.status(200)
                    .header("ETag", ObjectHeaders.quoted(etag))
                    .header("Content-MD5", Base64.getEncoder().encodeToString(blob.md5()))
                    .header("x-oss-hash-crc64ecma", Long.toUnsignedString(blob.crc64()));
            properties.encryption().ifPresent(sse -> sse.writeTo(response));
            return backend.created("ObjectCreated:PutObject", bucket, object, request, response);
        }
    }

    /**
     * GET and HEAD of the current or the requested version: conditional headers, {@code Range} and the
     * {@code response-*} overrides (GET only). A symlink is served as its target's content under its own headers.
     */
    OssResponse get(OssRequest request, String bucketName, String key) {
        StoredObject object;
        boolean versioned;
        synchronized (store) {
            Bucket bucket = store.bucket(bucketName);
            versioned = bucket.isVersioned();
            object = served(bucket, bucket.existing(key, request.param("versionId")), request.isHead());
        }
        if (Conditions.forRead(request).notModified(object)) {
            return OssResponse.status(304).header("ETag", ObjectHeaders.quoted(object.etag()))
                    .header("Last-Modified", HttpDates.rfc1123(object.lastModified())).build();
        }
        if (request.isHead()) {
            OssResponse.Builder response = OssResponse.status(200);
            ObjectHeaders.write(object, versioned, response);
            return response.body(object.blob()).build();
        }
        Optional<long[]> range = request.header("range").flatMap(r -> ByteRange.parse(r, object.size(),
                request.header("x-oss-range-behavior").map("standard"::equals).orElse(false)));
        OssResponse.Builder response = OssResponse.status(range.isPresent() ? 206 : 200);
        ObjectHeaders.write(withOverrides(request, object), versioned, response);
        if (range.isPresent()) {
            long first = range.get()[0];
            long last = range.get()[1];
            response.header("Content-Range", "bytes " + first + "-" + last + "/" + object.size());
            return response.body(object.blob().slice(first, last - first + 1)).build();
        }
        return response.body(object.blob()).build();
    }

    /**
     * What a GET or HEAD of {@code object} serves: a symlink resolves to its target in the same bucket (404
     * SymlinkTargetNotExist when it is missing, 400 InvalidTargetType when it is itself a link, as OSS answers); a
     * GET of unrestored archive content is 403 InvalidObjectState. Call with the store lock held.
     */
    private StoredObject served(Bucket bucket, StoredObject object, boolean head) {
        StoredObject content = object;
        if (object.symlinkTarget().isPresent()) {
            String targetKey = object.symlinkTarget().get();
            content = bucket.object(targetKey)
                    .orElseThrow(() -> new OssError(404, "SymlinkTargetNotExist",
                            "The symlink target object does not exist").with("Key", object.key())
                            .with("SymlinkTarget", targetKey));
            if (content.symlinkTarget().isPresent()) {
                throw new OssError(400, "InvalidTargetType", "The symbolic's target file type is invalid")
                        .with("Key", object.key()).with("SymlinkTarget", targetKey);
            }
        }
        if (!head && !content.isReadable(backend.now())) {
            throw OssError.invalidObjectState(content.key());
        }
        return content == object ? object : object.resolvedTo(content);
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
    OssResponse getObjectMeta(OssRequest request, String bucketName, String key) {
        synchronized (store) {
            Bucket bucket = store.bucket(bucketName);
            StoredObject object = bucket.existing(key, request.param("versionId"));
            OssResponse.Builder response = OssResponse.status(200)
                    .header("ETag", ObjectHeaders.quoted(object.etag()))
                    .header("Last-Modified", HttpDates.rfc1123(object.lastModified()));
            Backend.versionHeader(bucket, object, response);
            return response.body(object.blob()).build();
        }
    }

    /**
     * DeleteObject answers 204 whether or not the key existed. With {@code versionId} it removes that version for
     * good; without, a versioned bucket gets a delete marker (suspended: with version id "null", replacing the null
     * version) and an unversioned one loses the object.
     */
    OssResponse delete(OssRequest request, String bucketName, String key) {
        Deletion deletion;
        synchronized (store) {
            Bucket bucket = store.bucket(bucketName);
            backend.checkMutable(bucket, key);
            deletion = deleteOne(bucket, key, request.param("versionId"));
        }
        OssResponse.Builder response = OssResponse.status(204);
        deletion.versionId.ifPresent(id -> response.header("x-oss-version-id", id));
        if (deletion.deleteMarker) {
            response.header("x-oss-delete-marker", "true");
        }
        return response.build();
    }

    /**
     * Deletes one key or version as DeleteObject does (a delete marker on a versioned bucket when no version is
     * named). Call with the store lock held, after checking the key is mutable.
     */
    Deletion deleteOne(Bucket bucket, String key, Optional<String> versionId) {
        if (versionId.isPresent()) {
            Optional<StoredObject> removed = bucket.removeVersion(key, versionId.get());
            return new Deletion(versionId, removed.map(StoredObject::isDeleteMarker).orElse(false));
        }
        if (bucket.isVersioned()) {
            StoredObject marker = StoredObject.deleteMarker(key, bucket.nextVersionId(), backend.now());
            bucket.write(marker);
            return new Deletion(Optional.of(marker.versionId()), true);
        }
        bucket.removeVersion(key, StoredObject.NULL_VERSION);
        return new Deletion(Optional.empty(), false);
    }

    /** What a deletion did: the version id it names (the one removed or the new marker) and whether it is a marker. */
    static final class Deletion {
        final Optional<String> versionId;
        final boolean deleteMarker;

        Deletion(Optional<String> versionId, boolean deleteMarker) {
            this.versionId = versionId;
            this.deleteMarker = deleteMarker;
        }
    }

    /**
     * CopyObject. Encryption, ACL and storage class come from the request only (encryption else from the bucket's
     * default). Copy-to-self (same key, whatever the source version) in a bucket whose versioning is not enabled takes
     * all metadata from the request whatever the directive (OSS's CopyObject docs), and keeps the content, ETag and
     * object type; otherwise {@code x-oss-metadata-directive} decides, and a copy to another key is a Normal object
     * whose ETag is the content MD5. A symlink source copies the link, not its target. On a versioned bucket the copy
     * is a new version and the source version stays.
     */
    OssResponse copy(OssRequest request, String bucketName, String key) {
        CopySource source = CopySource.parse(request.header(CopySource.HEADER).orElseThrow(IllegalStateException::new));
        boolean replaceMeta = directive(request, "x-oss-metadata-directive");
        boolean replaceTags = directive(request, "x-oss-tagging-directive");
        Optional<Tags> requestTags = replaceTags
                ? Optional.of(request.header("x-oss-tagging").map(Tags::fromHeader).orElse(Tags.NONE))
                : Optional.empty();
        boolean self = source.bucket().equals(bucketName) && source.key().equals(key);
        // OSS checks the SSE headers before it looks at the source (InvalidEncryptionAlgorithmError first).
        ServerSideEncryption.fromRequest(request, backend.settings());
        synchronized (store) {
            Bucket target = store.bucket(bucketName);
            StoredObject from = copySource(request, source, false);
            if (from.size() > backend.settings().copyLimitBytes()) {
                throw new OssError(400, "EntityTooLarge", "Source object Length exceeds the maximum allowed size"
                        + " for CopyObject; use UploadPartCopy.").with("MaxSizeAllowed",
                        String.valueOf(backend.settings().copyLimitBytes()));
            }
            ObjectProperties requested = ObjectProperties.fromRequest(request, backend.settings(), target);
            backend.checkWritable(request, target, key);
            boolean requestOnly = self && target.versioning() != Versioning.ENABLED;
            ObjectProperties properties = new ObjectProperties(
                    requestOnly || replaceMeta ? requested.meta() : from.properties().meta(), requested.encryption(),
                    requested.acl(), requested.storageClass(), requestTags.orElse(from.properties().tags()));
            Instant now = backend.now();
            String versionId = target.nextVersionId();
            StoredObject copy;
            if (from.symlinkTarget().isPresent()) {
                copy = StoredObject.symlink(key, versionId, from.symlinkTarget().get(), now, properties);
            } else {
                copy = new StoredObject(key, versionId, from.blob(),
                        self ? from.etag() : Backend.upperHex(from.blob().md5()),
                        self ? from.objectType() : StoredObject.NORMAL, now, properties);
            }
            OssResponse.Builder response = OssResponse.status(200)
                    .header("ETag", ObjectHeaders.quoted(copy.etag()))
                    .header("x-oss-hash-crc64ecma", Long.toUnsignedString(copy.blob().crc64()));
            properties.encryption().ifPresent(sse -> sse.writeTo(response));
            if (store.bucket(source.bucket()).isVersioned()) {
                response.header("x-oss-copy-source-version-id", from.versionId());
            }
            response.xml(new XmlWriter().start("CopyObjectResult")
                    .element("LastModified", HttpDates.iso8601(now))
                    .element("ETag", ObjectHeaders.quoted(copy.etag())).end().toBytes());
            return backend.created("ObjectCreated:CopyObject", target, copy, request, response);
        }
    }

    /**
     * The copy source version, checked for the {@code x-oss-copy-source-if-*} conditions and for being copyable:
     * archive-class content must be restored (403 InvalidObjectState); an Appendable object cannot be copied (OSS's
     * docs; the code is unconfirmed); a part cannot be copied from a symlink (strict: OSS does not say it resolves
     * it). Call with the store lock held.
     */
    StoredObject copySource(OssRequest request, CopySource source, boolean forPart) {
        StoredObject from = store.bucket(source.bucket()).existing(source.key(), source.versionId());
        if (from.objectType().equals(StoredObject.APPENDABLE)) {
            throw OssError.operationNotSupported("An Appendable object cannot be a copy source.", source.key());
        }
        if (forPart && from.symlinkTarget().isPresent()) {
            throw OssError.operationNotSupported("UploadPartCopy cannot copy from a symlink.", source.key());
        }
        if (!from.symlinkTarget().isPresent() && !from.isReadable(backend.now())) {
            throw OssError.invalidObjectState(source.key());
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

    /** With {@code versionId} the answer names the version in {@code x-oss-version-id}, as OSS's does. */
    OssResponse getAcl(OssRequest request, String bucketName, String key) {
        StoredObject object;
        synchronized (store) {
            object = store.bucket(bucketName).existing(key, request.param("versionId"));
        }
        OssResponse.Builder response = OssResponse.status(200);
        if (request.hasParam("versionId")) {
            response.header("x-oss-version-id", object.versionId());
        }
        return response.xml(Acls.policy(backend.settings(), object.properties().acl().wireName())).build();
    }

    OssResponse putAcl(OssRequest request, String bucketName, String key) {
        ObjectAcl acl = ObjectAcl.parse(request.header(ObjectAcl.HEADER).orElseThrow(() -> OssError.invalidArgument(
                "PutObjectACL requires " + ObjectAcl.HEADER + ".", ObjectAcl.HEADER, "")));
        return change(request, bucketName, key, p -> p.withAcl(acl), 200);
    }

    OssResponse getTagging(OssRequest request, String bucketName, String key) {
        StoredObject object;
        synchronized (store) {
            object = store.bucket(bucketName).existing(key, request.param("versionId"));
        }
        return OssResponse.status(200).xml(object.properties().tags().toXml()).build();
    }

    OssResponse putTagging(OssRequest request, String bucketName, String key) {
        Tags tags = Tags.fromXml(request.body());
        return change(request, bucketName, key, p -> p.withTags(tags), 200);
    }

    OssResponse deleteTagging(OssRequest request, String bucketName, String key) {
        return change(request, bucketName, key, p -> p.withTags(Tags.NONE), 204);
    }

    /** Changes the properties of one version in place (no new version, same ETag and Last-Modified). */
    private OssResponse change(OssRequest request, String bucketName, String key,
            UnaryOperator<ObjectProperties> change, int status) {
        synchronized (store) {
            Bucket bucket = store.bucket(bucketName);
            StoredObject object = bucket.existing(key, request.param("versionId"));
            backend.checkMutable(bucket, key);
            bucket.update(object, object.with(change.apply(object.properties())));
            OssResponse.Builder response = OssResponse.status(status);
            Backend.versionHeader(bucket, object, response);
            return response.build();
        }
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
