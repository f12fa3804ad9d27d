package io.ossenforcer.oss;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.AbortMultipartUploadRequest;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
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

/**
 * Rewrites an object too large for one CopyObject: Initiate (with the new encryption and every header, tag and the
 * storage class), UploadPartCopy of each byte range (each conditional on the ETag seen, a few in flight), Complete
 * (with the ACL). Any failure aborts the upload, so no parts are left behind and the original object is untouched.
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
            throw OssErrors.classify("InitiateMultipartUpload", bucket, key, e);
        }
        try {
            List<PartETag> parts = copyParts(seen, uploadId);
            CompleteMultipartUploadRequest complete = new CompleteMultipartUploadRequest(bucket, key, uploadId, parts);
            complete.setObjectACL(acl);
            client.completeMultipartUpload(complete);
        } catch (ObjectStoreException | RuntimeException e) {
            abort(bucket, key, uploadId, e);
            if (e instanceof ObjectStoreException) {
                throw (ObjectStoreException) e;
            }
            throw OssErrors.classify("CompleteMultipartUpload", bucket, key, (RuntimeException) e);
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

    /** Best effort: the original failure is what the caller must see; a failed abort is added to it. */
    private void abort(String bucket, String key, String uploadId, Exception cause) {
        try {
            client.abortMultipartUpload(new AbortMultipartUploadRequest(bucket, key, uploadId));
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
