package io.ossenforcer.oss;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.AbortMultipartUploadRequest;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ListMultipartUploadsRequest;
import com.aliyun.oss.model.MultipartUpload;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.UploadPartCopyRequest;
import io.ossenforcer.enforce.ObjectState;
import io.ossenforcer.enforce.ObjectStoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Rewrites an object too large for one CopyObject: Initiate (with the new encryption and every header, tag and the
 * storage class), UploadPartCopy of each byte range (each conditional on the ETag seen, a few in flight), Complete
 * (with the ACL). Any failure aborts the upload, so no parts are left behind and the original object is untouched;
 * an upload that cannot be aborted, or whose id was lost with Initiate's answer, is named in the failure.
 * The bytes move inside OSS: none pass through this process.
 */
final class MultipartRewrite {
    private final OSS client;
    private final CopyLimits limits;

    MultipartRewrite(OSS client, CopyLimits limits) {
        this.client = client;
        this.limits = limits;
    }

    void run(ObjectState seen, ObjectMetadata metadata, CannedAccessControlList acl) throws ObjectStoreException {
        String bucket = seen.bucket();
        String key = seen.key();
        String uploadId;
        try {
            uploadId = client.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, key, metadata))
                    .getUploadId();
        } catch (RuntimeException e) {
            ObjectStoreException failure = OssErrors.classify("InitiateMultipartUpload", bucket, key, e);
            throw OssErrors.answerLost(e) ? failure.withDetail(uploadsPossiblyLeftOpen(bucket, key)) : failure;
        }
        try {
            List<PartETag> parts = copyParts(seen, uploadId);
            CompleteMultipartUploadRequest complete = new CompleteMultipartUploadRequest(bucket, key, uploadId, parts);
            complete.setObjectACL(acl);
            client.completeMultipartUpload(complete);
        } catch (ObjectStoreException e) {
            throw abort(bucket, key, uploadId, e);
        } catch (RuntimeException e) {
            throw abort(bucket, key, uploadId, OssErrors.classify("CompleteMultipartUpload", bucket, key, e));
        }
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
