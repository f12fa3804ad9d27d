package io.ossenforcer.oss;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.AbortMultipartUploadRequest;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.CompleteMultipartUploadResult;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ListMultipartUploadsRequest;
import com.aliyun.oss.model.ListPartsRequest;
import com.aliyun.oss.model.MultipartUpload;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.PartSummary;
import com.aliyun.oss.model.SetObjectTaggingRequest;
import com.aliyun.oss.model.UploadPartCopyRequest;
import io.ossenforcer.enforce.ObjectState;
import io.ossenforcer.enforce.ObjectStoreException;
import io.ossenforcer.enforce.Rewritten;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Rewrites an object too large for one CopyObject: Initiate (with the new encryption and every header, tag and the
 * storage class), UploadPartCopy of each byte range (each conditional on the ETag and Last-Modified seen, a few in
 * flight), then the ACL and tags read again and, since OSS takes no
 * condition on Complete, a HEAD that must still find the object read, and Complete (with that ACL). Any failure, or an
 * object that changed, aborts the upload, so no parts are left behind and the original object is untouched; an upload
 * that cannot be aborted, or whose id was lost with Initiate's answer, is named in the failure. Before it starts it
 * aborts the copies of the same key an earlier invocation abandoned. The bytes move inside OSS: none pass through
 * this process.
 */
final class MultipartRewrite {
    private final OSS client;
    private final CopyLimits limits;
    private final SdkObjectStore store;

    MultipartRewrite(OSS client, CopyLimits limits, SdkObjectStore store) {
        this.client = client;
        this.limits = limits;
        this.store = store;
    }

    Rewritten run(ObjectState seen, ObjectMetadata metadata, Map<String, String> tagsSent) throws ObjectStoreException {
        String bucket = seen.bucket();
        String key = seen.key();
        List<String> notes = new ArrayList<>();
        abortAbandoned(seen).ifPresent(notes::add);
        String uploadId;
        try {
            uploadId = client.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, key, metadata))
                    .getUploadId();
        } catch (RuntimeException e) {
            ObjectStoreException failure = OssErrors.classify("InitiateMultipartUpload", bucket, key, e);
            throw OssErrors.answerLost(e) ? failure.withDetail(uploadsPossiblyLeftOpen(bucket, key)) : failure;
        }
        CompleteMultipartUploadResult result;
        CannedAccessControlList acl;
        Map<String, String> tags;
        try {
            List<PartETag> parts = copyParts(seen, uploadId);
            acl = store.readAcl(seen);
            tags = store.readTags(seen);
            stillTheObjectRead(seen);
            CompleteMultipartUploadRequest complete = new CompleteMultipartUploadRequest(bucket, key, uploadId, parts);
            complete.setObjectACL(acl);
            result = client.completeMultipartUpload(complete);
        } catch (ObjectStoreException e) {
            throw abort(bucket, key, uploadId, e);
        } catch (RuntimeException e) {
            throw abort(bucket, key, uploadId, OssErrors.classify("CompleteMultipartUpload", bucket, key, e));
        }
        Optional<String> created = Optional.ofNullable(result.getVersionId());
        if (!tags.equals(tagsSent)) {
            notes.add(carryOverTags(seen, created, tagsSent, tags));
        }
        if (created.isPresent()) {
            // The version read stays: a tag change made on it while Complete ran is read there and carried over.
            Map<String, String> late = store.readTags(seen);
            if (!late.equals(tags) && store.readTags(ofVersion(seen, created.get())).equals(tags)) {
                notes.add(carryOverTags(seen, created, tags, late));
            }
        }
        store.carryOverLateAcl(seen, created, acl).ifPresent(notes::add);
        return new Rewritten(SdkObjectStore.unquoted(result.getETag()), created, Optional.empty(), notes);
    }

    /**
     * CompleteMultipartUpload takes no condition: HEAD just before it, and give up (the upload is then aborted) if
     * another write landed since the object was read.
     */
    private void stillTheObjectRead(ObjectState seen) throws ObjectStoreException {
        ObjectState now = store.head(seen.bucket(), seen.key());
        if (seen.isOtherWriteThan(now)) {
            throw new ObjectStoreException(ObjectStoreException.Kind.CHANGED, seen.bucket(), seen.key(),
                    Optional.empty(), Optional.empty(), "the object changed during the multipart copy (ETag "
                    + seen.eTag() + " -> " + now.eTag() + ", Last-Modified " + seen.lastModified().orElse(null)
                    + " -> " + now.lastModified().orElse(null) + "), so it was not completed", null);
        }
    }

    private static ObjectState ofVersion(ObjectState seen, String versionId) {
        return ObjectState.builder(seen.bucket(), seen.key()).versionId(Optional.of(versionId)).build();
    }

    /** Tags changed while the parts were copied (they went with Initiate): the new ones go on the new object. */
    private String carryOverTags(ObjectState seen, Optional<String> created, Map<String, String> sent,
            Map<String, String> now) throws ObjectStoreException {
        SetObjectTaggingRequest set = new SetObjectTaggingRequest(seen.bucket(), seen.key(), now);
        created.ifPresent(set::setVersionId);
        try {
            client.setObjectTagging(set);
        } catch (RuntimeException e) {
            throw OssErrors.classify("PutObjectTagging", seen.bucket(), seen.key(), e);
        }
        return "the tags changed from " + sent + " to " + now + " during the multipart copy; the new object was given "
                + now;
    }

    /**
     * Aborts uploads of this key older than {@link CopyLimits#abandonedAfter()} whose parts are cut exactly as this
     * enforcer cuts the object (an invocation that timed out or died mid-copy), and says which. Other uploads, a
     * writer's own among them, are left alone. Best effort: a failure here is noted, not fatal.
     */
    private Optional<String> abortAbandoned(ObjectState seen) {
        String bucket = seen.bucket();
        String key = seen.key();
        Instant cutoff = Instant.now().minus(limits.abandonedAfter());
        List<String> aborted = new ArrayList<>();
        try {
            ListMultipartUploadsRequest list = new ListMultipartUploadsRequest(bucket);
            list.setPrefix(key);
            for (MultipartUpload upload : client.listMultipartUploads(list).getMultipartUploads()) {
                if (upload.getKey().equals(key) && upload.getInitiated().toInstant().isBefore(cutoff)
                        && cutAsOurs(seen, upload.getUploadId())) {
                    client.abortMultipartUpload(new AbortMultipartUploadRequest(bucket, key, upload.getUploadId()));
                    aborted.add(upload.getUploadId() + " (initiated " + upload.getInitiated().toInstant() + ")");
                }
            }
        } catch (RuntimeException e) {
            return Optional.of("looking for abandoned multipart copies of this key failed ("
                    + OssErrors.classify("ListMultipartUploads", bucket, key, e).getMessage() + ")"
                    + (aborted.isEmpty() ? "" : " after aborting " + aborted));
        }
        return aborted.isEmpty() ? Optional.empty()
                : Optional.of("aborted abandoned multipart copies of this key: " + aborted);
    }

    /** Every part uploaded has the number and size this enforcer gives that part of an object of this size. */
    private boolean cutAsOurs(ObjectState seen, String uploadId) {
        List<CopyLimits.Part> plan = limits.parts(seen.size());
        List<PartSummary> parts = client.listParts(new ListPartsRequest(seen.bucket(), seen.key(), uploadId))
                .getParts();
        if (parts.isEmpty()) {
            return false;
        }
        for (PartSummary part : parts) {
            int n = part.getPartNumber();
            if (n < 1 || n > plan.size() || plan.get(n - 1).size() != part.getSize()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Initiate's answer was lost, so OSS may have created an upload whose id this process never learnt. Uploads of
     * the key are named, not aborted: one may be another writer's, and aborting it would fail their upload.
     */
    private String uploadsPossiblyLeftOpen(String bucket, String key) {
        ListMultipartUploadsRequest list = new ListMultipartUploadsRequest(bucket);
        list.setPrefix(key);
        try {
            List<String> ids = client.listMultipartUploads(list).getMultipartUploads().stream()
                    .filter(u -> u.getKey().equals(key)).map(MultipartUpload::getUploadId)
                    .collect(Collectors.toList());
            return ids.isEmpty() ? "; no upload of this key is open, so none was left behind"
                    : "; the answer was lost, so OSS may have created the upload: open uploads of this key " + ids
                            + " are left for you to check and abort (or a lifecycle rule to expire)";
        } catch (RuntimeException e) {
            return "; the answer was lost and listing open uploads failed too (" + e.getMessage() + "): an upload of"
                    + " this key may be left open (abort it, or let a lifecycle rule expire it)";
        }
    }

    private List<PartETag> copyParts(ObjectState seen, String uploadId) throws ObjectStoreException {
        ExecutorService pool = Executors.newFixedThreadPool(limits.parallelism(), r -> {
            Thread t = new Thread(r, "part-copy");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<PartETag>> futures = new ArrayList<>();
            for (CopyLimits.Part part : limits.parts(seen.size())) {
                futures.add(pool.submit(() -> copyPart(seen, uploadId, part)));
            }
            List<PartETag> etags = new ArrayList<>(futures.size());
            for (Future<PartETag> f : futures) {
                etags.add(f.get());
            }
            return etags;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw OssErrors.classify("UploadPartCopy", seen.bucket(), seen.key(), (RuntimeException) cause);
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ObjectStoreException(ObjectStoreException.Kind.TRANSIENT, seen.bucket(), seen.key(),
                    Optional.empty(), Optional.empty(), "interrupted during a multipart copy", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private PartETag copyPart(ObjectState seen, String uploadId, CopyLimits.Part part) {
        UploadPartCopyRequest request = new UploadPartCopyRequest(seen.bucket(), seen.key(), seen.bucket(),
                seen.key(), uploadId, part.number(), part.first(), part.size());
        request.setMatchingETagConstraints(List.of(seen.eTag()));
        seen.lastModified().map(Date::from).ifPresent(request::setUnmodifiedSinceConstraint);
        return client.uploadPartCopy(request).getPartETag();
    }

    /**
     * Aborts after a failure, which stays the failure reported. When the abort fails too the upload stays open: the
     * failure then names it, so it can be aborted by hand (or expired by a lifecycle rule).
     */
    private ObjectStoreException abort(String bucket, String key, String uploadId, ObjectStoreException cause) {
        try {
            client.abortMultipartUpload(new AbortMultipartUploadRequest(bucket, key, uploadId));
            return cause;
        } catch (RuntimeException e) {
            if (OssErrors.noSuchUpload(e)) {
                return cause;
            }
            ObjectStoreException abort = OssErrors.classify("AbortMultipartUpload", bucket, key, e);
            ObjectStoreException failure = cause.withDetail("; aborting multipart upload " + uploadId + " failed too ("
                    + abort.errorCode().orElse(e.getClass().getSimpleName()) + "), so it is left open: abort it by"
                    + " hand or let a lifecycle rule expire it");
            failure.addSuppressed(e);
            return failure;
        }
    }
}
