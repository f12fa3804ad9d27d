package io.ossenforcer.bench;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PutObjectRequest;
import io.ossenforcer.localoss.Faults;
import io.ossenforcer.localoss.LocalOss;
import io.ossenforcer.oss.AccessKey;
import io.ossenforcer.oss.CopyLimits;
import io.ossenforcer.oss.OssClients;
import io.ossenforcer.oss.SdkObjectStore;
import io.ossenforcer.rules.Algorithm;
import io.ossenforcer.rules.EncryptionSpec;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The residual windows of an unversioned bucket (docs/SECURITY.md, "Concurrent writers"), measured: how long a write
 * of another writer can land and still be undone by a rewrite. The emulator's call hooks timestamp the last read a
 * rewrite bases itself on (the answer leaving the server) and the write that commits it; each request pays
 * {@code LATENCY} ms before it is served and CopyObject/CompleteMultipartUpload a further {@code COPY_MS} ms (OSS's
 * copies take tens of ms), so the figures are the enforcer's own gaps plus the OSS time these settings model.
 * Arguments: rewrites per path (default 50), LATENCY (default 5), COPY_MS (default 25).
 */
public final class RaceWindows {
    private static final String BUCKET = "race-windows";
    private static final long LIMIT = 256 * 1024;

    private RaceWindows() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        long latency = args.length > 1 ? Long.parseLong(args[1]) : 5;
        long copyMs = args.length > 2 ? Long.parseLong(args[2]) : 25;
        try (LocalOss oss = LocalOss.builder().copyLimitBytes(LIMIT).latency(Duration.ofMillis(latency))
                .faults(Faults.parse("CopyObject:latency=" + copyMs + "ms,CompleteMultipartUpload:latency=" + copyMs
                        + "ms")).start()) {
            oss.createBucket(BUCKET);
            OSS client = OssClients.build(oss.endpoint(), oss.region(),
                    new AccessKey(oss.accessKeyId(), oss.accessKeySecret(), oss.securityToken()));
            SdkObjectStore store = new SdkObjectStore(client, new CopyLimits(LIMIT, 200 * 1024, 3));
            System.out.printf("residual windows, unversioned bucket, %d rewrites per path, %d ms per request, %d ms"
                    + " more per copy/Complete (machine shared with other work)%n", runs, latency, copyMs);
            List<Long> acl = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                acl.add(window(oss, client, store, "simple/" + i, 20_000, "GetObjectAcl", 1, "CopyObject", 1));
            }
            print("single copy: an ACL change between the ACL read and the copy", acl);
            List<Long> complete = new ArrayList<>();
            List<Long> completeAcl = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                complete.add(window(oss, client, store, "multipart/" + i, 600_000, "HeadObject", 2,
                        "CompleteMultipartUpload", 1));
                completeAcl.add(window(oss, client, store, "multipart-acl/" + i, 600_000, "GetObjectAcl", 1,
                        "CompleteMultipartUpload", 1));
            }
            print("multipart: any write between the last HEAD and Complete", complete);
            print("multipart: an ACL or tag change between their re-read and Complete", completeAcl);
            client.shutdown();
        }
    }

    /**
     * Uploads an object, rewrites it, and answers the ms from the {@code fromNth} call of {@code from} answering to
     * the {@code toNth} call of {@code to} having run (both counted within this rewrite).
     */
    private static long window(LocalOss oss, OSS client, SdkObjectStore store, String key, int size, String from,
            int fromNth, String to, int toNth) throws Exception {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setObjectAcl(CannedAccessControlList.PublicRead);
        client.putObject(new PutObjectRequest(BUCKET, key, new ByteArrayInputStream(new byte[size]), meta));
        AtomicLong read = new AtomicLong();
        AtomicLong committed = new AtomicLong();
        oss.afterCall(from, fromNth, () -> read.set(System.nanoTime()));
        oss.afterCall(to, toNth, () -> committed.set(System.nanoTime()));
        store.rewrite(store.head(BUCKET, key), EncryptionSpec.of(Algorithm.AES256));
        return (committed.get() - read.get()) / 1_000_000;
    }

    private static void print(String what, List<Long> ms) {
        Collections.sort(ms);
        System.out.printf("  %-70s median %3d ms, p95 %3d ms, max %3d ms%n", what, ms.get(ms.size() / 2),
                ms.get((int) Math.ceil(ms.size() * 0.95) - 1), ms.get(ms.size() - 1));
    }
}
