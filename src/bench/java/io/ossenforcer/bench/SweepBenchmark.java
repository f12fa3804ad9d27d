package io.ossenforcer.bench;

import com.aliyun.oss.OSS;
import io.ossenforcer.cli.Main;
import io.ossenforcer.enforce.ListedObject;
import io.ossenforcer.enforce.ListingPage;
import io.ossenforcer.enforce.ObjectListing;
import io.ossenforcer.localoss.LocalOss;
import io.ossenforcer.oss.AccessKey;
import io.ossenforcer.oss.OssClients;
import io.ossenforcer.oss.SdkObjectListing;
import io.ossenforcer.sweep.KeyRange;
import io.ossenforcer.sweep.ListingCount;
import io.ossenforcer.sweep.SliceState;
import io.ossenforcer.sweep.SweepOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sweep figures of docs/SWEEP.md, measured against the emulator (not run by {@code mvn verify}):
 * {@code throughput} (backfill objects/s at concurrency 1, 4, 16, 32 and under a rate limit, with a fixed latency
 * per request), {@code memory} (heap while listing a million objects), {@code resume} (a backfill child JVM killed
 * with SIGKILL at random points, then resumed: copies counted). Run with {@code src/bench/run sweep}; SWEEP_PARTS
 * picks parts.
 */
public final class SweepBenchmark {
    private static final String BUCKET = "bench";
    private static final String RULES = "{\"buckets\":{\"bench\":{\"rules\":[{\"id\":\"all\","
            + "\"encryption\":{\"algorithm\":\"AES256\"}}]}}}";

    private SweepBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> what = args.length == 0 ? List.of("throughput", "memory", "resume") : List.of(args);
        System.out.println("Sweep benchmark on " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.version") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        Path rules = Files.createTempFile("bench-rules", ".json");
        Files.writeString(rules, RULES);
        if (what.contains("throughput")) {
            throughput(rules);
        }
        if (what.contains("memory")) {
            memory();
        }
        if (what.contains("resume")) {
            resume(rules);
        }
    }

    private static void throughput(Path rules) throws Exception {
        Duration latency = Duration.ofMillis(5);
        System.out.println("\n## Backfill throughput, emulator latency " + latency.toMillis()
                + " ms per request, every object plaintext under an AES256 rule (HEAD, GetObjectAcl, CopyObject, HEAD)");
        System.out.println("| concurrency | max-rps | objects | seconds | objects/s | OSS requests/s |");
        System.out.println("|---|---|---|---|---|---|");
        // The first run warms the JIT up and is not shown.
        int[][] runs = {{8, 0, 1000}, {1, 0, 300}, {4, 0, 1200}, {16, 0, 4000}, {32, 0, 6000}, {32, 400, 1500}};
        for (int r = 0; r < runs.length; r++) {
            int[] run = runs[r];
            try (LocalOss oss = LocalOss.builder().latency(latency).start()) {
                oss.createBucket(BUCKET);
                for (int i = 0; i < run[2]; i++) {
                    oss.putGeneratedObject(BUCKET, String.format("obj/%08d", i), 1024, i);
                }
                AtomicLong copies = countCopies(oss);
                List<String> argv = new ArrayList<>(List.of("backfill", "--rules", rules.toString(), "--endpoint",
                        oss.endpoint(), "--region", oss.region(), "--concurrency", String.valueOf(run[0]),
                        "--report", Files.createTempFile("bench-report", ".jsonl").toString()));
                if (run[1] > 0) {
                    argv.addAll(List.of("--max-rps", String.valueOf(run[1])));
                }
                long start = System.nanoTime();
                int status = Main.run(argv, new ByteArrayInputStream(new byte[0]), quiet(), quiet(), env(oss));
                double seconds = (System.nanoTime() - start) / 1e9;
                oss.awaitEventsDelivered(Duration.ofSeconds(60));
                if (status != 0 || copies.get() != run[2]) {
                    throw new IllegalStateException("backfill exited " + status + " with " + copies.get()
                            + " copies of " + run[2]);
                }
                // One listing request per 1000 objects besides the 4 per object (2 HEADs, the ACL read, the copy).
                double requests = run[2] * 4.0 + Math.ceil(run[2] / 1000.0) * 2;
                if (r == 0) {
                    continue;
                }
                System.out.printf(Locale.ROOT, "| %d | %s | %d | %.2f | %.0f | %.0f |%n", run[0],
                        run[1] == 0 ? "-" : String.valueOf(run[1]), run[2], seconds, run[2] / seconds,
                        requests / seconds);
            }
        }
    }

    private static void memory() throws Exception {
        int objects = 1_000_000;
        System.out.println("\n## Heap while listing " + objects + " objects (used heap after a full GC)");
        try (LocalOss oss = LocalOss.builder().start()) {
            oss.createBucket(BUCKET);
            for (int i = 0; i < objects; i++) {
                oss.putGeneratedObject(BUCKET, String.format("dir-%03d/object-%09d.bin", i % 500, i), 0, i);
            }
            OSS client = OssClients.build(oss.endpoint(), oss.region(),
                    new AccessKey(oss.accessKeyId(), oss.accessKeySecret(), Optional.empty()));
            long baseline = usedAfterGc();
            System.out.println("baseline (emulator holding " + objects + " objects): " + mib(baseline) + " MiB");
            System.out.println("| objects listed | heap used - baseline (MiB) |");
            System.out.println("|---|---|");
            AtomicInteger pages = new AtomicInteger();
            SdkObjectListing sdk = new SdkObjectListing(client);
            ObjectListing sampled = (bucket, prefix, after, maxKeys) -> {
                ListingPage page = sdk.page(bucket, prefix, after, maxKeys);
                if (pages.incrementAndGet() % 100 == 0) {
                    System.out.printf(Locale.ROOT, "| %d | %.1f |%n", pages.get() * 1000L,
                            (usedAfterGc() - baseline) / 1048576.0);
                }
                return page;
            };
            long start = System.nanoTime();
            long counted = ListingCount.remaining(sampled, SliceState.start(BUCKET, "", KeyRange.ALL),
                    SweepOptions.defaults(), () -> false).getAsLong();
            System.out.printf(Locale.ROOT, "listed %d objects in %.1f s (%.0f objects/s)%n", counted,
                    (System.nanoTime() - start) / 1e9, counted / ((System.nanoTime() - start) / 1e9));
            client.shutdown();
        }
    }

    private static void resume(Path rules) throws Exception {
        int objects = 6000;
        Random random = new Random(42);
        System.out.println("\n## Resume after SIGKILL at a random point (" + objects
                + " plaintext objects, emulator latency 2 ms, backfill in a child JVM, concurrency 16)");
        System.out.println("| kill after (ms) | copies before kill | copies in all | objects still plaintext |");
        System.out.println("|---|---|---|---|");
        for (int trial = 0; trial < 5; trial++) {
            try (LocalOss oss = LocalOss.builder().latency(Duration.ofMillis(2)).start()) {
                oss.createBucket(BUCKET);
                for (int i = 0; i < objects; i++) {
                    oss.putGeneratedObject(BUCKET, String.format("obj/%08d", i), 512, i);
                }
                AtomicLong copies = countCopies(oss);
                Path checkpoint = Files.createTempFile("bench-resume", ".json");
                Files.delete(checkpoint);
                long killAfter = 3500 + random.nextInt(5000);
                Process child = backfillProcess(oss, rules, checkpoint);
                if (child.waitFor(killAfter, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("backfill finished before the kill; raise the object count");
                }
                child.destroyForcibly().waitFor();
                oss.awaitEventsDelivered(Duration.ofSeconds(30));
                long beforeKill = copies.get();
                Process again = backfillProcess(oss, rules, checkpoint);
                if (again.waitFor() != 0) {
                    throw new IllegalStateException("resumed backfill exited " + again.exitValue());
                }
                oss.awaitEventsDelivered(Duration.ofSeconds(30));
                long plaintext = plaintextObjects(oss);
                System.out.printf(Locale.ROOT, "| %d | %d | %d | %d |%n", killAfter, beforeKill, copies.get(),
                        plaintext);
            }
        }
    }

    private static long plaintextObjects(LocalOss oss) throws Exception {
        OSS client = OssClients.build(oss.endpoint(), oss.region(),
                new AccessKey(oss.accessKeyId(), oss.accessKeySecret(), Optional.empty()));
        try {
            long plaintext = 0;
            SdkObjectListing listing = new SdkObjectListing(client);
            Optional<String> after = Optional.empty();
            while (true) {
                ListingPage page = listing.page(BUCKET, "", after, SdkObjectListing.MAX_KEYS);
                for (ListedObject object : page.objects()) {
                    if (client.getObjectMetadata(BUCKET, object.key()).getServerSideEncryption() == null) {
                        plaintext++;
                    }
                }
                if (!page.truncated()) {
                    return plaintext;
                }
                after = page.lastKey();
            }
        } finally {
            client.shutdown();
        }
    }

    private static Process backfillProcess(LocalOss oss, Path rules, Path checkpoint) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "backfill", "--rules", rules.toString(), "--endpoint", oss.endpoint(),
                "--region", oss.region(), "--resume", checkpoint.toString(), "--concurrency", "16", "--report",
                File.createTempFile("bench-resume-report", ".jsonl").toString());
        pb.environment().putAll(env(oss));
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    private static AtomicLong countCopies(LocalOss oss) {
        AtomicLong copies = new AtomicLong();
        oss.addEventListener(json -> {
            if (json.contains("ObjectCreated:CopyObject")) {
                copies.incrementAndGet();
            }
        });
        return copies;
    }

    private static Map<String, String> env(LocalOss oss) {
        return Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", oss.accessKeyId(), "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
                oss.accessKeySecret());
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long mib(long bytes) {
        return bytes >> 20;
    }
}
