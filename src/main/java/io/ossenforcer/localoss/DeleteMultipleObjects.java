package io.ossenforcer.localoss;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DeleteMultipleObjects and DeleteVersions ({@code POST /bucket?delete}): {@code Delete{Quiet, Object{Key,
 * VersionId}}}, at most 1000 objects, each deleted as DeleteObject would. Verbose (the default) answers a
 * {@code Deleted} entry per object, quiet none; {@code encoding-type=url} encodes the keys answered. OSS requires
 * Content-MD5 on this request.
 */
final class DeleteMultipleObjects {
    private static final int MAX_OBJECTS = 1000;

    private final Backend backend;
    private final ObjectOperations objects;

    DeleteMultipleObjects(Backend backend, ObjectOperations objects) {
        this.backend = backend;
        this.objects = objects;
    }

    OssResponse delete(OssRequest request, String bucketName) {
        if (!request.header("content-md5").isPresent()) {
            throw new OssError(400, "MissingArgument", "Missing Some Required Arguments.")
                    .with("ArgumentName", "Content-MD5");
        }
        ObjectOperations.checkContentMd5(request, request.bodyBlob());
        boolean url = ListingEncoding.isUrl(request);
        XmlReader root = XmlReader.parse(request.body(), "Delete");
        boolean quiet = root.child("Quiet").map(q -> q.text().trim().equalsIgnoreCase("true")).orElse(false);
        List<XmlReader> listed = root.children("Object");
        if (listed.isEmpty() || listed.size() > MAX_OBJECTS) {
            throw OssError.malformedXml();
        }
        List<String> keys = new ArrayList<>();
        List<Optional<String>> versions = new ArrayList<>();
        for (XmlReader object : listed) {
            keys.add(Names.checkKey(object.text("Key")));
            versions.add(object.child("VersionId").map(XmlReader::text).filter(v -> !v.isEmpty()));
        }
        XmlWriter xml = new XmlWriter().start("DeleteResult");
        if (url) {
            xml.element("EncodingType", "url");
        }
        Store store = backend.store();
        synchronized (store) {
            Bucket bucket = store.bucket(bucketName);
            // All or nothing: a key under a retention policy fails the request before anything is deleted.
            keys.forEach(key -> backend.checkMutable(bucket, key));
            for (int i = 0; i < keys.size(); i++) {
                ObjectOperations.Deletion deletion = objects.deleteOne(bucket, keys.get(i), versions.get(i));
                if (!quiet) {
                    xml.start("Deleted").element("Key", ListingEncoding.encode(keys.get(i), url));
                    versions.get(i).ifPresent(id -> xml.element("VersionId", id));
                    if (deletion.deleteMarker) {
                        xml.element("DeleteMarker", true);
                        deletion.versionId.ifPresent(id -> xml.element("DeleteMarkerVersionId", id));
                    }
                    xml.end();
                }
            }
        }
        return OssResponse.status(200).xml(xml.end().toBytes()).build();
    }
}
