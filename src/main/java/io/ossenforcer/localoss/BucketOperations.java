package io.ossenforcer.localoss;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * PutBucket, DeleteBucket, GetBucketInfo, GetBucketAcl, ListBuckets, ListObjects (v1 and v2) and ListObjectVersions.
 */
final class BucketOperations {
    private static final List<String> BUCKET_ACLS = Arrays.asList("private", "public-read", "public-read-write");

    private final Backend backend;
    private final Store store;

    BucketOperations(Backend backend) {
        this.backend = backend;
        this.store = backend.store();
    }

    /** Creating a bucket that exists, even one's own, is 409 BucketAlreadyExists (strict). */
    OssResponse put(OssRequest request, String name) {
        String acl = request.header("x-oss-acl").orElse("private");
        if (!BUCKET_ACLS.contains(acl)) {
            throw OssError.invalidArgument("no such bucket access control exists", "x-oss-acl", acl);
        }
        String storageClass = StorageClass.STANDARD;
        byte[] body = request.body();
        if (body.length > 0) {
            storageClass = XmlReader.parse(body, "CreateBucketConfiguration").child("StorageClass")
                    .map(c -> StorageClass.parse(c.text().trim())).orElse(StorageClass.STANDARD);
        }
        synchronized (store) {
            if (store.hasBucket(name)) {
                throw new OssError(409, "BucketAlreadyExists", "The requested bucket name is not available. The"
                        + " bucket namespace is shared by all users of the system. Please select a different name and"
                        + " try again.").with("BucketName", name);
            }
            store.addBucket(new Bucket(name, backend.now(), storageClass, acl));
        }
        return OssResponse.status(200).header("Location", "/" + name).build();
    }

    OssResponse delete(String name) {
        synchronized (store) {
            Bucket bucket = store.bucket(name);
            if (!bucket.isEmpty()) {
                throw new OssError(409, "BucketNotEmpty", "The bucket you tried to delete is not empty.")
                        .with("BucketName", name);
            }
            if (!bucket.uploads().isEmpty()) {
                throw new OssError(409, "BucketNotEmpty", "The bucket has Multipart Uploads.")
                        .with("BucketName", name);
            }
            store.removeBucket(name);
        }
        return OssResponse.status(204).build();
    }

    OssResponse getAcl(String name) {
        String acl;
        synchronized (store) {
            acl = store.bucket(name).acl();
        }
        return OssResponse.status(200).xml(Acls.policy(backend.settings(), acl)).build();
    }

    OssResponse info(String name) {
        Bucket bucket;
        Optional<ServerSideEncryption> encryption;
        synchronized (store) {
            bucket = store.bucket(name);
            encryption = bucket.defaultEncryption();
        }
        Settings settings = backend.settings();
        XmlWriter xml = new XmlWriter().start("BucketInfo").start("Bucket")
                .element("AccessMonitor", "Disabled")
                .element("CreationDate", HttpDates.iso8601(bucket.created()))
                .element("ExtranetEndpoint", "oss-" + settings.region() + ".aliyuncs.com")
                .element("IntranetEndpoint", "oss-" + settings.region() + "-internal.aliyuncs.com")
                .element("Location", "oss-" + settings.region())
                .element("StorageClass", bucket.storageClass())
                .element("TransferAcceleration", "Disabled")
                .element("CrossRegionReplication", "Disabled")
                .element("Name", bucket.name())
                .element("DataRedundancyType", "LRS")
                .start("Owner").element("DisplayName", settings.accountId()).element("ID", settings.accountId()).end()
                .start("AccessControlList").element("Grant", bucket.acl()).end()
                .start("ServerSideEncryptionRule")
                .element("SSEAlgorithm", encryption.map(ServerSideEncryption::algorithm).orElse("None"));
        // OSS omits the KMS elements it has no value for (the SDK then reports null, not "").
        encryption.flatMap(ServerSideEncryption::keyId).ifPresent(id -> xml.element("KMSMasterKeyID", id));
        encryption.flatMap(ServerSideEncryption::dataEncryption)
                .ifPresent(data -> xml.element("KMSDataEncryption", data));
        xml.end()
                .start("BucketPolicy").element("LogBucket", "").element("LogPrefix", "").end()
                .end().end();
        return OssResponse.status(200).xml(xml.toBytes()).build();
    }

    OssResponse listBuckets(OssRequest request) {
        String prefix = request.param("prefix").orElse("");
        Settings settings = backend.settings();
        XmlWriter xml = new XmlWriter().start("ListAllMyBucketsResult")
                .start("Owner").element("ID", settings.accountId()).element("DisplayName", settings.accountId()).end()
                .start("Buckets");
        List<Bucket> buckets;
        synchronized (store) {
            buckets = store.buckets();
        }
        for (Bucket bucket : buckets) {
            if (bucket.name().startsWith(prefix)) {
                xml.start("Bucket")
                        .element("CreationDate", HttpDates.iso8601(bucket.created()))
                        .element("ExtranetEndpoint", "oss-" + settings.region() + ".aliyuncs.com")
                        .element("IntranetEndpoint", "oss-" + settings.region() + "-internal.aliyuncs.com")
                        .element("Location", "oss-" + settings.region())
                        .element("Name", bucket.name())
                        .element("Region", settings.region())
                        .element("StorageClass", bucket.storageClass()).end();
            }
        }
        return OssResponse.status(200).xml(xml.end().end().toBytes()).build();
    }

    /**
     * ListObjects v1 ({@code marker}) and v2 ({@code list-type=2}, {@code continuation-token}, {@code start-after},
     * {@code fetch-owner}): keys in UTF-8 byte order after the marker, rolled up into common prefixes by the
     * delimiter; a common prefix counts against {@code max-keys} (default 100, at most 1000) like a key.
     */
    OssResponse listObjects(OssRequest request, String bucketName) {
        boolean v2 = request.hasParam("list-type");
        if (v2 && !request.param("list-type").orElse("").equals("2")) {
            throw OssError.invalidArgument("list-type must be 2.", "list-type", request.param("list-type").orElse(""));
        }
        int maxKeys = ListingEncoding.intParam(request, "max-keys", 100, 1000);
        String prefix = request.param("prefix").orElse("");
        String delimiter = request.param("delimiter").orElse("");
        boolean url = ListingEncoding.isUrl(request);
        String marker = v2 ? request.param("continuation-token").map(BucketOperations::fromToken)
                .orElse(request.param("start-after").orElse("")) : request.param("marker").orElse("");
        List<StoredObject> contents = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String lastReturned = "";
        boolean truncated = false;
        synchronized (store) {
            for (StoredObject object : store.bucket(bucketName).objects().tailMap(marker, false).values()) {
                String key = object.key();
                if (!key.startsWith(prefix)) {
                    if (Bucket.KEY_ORDER.compare(key, prefix) > 0) {
                        break;
                    }
                    continue;
                }
                Optional<String> rolledUp = ListingEncoding.commonPrefix(key, prefix, delimiter);
                String entry = rolledUp.orElse(key);
                if (rolledUp.isPresent() && (Bucket.KEY_ORDER.compare(entry, marker) <= 0
                        || entry.equals(lastReturned))) {
                    continue;
                }
                if (contents.size() + prefixes.size() == maxKeys) {
                    truncated = true;
                    break;
                }
                if (rolledUp.isEmpty()) {
                    contents.add(object);
                } else {
                    prefixes.add(entry);
                }
                lastReturned = entry;
            }
        }
        XmlWriter xml = new XmlWriter().start("ListBucketResult")
                .element("Name", bucketName)
                .element("Prefix", ListingEncoding.encode(prefix, url));
        if (v2) {
            request.param("start-after").ifPresent(s -> xml.element("StartAfter", ListingEncoding.encode(s, url)));
            request.param("continuation-token").ifPresent(t -> xml.element("ContinuationToken", t));
        } else {
            xml.element("Marker", ListingEncoding.encode(marker, url));
        }
        xml.element("MaxKeys", maxKeys)
                .element("Delimiter", ListingEncoding.encode(delimiter, url))
                .element("IsTruncated", truncated);
        if (truncated) {
            if (v2) {
                xml.element("NextContinuationToken", toToken(lastReturned));
            } else {
                xml.element("NextMarker", ListingEncoding.encode(lastReturned, url));
            }
        }
        if (v2) {
            xml.element("KeyCount", contents.size() + prefixes.size());
        }
        if (url) {
            xml.element("EncodingType", "url");
        }
        boolean owner = !v2 || request.param("fetch-owner").map("true"::equals).orElse(false);
        for (StoredObject object : contents) {
            xml.start("Contents")
                    .element("Key", ListingEncoding.encode(object.key(), url))
                    .element("LastModified", HttpDates.iso8601(object.lastModified()))
                    .element("ETag", ObjectHeaders.quoted(object.etag()))
                    .element("Type", object.objectType())
                    .element("Size", object.size())
                    .element("StorageClass", object.properties().storageClass());
            restoreInfo(object, xml);
            if (owner) {
                xml.start("Owner").element("ID", backend.settings().accountId())
                        .element("DisplayName", backend.settings().accountId()).end();
            }
            xml.end();
        }
        for (String commonPrefix : prefixes) {
            xml.start("CommonPrefixes").element("Prefix", ListingEncoding.encode(commonPrefix, url)).end();
        }
        return OssResponse.status(200).xml(xml.end().toBytes()).build();
    }

    /**
     * ListObjectVersions ({@code GET ?versions}): every version and delete marker, keys in UTF-8 byte order and each
     * key's versions newest first, after {@code key-marker} (and, within that key, after {@code version-id-marker});
     * {@code prefix}, {@code delimiter} (keys rolled up into common prefixes, each counting against max-keys once),
     * {@code max-keys} and {@code encoding-type=url} as in ListObjects.
     */
    OssResponse listVersions(OssRequest request, String bucketName) {
        String delimiter = request.param("delimiter").orElse("");
        int maxKeys = ListingEncoding.intParam(request, "max-keys", 100, 1000);
        String prefix = request.param("prefix").orElse("");
        String keyMarker = request.param("key-marker").orElse("");
        Optional<String> versionMarker = request.param("version-id-marker");
        if (versionMarker.isPresent() && keyMarker.isEmpty()) {
            throw OssError.invalidArgument("version-id-marker requires key-marker.", "version-id-marker",
                    versionMarker.get());
        }
        boolean url = ListingEncoding.isUrl(request);
        List<StoredObject> page = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        Set<StoredObject> latest = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean truncated = false;
        Optional<StoredObject> lastVersion = Optional.empty();
        String lastEntry = "";
        synchronized (store) {
            outer:
            for (List<StoredObject> versions : store.bucket(bucketName).versions()
                    .tailMap(keyMarker, versionMarker.isPresent()).values()) {
                String key = versions.get(0).key();
                if (!key.startsWith(prefix)) {
                    if (Bucket.KEY_ORDER.compare(key, prefix) > 0) {
                        break;
                    }
                    continue;
                }
                Optional<String> rolledUp = ListingEncoding.commonPrefix(key, prefix, delimiter);
                if (rolledUp.isPresent()) {
                    String entry = rolledUp.get();
                    if (Bucket.KEY_ORDER.compare(entry, keyMarker) <= 0 || entry.equals(lastEntry)) {
                        continue;
                    }
                    if (page.size() + prefixes.size() == maxKeys) {
                        truncated = true;
                        break;
                    }
                    prefixes.add(entry);
                    lastEntry = entry;
                    lastVersion = Optional.empty();
                    continue;
                }
                int from = 0;
                if (key.equals(keyMarker)) {
                    while (from < versions.size() && !versions.get(from).versionId().equals(versionMarker.get())) {
                        from++;
                    }
                    from++;
                }
                for (StoredObject version : versions.subList(Math.min(from, versions.size()), versions.size())) {
                    if (page.size() + prefixes.size() == maxKeys) {
                        truncated = true;
                        break outer;
                    }
                    page.add(version);
                    lastEntry = key;
                    lastVersion = Optional.of(version);
                    if (version == versions.get(0)) {
                        latest.add(version);
                    }
                }
            }
        }
        Settings settings = backend.settings();
        XmlWriter xml = new XmlWriter().start("ListVersionsResult")
                .element("Name", bucketName)
                .element("Prefix", ListingEncoding.encode(prefix, url))
                .element("KeyMarker", ListingEncoding.encode(keyMarker, url))
                .element("VersionIdMarker", versionMarker.orElse(""))
                .element("MaxKeys", maxKeys)
                .element("Delimiter", ListingEncoding.encode(delimiter, url))
                .element("IsTruncated", truncated);
        if (truncated) {
            // After a common prefix the next page starts past it: a key marker alone says so.
            xml.element("NextKeyMarker", ListingEncoding.encode(lastEntry, url));
            lastVersion.ifPresent(last -> xml.element("NextVersionIdMarker", last.versionId()));
        }
        if (url) {
            xml.element("EncodingType", "url");
        }
        for (StoredObject version : page) {
            xml.start(version.isDeleteMarker() ? "DeleteMarker" : "Version")
                    .element("Key", ListingEncoding.encode(version.key(), url))
                    .element("VersionId", version.versionId())
                    .element("IsLatest", latest.contains(version))
                    .element("LastModified", HttpDates.iso8601(version.lastModified()));
            if (!version.isDeleteMarker()) {
                xml.element("ETag", ObjectHeaders.quoted(version.etag()))
                        .element("Type", version.objectType())
                        .element("Size", version.size())
                        .element("StorageClass", version.properties().storageClass());
                restoreInfo(version, xml);
            }
            xml.start("Owner").element("ID", settings.accountId()).element("DisplayName", settings.accountId())
                    .end().end();
        }
        for (String commonPrefix : prefixes) {
            xml.start("CommonPrefixes").element("Prefix", ListingEncoding.encode(commonPrefix, url)).end();
        }
        return OssResponse.status(200).xml(xml.end().toBytes()).build();
    }

    /** An object with a restore asked for carries {@code RestoreInfo}, worded like its x-oss-restore header. */
    private static void restoreInfo(StoredObject object, XmlWriter xml) {
        object.restore().ifPresent(restore -> xml.element("RestoreInfo", restore.header()));
    }

    /** Continuation tokens are opaque to clients; here they carry the last returned entry. */
    private static String toToken(String lastReturned) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastReturned.getBytes(StandardCharsets.UTF_8));
    }

    private static String fromToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OssError.invalidArgument("The continuation token provided is incorrect.", "continuation-token",
                    token);
        }
    }
}
