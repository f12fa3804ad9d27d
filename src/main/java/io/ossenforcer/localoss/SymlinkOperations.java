package io.ossenforcer.localoss;

/**
 * PutSymlink ({@code PUT ?symlink} with {@code x-oss-symlink-target}) and GetSymlink ({@code GET ?symlink}). A link
 * points at a key in its own bucket; OSS does not check that the target exists when the link is made.
 */
final class SymlinkOperations {
    static final String TARGET = "x-oss-symlink-target";

    private final Backend backend;
    private final Store store;

    SymlinkOperations(Backend backend) {
        this.backend = backend;
        this.store = backend.store();
    }

    /** The target header is URL-encoded (the SDK encodes it); metadata, ACL, class and tags are the link's own. */
    OssResponse put(OssRequest request, String bucketName, String key) {
        String header = request.header(TARGET).orElseThrow(() -> OssError.invalidArgument(
                "PutSymlink requires " + TARGET + ".", TARGET, ""));
        String target;
        try {
            target = Names.checkKey(UriEncoding.decode(header, true));
        } catch (IllegalArgumentException e) {
            throw OssError.invalidArgument(TARGET + " is not URL-encoded correctly.", TARGET, header);
        }
        synchronized (store) {
            Bucket bucket = store.bucket(bucketName);
            ObjectProperties properties = ObjectProperties.fromRequest(request, backend.settings(), bucket);
            backend.checkWritable(request, bucket, key);
            StoredObject link = StoredObject.symlink(key, bucket.nextVersionId(), target, backend.now(), properties);
            return backend.created("ObjectCreated:PutSymlink", bucket, link, request,
                    OssResponse.status(200).header("ETag", ObjectHeaders.quoted(link.etag())));
        }
    }

    /** The link's own headers plus its URL-encoded target; an object that is not a link is 400 NotSymlink. */
    OssResponse get(OssRequest request, String bucketName, String key) {
        StoredObject link;
        boolean versioned;
        synchronized (store) {
            Bucket bucket = store.bucket(bucketName);
            versioned = bucket.isVersioned();
            link = bucket.existing(key, request.param("versionId"));
        }
        String target = link.symlinkTarget().orElseThrow(() -> new OssError(400, "NotSymlink",
                "The specified object is not a symlink.").with("Key", key));
        OssResponse.Builder response = OssResponse.status(200);
        ObjectHeaders.write(link, versioned, response);
        return response.header(TARGET, UriEncoding.encode(target, true)).build();
    }
}
