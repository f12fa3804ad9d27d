package io.ossenforcer.bench;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.BucketVersioningConfiguration;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PutObjectRequest;
import com.aliyun.oss.model.SetBucketVersioningRequest;
import io.ossenforcer.event.EventParser;
import io.ossenforcer.app.Application;
import io.ossenforcer.app.Settings;
import io.ossenforcer.localoss.Faults;
import io.ossenforcer.localoss.LocalOss;
import io.ossenforcer.oss.AccessKey;
import io.ossenforcer.oss.OssClients;
import io.ossenforcer.rules.RulesParser;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Issue 14's experiment, as a user's other applications would act, with no fault but a CopyObject of OSS-like
 * duration: objects uploaded public-read; 0-40 ms later the owner either re-uploads the same bytes with a new
 * Content-Type, {@code x-oss-meta-rev: 2} and ACL private, or sets the ACL private. Events go to the handler on four
 * threads at once (FC's instances). Afterwards, counts the owner's changes that a rewrite undid, in an unversioned and
 * in a versioned bucket. Timing here is the point (the owner acts after a random delay), so this is a benchmark, not
 * a test; {@code RaceScenariosTest} pins every step deterministically. Arguments: objects (default 60), copy ms
 * (default 25), seed (default 14), ms between uploads (default 100).
 */
public final class OwnerRaces {
    /** The SDK logs every 412 at WARNING; the races provoke them by design. Held so the level sticks. */
    private static final Logger SDK_LOG = Logger.getLogger("com.aliyun.oss");

    private OwnerRaces() {
    }

    public static void main(String[] args) throws Exception {
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        long copyMs = args.length > 1 ? Long.parseLong(args[1]) : 25;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 14;
        long pace = args.length > 3 ? Long.parseLong(args[3]) : 100;
        SDK_LOG.setLevel(Level.SEVERE);
        System.out.printf("owner races: %d objects per bucket, one every %d ms, CopyObject %d ms, seed %d (machine"
                + " shared with other work)%n", objects, pace, copyMs, seed);
        for (boolean versioned : new boolean[] {false, true}) {
            run(versioned, objects, copyMs, seed, pace);
        }
    }

    private static void run(boolean versioned, int objects, long copyMs, long seed, long pace) throws Exception {
        String bucket = versioned ? "versioned" : "unversioned";
        try (LocalOss oss = LocalOss.builder().faults(Faults.parse("CopyObject:latency=" + copyMs + "ms")).start()) {
            oss.createBucket(bucket);
            AccessKey key = new AccessKey(oss.accessKeyId(), oss.accessKeySecret(), oss.securityToken());
            OSS client = OssClients.build(oss.endpoint(), oss.region(), key);
            if (versioned) {
                client.setBucketVersioning(new SetBucketVersioningRequest(bucket,
                        new BucketVersioningConfiguration(BucketVersioningConfiguration.ENABLED)));
            }
            Application handler = Application.builder(Settings.fromEnvironment(Map.of(Settings.OSS_ENDPOINT,
                    oss.endpoint()))).rules(RulesParser.parse("{\"buckets\":{\"" + bucket + "\":{\"rules\":[{\"id\":"
                    + "\"all\",\"encryption\":{\"algorithm\":\"AES256\"}}]}}}", "bench")).build();
            ExecutorService instances = Executors.newFixedThreadPool(4);
            AtomicInteger inFlight = new AtomicInteger();
            oss.addEventListener(event -> {
                inFlight.incrementAndGet();
                instances.execute(() -> {
                    try {
                        handler.enforce(EventParser.parse(event), Optional.of(key), "owner-races");
                    } catch (Exception e) {
                        System.out.println("invocation failed: " + e);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                });
            });
            ExecutorService owner = Executors.newFixedThreadPool(8);
            Random random = new Random(seed);
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < objects; i++) {
                String k = "o/" + i;
                boolean reupload = i % 2 == 0;
                long delay = random.nextInt(41);
                put(client, bucket, k, "text/plain", Map.of(), CannedAccessControlList.PublicRead);
                // Uploads spaced as a user's would be, so each is enforced at once rather than behind a queue.
                TimeUnit.MILLISECONDS.sleep(pace);
                writes.add(owner.submit(() -> {
                    TimeUnit.MILLISECONDS.sleep(delay);
                    if (reupload) {
                        put(client, bucket, k, "application/x-new", Map.of("rev", "2"),
                                CannedAccessControlList.Private);
                    } else {
                        client.setObjectAcl(bucket, k, CannedAccessControlList.Private);
                    }
                    return null;
                }));
            }
            for (Future<?> w : writes) {
                w.get();
            }
            // Quiet when no event waits for delivery and no invocation runs (an invocation's copy emits another).
            while (!oss.awaitEventsDelivered(Duration.ofSeconds(1)) || inFlight.get() > 0) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            instances.shutdown();
            instances.awaitTermination(5, TimeUnit.MINUTES);
            owner.shutdown();
            int publicAgain = 0;
            int headersLost = 0;
            int plaintext = 0;
            for (int i = 0; i < objects; i++) {
                String k = "o/" + i;
                ObjectMetadata meta = client.getObjectMetadata(bucket, k);
                if (!"private".equals(client.getObjectAcl(bucket, k).getPermission().toString())) {
                    publicAgain++;
                }
                if (i % 2 == 0 && !"application/x-new".equals(meta.getContentType())) {
                    headersLost++;
                }
                if (meta.getServerSideEncryption() == null) {
                    plaintext++;
                }
            }
            System.out.printf("  %-11s made private but public again: %d of %d; re-uploads that lost their headers: %d"
                    + " of %d; left unencrypted: %d%n", bucket, publicAgain, objects, headersLost, (objects + 1) / 2,
                    plaintext);
            handler.close();
            client.shutdown();
        }
    }

    private static void put(OSS client, String bucket, String key, String type, Map<String, String> userMeta,
            CannedAccessControlList acl) {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setContentType(type);
        meta.setUserMetadata(userMeta);
        meta.setObjectAcl(acl);
        client.putObject(new PutObjectRequest(bucket, key, new ByteArrayInputStream(new byte[1024]), meta));
    }
}
