package io.ossenforcer.localoss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.UploadPartCopyRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A 5 GiB object rewritten as the enforcer does above the copy limit: Initiate with new encryption, UploadPartCopy
 * ranges of the object onto itself, Complete. The emulator slices and concatenates the generated content instead of
 * holding it; the figures it prints (time, peak heap) are measurements for the record, not assertions.
 */
class LargeObjectTest extends LocalOssTest {
    private static final long SIZE = 5L << 30;
    private static final long PART = 512L << 20;

    @Test
    void aFiveGibObjectCopiedThroughUploadPartCopyKeepsItsSizeAndCrc64() throws Exception {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        t.oss.putGeneratedObject(bucket, "big", SIZE, 5);
        ObjectMetadata source = client.getObjectMetadata(bucket, "big");
        long generated = System.nanoTime();

        InitiateMultipartUploadRequest initiate = new InitiateMultipartUploadRequest(bucket, "big");
        ObjectMetadata sse = new ObjectMetadata();
        sse.setServerSideEncryption("KMS");
        initiate.setObjectMetadata(sse);
        String uploadId = client.initiateMultipartUpload(initiate).getUploadId();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<PartETag>> parts = new ArrayList<>();
        for (long offset = 0; offset < SIZE; offset += PART) {
            UploadPartCopyRequest part = new UploadPartCopyRequest(bucket, "big", bucket, "big", uploadId,
                    (int) (offset / PART) + 1, offset, Math.min(PART, SIZE - offset));
            parts.add(pool.submit(() -> client.uploadPartCopy(part).getPartETag()));
        }
        List<PartETag> etags = new ArrayList<>();
        for (Future<PartETag> part : parts) {
            etags.add(part.get());
        }
        pool.shutdown();
        client.completeMultipartUpload(new CompleteMultipartUploadRequest(bucket, "big", uploadId, etags));
        ObjectMetadata copy = client.getObjectMetadata(bucket, "big");
        long done = System.nanoTime();

        assertEquals(SIZE, copy.getContentLength());
        assertEquals(source.getServerCRC(), copy.getServerCRC());
        assertEquals("Multipart", copy.getObjectType());
        assertEquals("KMS", copy.getServerSideEncryption());
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("5 GiB generated object: put %.1f s, %d-part UploadPartCopy + Complete %.1f s,"
                        + " peak heap %d MiB (max heap %d MiB)%n", (generated - start) / 1e9, etags.size(),
                (done - generated) / 1e9, peakHeap >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }
}
