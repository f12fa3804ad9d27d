package io.ossenforcer.localoss;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * InitiateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload, AbortMultipartUpload, ListParts and
 * ListMultipartUploads. Until Complete, nothing touches the object at the key.
 */
final class MultipartOperations {
    /** Every part but the last must be at least 100 KB. */
    static final long MIN_PART_SIZE = 100 * 1024;
    private static final int MAX_PART_NUMBER = 10_000;

    private final Backend backend;
    private final Store store;
    private final ObjectOperations objects;

    MultipartOperations(Backend backend, ObjectOperations objects) {
        this.backend = backend;
        this.store = backend.store();
        this.objects = objects;
    }

    /** Fixes the final object's metadata, SSE, ACL, storage class and tags; answers with the SSE headers. */
    OssResponse initiate(OssRequest request, String bucketName, String key) {
        Upload upload;
        synchronized (store) {
            Bucket bucket = store.bucket(bucketName);
            ObjectProperties properties = ObjectProperties.fromRequest(request, backend.settings(), bucket);
            backend.checkWritable(request, bucket, key);
            upload = new Upload(Backend.randomHex(16), key, backend.now(), properties);
            bucket.uploads().put(upload.uploadId(), upload);
        }
        boolean url = ListingEncoding.isUrl(request);
        XmlWriter xml = new XmlWriter().start("InitiateMultipartUploadResult")
                .element("Bucket", bucketName)
                .element("Key", ListingEncoding.encode(key, url))
                .element("UploadId", upload.uploadId());
        if (url) {
            xml.element("EncodingType", "url");
        }
        OssResponse.Builder response = OssResponse.status(200);
        upload.properties().encryption().ifPresent(sse -> sse.writeTo(response));
        return response.xml(xml.end().toBytes()).build();
    }

    OssResponse uploadPart(OssRequest request, String bucketName, String key) {
        int partNumber = partNumber(request);
        String uploadId = uploadId(request);
        Blob blob = request.bodyBlob();
        ObjectOperations.checkContentMd5(request, blob);
        Part part = new Part(partNumber, blob, Backend.upperHex(blob.md5()), backend.now());
        return storePart(bucketName, key, uploadId, part).header("ETag", ObjectHeaders.quoted(part.etag())).build();
    }

    /**
     * A part sliced from an existing object, without copying bytes. Its MD5 is computed outside the store lock, so a
     * multi-GB part does not stall other requests.
     */
    OssResponse uploadPartCopy(OssRequest request, String bucketName, String key) {
        int partNumber = partNumber(request);
        String uploadId = uploadId(request);
        CopySource source = CopySource.parse(request.header(CopySource.HEADER).orElseThrow(IllegalStateException::new));
        Blob sourceBlob;
        synchronized (store) {
            store.bucket(bucketName).upload(uploadId, key);
            sourceBlob = objects.copySource(request, source, true).blob();
        }
        Blob blob = request.header("x-oss-copy-source-range")
                .map(range -> sliceOf(sourceBlob, range)).orElse(sourceBlob);
        Part part = new Part(partNumber, blob, Backend.upperHex(blob.md5()), backend.now());
        return storePart(bucketName, key, uploadId, part).xml(new XmlWriter().start("CopyPartResult")
                .element("LastModified", HttpDates.iso8601(part.lastModified()))
                .element("ETag", ObjectHeaders.quoted(part.etag())).end().toBytes()).build();
    }

    /** Adds the part (replacing one with its number); answers with its CRC64 and the upload's SSE headers. */
    private OssResponse.Builder storePart(String bucketName, String key, String uploadId, Part part) {
        Upload upload;
        synchronized (store) {
            upload = store.bucket(bucketName).upload(uploadId, key);
            upload.putPart(part);
        }
        OssResponse.Builder response = OssResponse.status(200)
                .header("x-oss-hash-crc64ecma", Long.toUnsignedString(part.blob().crc64()));
        upload.properties().encryption().ifPresent(sse -> sse.writeTo(response));
        return response;
    }

    /**
     * {@code bytes=first-last} inside the source is that slice. Any other range (past the end, reversed, malformed)
     * copies the whole source, as OSS does: its SDK's tests see a part ETag equal to the source's, so a range bug
     * silently builds a wrong object and only the client's own verification can catch it.
     */
    private static Blob sliceOf(Blob source, String range) {
        String spec = range.trim();
        String[] bounds = spec.startsWith("bytes=") ? spec.substring(6).split("-", -1) : new String[0];
        try {
            if (bounds.length == 2) {
                long first = Long.parseLong(bounds[0]);
                long last = Long.parseLong(bounds[1]);
                if (first >= 0 && first <= last && last < source.size()) {
                    return source.slice(first, last - first + 1);
                }
            }
        } catch (NumberFormatException e) {
            // not a range OSS can apply: the whole source, below
        }
        return source;
    }

    /**
     * Checks the listed parts (ascending, uploaded, same ETag, all but the last at least 100 KB) and makes the object:
     * a concatenation of the parts whose ETag is {@code MD5(part ETags)-N} and whose CRC64 combines the parts'.
     */
    OssResponse complete(OssRequest request, String bucketName, String key) {
        String uploadId = uploadId(request);
        Optional<String> completeAll = request.header("x-oss-complete-all");
        if (completeAll.isPresent() && !completeAll.get().trim().equals("yes")) {
            throw OssError.invalidArgument("x-oss-complete-all must be yes.", "x-oss-complete-all",
                    completeAll.get());
        }
        if (completeAll.isPresent() && request.body().length > 0) {
            throw OssError.invalidArgument("With x-oss-complete-all the request body must be empty.",
                    "x-oss-complete-all", completeAll.get());
        }
        // Zero listed parts is accepted, as OSS does: an empty object.
        List<XmlReader> listed = completeAll.isPresent() ? List.of()
                : XmlReader.parse(request.body(), "CompleteMultipartUpload").children("Part");
        synchronized (store) {
            Bucket bucket = store.bucket(bucketName);
            Upload upload = bucket.upload(uploadId, key);
            List<Part> parts = completeAll.isPresent() ? checkedSizes(upload.parts()) : chosenParts(upload, listed);
            backend.checkWritable(request, bucket, key);
            // OSS's multipart ETag (the SDK's calcMultipartsETag): MD5 of the concatenated upper-case hex part
            // ETags, not S3's MD5 of the binary digests.
            StringBuilder partEtags = new StringBuilder();
            List<Blob> blobs = new ArrayList<>();
            for (Part part : parts) {
                partEtags.append(part.etag());
                blobs.add(part.blob());
            }
            MessageDigest md5 = Blob.newMd5();
            String etag = Backend.upperHex(md5.digest(partEtags.toString().getBytes(StandardCharsets.US_ASCII)))
                    + "-" + parts.size();
            // An x-oss-object-acl on Complete (the SDK's CompleteMultipartUploadRequest.setObjectACL) wins over
            // the one given at Initiate.
            ObjectProperties properties = ObjectAcl.given(request).isPresent()
                    ? upload.properties().withAcl(ObjectAcl.fromRequest(request)) : upload.properties();
            StoredObject object = new StoredObject(key, bucket.nextVersionId(), new ConcatBlob(blobs), etag,
                    StoredObject.MULTIPART, backend.now(), properties);
            bucket.uploads().remove(uploadId);
            boolean url = ListingEncoding.isUrl(request);
            XmlWriter xml = new XmlWriter().start("CompleteMultipartUploadResult");
            if (url) {
                xml.element("EncodingType", "url");
            }
            xml.element("Location", location(request, bucketName, key))
                    .element("Bucket", bucketName)
                    .element("Key", ListingEncoding.encode(key, url))
                    .element("ETag", ObjectHeaders.quoted(etag));
            OssResponse.Builder response = OssResponse.status(200)
                    .header("ETag", ObjectHeaders.quoted(etag))
                    .header("x-oss-hash-crc64ecma", Long.toUnsignedString(object.blob().crc64()));
            upload.properties().encryption().ifPresent(sse -> sse.writeTo(response));
            response.xml(xml.end().toBytes());
            return backend.created("ObjectCreated:CompleteMultipartUpload", bucket, object, request, response);
        }
    }

    private static List<Part> chosenParts(Upload upload, List<XmlReader> listed) {
        List<Part> parts = new ArrayList<>();
        int previous = 0;
        for (XmlReader entry : listed) {
            int number;
            try {
                number = Integer.parseInt(entry.text("PartNumber").trim());
            } catch (NumberFormatException e) {
                throw OssError.malformedXml();
            }
            if (number <= previous) {
                throw new OssError(400, "InvalidPartOrder", "The list of parts was not in ascending order. Parts"
                        + " list must be specified in order by part number.").with("PartNumber", entry.text("PartNumber"));
            }
            previous = number;
            String etag = Conditions.unquote(entry.text("ETag").trim());
            Optional<Part> part = upload.part(number).filter(p -> p.etag().equals(etag));
            if (!part.isPresent()) {
                throw new OssError(400, "InvalidPart", "One or more of the specified parts could not be found or the"
                        + " specified entity tag might not have matched the part's entity tag.")
                        .with("PartNumber", String.valueOf(number)).with("ETag", etag);
            }
            parts.add(part.get());
        }
        return checkedSizes(parts);
    }

    /** Every part but the last must be at least {@link #MIN_PART_SIZE}. */
    private static List<Part> checkedSizes(List<Part> parts) {
        for (int i = 0; i < parts.size() - 1; i++) {
            if (parts.get(i).blob().size() < MIN_PART_SIZE) {
                throw new OssError(400, "EntityTooSmall", "Your proposed upload smaller than the minimum allowed"
                        + " size.").with("MinSizeAllowed", String.valueOf(MIN_PART_SIZE))
                        .with("ProposedSize", String.valueOf(parts.get(i).blob().size()))
                        .with("PartNumber", String.valueOf(parts.get(i).number()));
            }
        }
        return parts;
    }

    /**
     * {@code http://<host>/<bucket>/<key>} path-style or {@code http://<bucket>.<host>/<key>} virtual-hosted, the key
     * percent-encoded with {@code ~} as {@code %7E}, as OSS writes it.
     */
    private static String location(OssRequest request, String bucketName, String key) {
        String host = request.header("host").orElse("127.0.0.1");
        String path = UriEncoding.encode(key, true).replace("~", "%7E");
        return Addressing.virtualBucket(host).isPresent() ? "http://" + host + "/" + path
                : "http://" + host + "/" + bucketName + "/" + path;
    }

    OssResponse abort(OssRequest request, String bucketName, String key) {
        String uploadId = uploadId(request);
        synchronized (store) {
            Bucket bucket = store.bucket(bucketName);
            bucket.upload(uploadId, key);
            bucket.uploads().remove(uploadId);
        }
        return OssResponse.status(204).build();
    }

    OssResponse listParts(OssRequest request, String bucketName, String key) {
        String uploadId = uploadId(request);
        int maxParts = ListingEncoding.intParam(request, "max-parts", 1000, 1000);
        int marker = ListingEncoding.intParam(request, "part-number-marker", 0, Integer.MAX_VALUE);
        Upload upload;
        List<Part> parts;
        synchronized (store) {
            upload = store.bucket(bucketName).upload(uploadId, key);
            parts = upload.parts();
        }
        parts.removeIf(p -> p.number() <= marker);
        boolean truncated = parts.size() > maxParts;
        List<Part> page = truncated ? parts.subList(0, maxParts) : parts;
        boolean url = ListingEncoding.isUrl(request);
        XmlWriter xml = new XmlWriter().start("ListPartsResult")
                .element("Bucket", bucketName)
                .element("Key", ListingEncoding.encode(key, url))
                .element("UploadId", uploadId)
                .element("StorageClass", upload.properties().storageClass())
                .element("PartNumberMarker", marker);
        if (!page.isEmpty()) {
            xml.element("NextPartNumberMarker", page.get(page.size() - 1).number());
        }
        xml.element("MaxParts", maxParts)
                .element("IsTruncated", truncated);
        if (url) {
            xml.element("EncodingType", "url");
        }
        for (Part part : page) {
            xml.start("Part").element("PartNumber", part.number())
                    .element("LastModified", HttpDates.iso8601(part.lastModified()))
                    .element("ETag", ObjectHeaders.quoted(part.etag()))
                    .element("Size", part.blob().size()).end();
        }
        return OssResponse.status(200).xml(xml.end().toBytes()).build();
    }

    /**
     * Uploads in key order, then initiation order; prefix, key-marker, upload-id-marker (with a key marker: that
     * key's uploads after the one named), max-uploads, and a delimiter that rolls keys up into {@code CommonPrefixes}
     * as ListObjects does: each common prefix counts once against max-uploads, and a page that ends on one answers
     * it as {@code NextKeyMarker} with an empty {@code NextUploadIdMarker}, so the next page starts past it.
     */
    OssResponse listUploads(OssRequest request, String bucketName) {
        int maxUploads = ListingEncoding.intParam(request, "max-uploads", 1000, 1000);
        String prefix = request.param("prefix").orElse("");
        String delimiter = request.param("delimiter").orElse("");
        String keyMarker = request.param("key-marker").orElse("");
        String uploadIdMarker = keyMarker.isEmpty() ? "" : request.param("upload-id-marker").orElse("");
        List<Upload> all = new ArrayList<>();
        synchronized (store) {
            all.addAll(store.bucket(bucketName).uploads().values());
        }
        all.sort((a, b) -> Bucket.KEY_ORDER.compare(a.key(), b.key()));
        List<Upload> page = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String lastEntry = "";
        Optional<Upload> lastUpload = Optional.empty();
        boolean truncated = false;
        boolean pastUploadMarker = uploadIdMarker.isEmpty();
        for (Upload upload : all) {
            int order = Bucket.KEY_ORDER.compare(upload.key(), keyMarker);
            if (order == 0 && !pastUploadMarker) {
                pastUploadMarker = upload.uploadId().equals(uploadIdMarker);
                continue;
            }
            if (!upload.key().startsWith(prefix) || order < 0 || order == 0 && uploadIdMarker.isEmpty()) {
                continue;
            }
            Optional<String> rolledUp = ListingEncoding.commonPrefix(upload.key(), prefix, delimiter);
            String entry = rolledUp.orElse(upload.key());
            if (rolledUp.isPresent() && (Bucket.KEY_ORDER.compare(entry, keyMarker) <= 0 || entry.equals(lastEntry))) {
                continue;
            }
            if (page.size() + prefixes.size() == maxUploads) {
                truncated = true;
                break;
            }
            if (rolledUp.isPresent()) {
                prefixes.add(entry);
                lastUpload = Optional.empty();
            } else {
                page.add(upload);
                lastUpload = Optional.of(upload);
            }
            lastEntry = entry;
        }
        boolean url = ListingEncoding.isUrl(request);
        XmlWriter xml = new XmlWriter().start("ListMultipartUploadsResult")
                .element("Bucket", bucketName)
                .element("KeyMarker", ListingEncoding.encode(keyMarker, url))
                .element("UploadIdMarker", uploadIdMarker)
                .element("NextKeyMarker", ListingEncoding.encode(lastEntry, url))
                .element("NextUploadIdMarker", lastUpload.map(Upload::uploadId).orElse(""))
                .element("Delimiter", ListingEncoding.encode(delimiter, url))
                .element("Prefix", ListingEncoding.encode(prefix, url))
                .element("MaxUploads", maxUploads)
                .element("IsTruncated", truncated);
        if (url) {
            xml.element("EncodingType", "url");
        }
        for (Upload upload : page) {
            xml.start("Upload").element("Key", ListingEncoding.encode(upload.key(), url))
                    .element("UploadId", upload.uploadId())
                    .element("StorageClass", upload.properties().storageClass())
                    .element("Initiated", HttpDates.iso8601(upload.initiated())).end();
        }
        for (String commonPrefix : prefixes) {
            xml.start("CommonPrefixes").element("Prefix", ListingEncoding.encode(commonPrefix, url)).end();
        }
        return OssResponse.status(200).xml(xml.end().toBytes()).build();
    }

    private static int partNumber(OssRequest request) {
        String value = request.param("partNumber").orElse("");
        try {
            int number = Integer.parseInt(value);
            if (number >= 1 && number <= MAX_PART_NUMBER) {
                return number;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw OssError.invalidArgument("Part number must be an integer between 1 and " + MAX_PART_NUMBER
                + ", inclusive.", "partNumber", value);
    }

    private static String uploadId(OssRequest request) {
        return request.param("uploadId").filter(id -> !id.isEmpty())
                .orElseThrow(() -> OssError.noSuchUpload(""));
    }

    int openUploads(String bucketName) {
        synchronized (store) {
            return store.bucket(bucketName).uploads().size();
        }
    }
}
