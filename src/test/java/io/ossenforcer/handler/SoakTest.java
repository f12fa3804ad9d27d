package io.ossenforcer.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSS;
import com.aliyun.oss.common.utils.CRC64;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ListMultipartUploadsRequest;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.PutObjectRequest;
import com.aliyun.oss.model.UploadPartRequest;
import io.ossenforcer.cli.Main;
import io.ossenforcer.testing.CapturedLog;
import io.ossenforcer.enforce.Decision;
import io.ossenforcer.enforce.ObjectState;
import io.ossenforcer.enforce.ObjectStoreException;
import io.ossenforcer.oss.AccessKey;
import io.ossenforcer.oss.OssClients;
import io.ossenforcer.oss.SdkObjectStore;
import io.ossenforcer.rules.Rule;
import io.ossenforcer.rules.RuleSet;
import io.ossenforcer.rules.RulesParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.ServerSocket;
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
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The soak run ({@code mvn -B -Psoak verify}, docs/SOAK.md): {@code local-oss --rules --faults} in this JVM as the
 * trigger, several client threads uploading thousands of objects (plaintext, weakly encrypted, compliant, hard keys,
 * some multipart), then every object checked against its rule and what was uploaded, and threads, server connections
 * and heap compared with their idle baseline. Prints its figures. Sizes: {@code -Dsoak.uploads}, {@code -Dsoak.clients},
 * {@code -Dsoak.faults}.
 */
@Tag("soak")
class SoakTest {
    private static final String BUCKET = "soak";
    private static final Path RULES = Path.of("test-fixtures/rules/soak.json");
    private static final String CMK = "cmk-soak";
    private static final int UPLOADS = Integer.getInteger("soak.uploads", 3000);
    private static final int CLIENTS = Integer.getInteger("soak.clients", 4);
    /** Moderate: each costs the SDK a back-off of 600 ms or more, on the trigger's one thread. */
    private static final String FAULTS = System.getProperty("soak.faults", "HeadObject:status=503:fraction=0.005,"
            + "GetObjectAcl:reset:fraction=0.005,CopyObject:status=500:fraction=0.005,"
            + "CopyObject:truncate:fraction=0.005,HeadObject:latency=20ms:fraction=0.02;seed=7");
    private static final Logger SDK_LOG = Logger.getLogger("com.aliyun.oss");
    /** No outcome for this long, after every upload has one, means the trigger is done. */
    private static final Duration QUIET = Duration.ofSeconds(3);
    /** How long threads and connections get to return to the baseline once the clients are shut down. */
    private static final Duration SETTLE = Duration.ofSeconds(2);
    /** Threads and connections allowed above the baseline at the end. */
    private static final int SLACK = 2;

    static {
        SDK_LOG.setLevel(Level.OFF);
    }

    /** What was uploaded, to compare the object with at the end. */
    private static final class Expected {
        final long crc64;
        final long size;
        final String contentType;
        final Map<String, String> userMetadata;
        final Map<String, String> tags;
        final String acl;

        Expected(byte[] content, String contentType, Map<String, String> userMetadata, Map<String, String> tags,
                String acl) {
            CRC64 crc = new CRC64();
            crc.update(content, content.length);
            this.crc64 = crc.getValue();
            this.size = content.length;
            this.contentType = contentType;
            this.userMetadata = userMetadata;
            this.tags = tags;
            this.acl = acl;
        }
    }

    private final Map<String, Expected> uploaded = new ConcurrentHashMap<>();
    private final AtomicLong peakHeap = new AtomicLong();

    @Test
    @ResourceLock(CapturedLog.LINES)
    void thousandsOfUploadsUnderFaultsEndCompliantAndIntactWithResourcesBackToBaseline() throws Exception {
        RuleSet rules = RulesParser.load(RULES);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        AccessKey key = new AccessKey("LTAIsoak" + port, "soak-secret-" + port, Optional.empty());
        String endpoint = startLocalOss(port, key);
        // Samples the heap and polls for settling; started before the baseline, so counted in both measurements.
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "soak-ticks");
            t.setDaemon(true);
            return t;
        });
        ticks.submit(() -> { }).get();
        try (CapturedLog log = CapturedLog.attach()) {
            List<OSS> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(OssClients.build(endpoint, "cn-hangzhou", key));
            }
            upload(clients.get(0), 0, 20);
            awaitQuiet(log, 20);
            Resources baseline = Resources.measure(port);

            ScheduledFuture<?> sampler = ticks.scheduleAtFixedRate(this::sampleHeap, 0, 50, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> done = new ArrayList<>();
            int perClient = UPLOADS / CLIENTS;
            for (int c = 0; c < CLIENTS; c++) {
                OSS client = clients.get(c);
                int first = 20 + c * perClient;
                done.add(pool.submit(() -> upload(client, first, perClient)));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            double uploadSeconds = (System.nanoTime() - start) / 1e9;
            int events = awaitQuiet(log, 20 + CLIENTS * perClient);
            double totalSeconds = (System.nanoTime() - start) / 1e9;
            sampler.cancel(false);

            OSS checker = clients.get(0);
            int compliant = 0;
            int intact = 0;
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, Expected> e : new TreeMap<>(uploaded).entrySet()) {
                String problem = check(checker, rules, e.getKey(), e.getValue());
                if (problem.isEmpty()) {
                    compliant++;
                    intact++;
                } else {
                    problems.add(e.getKey() + ": " + problem);
                }
            }
            int openUploads = retried(() -> checker.listMultipartUploads(new ListMultipartUploadsRequest(BUCKET))
                    .getMultipartUploads().size());
            clients.forEach(OSS::shutdown);
            awaitSettled(ticks, port, baseline);
            Resources end = Resources.measure(port);
            Map<String, Long> outcomes = outcomeCounts(log.lines());

            System.out.printf(Locale.ROOT, "soak: %d uploads by %d clients in %.1f s (%.0f uploads/s); %d events"
                    + " enforced in %.1f s (%.0f events/s); outcomes %s%n", uploaded.size(), CLIENTS, uploadSeconds,
                    uploaded.size() / uploadSeconds, events, totalSeconds, events / totalSeconds, outcomes);
            System.out.printf(Locale.ROOT, "soak: faults %s; %d objects compliant and intact of %d; %d multipart"
                    + " uploads open%n", FAULTS, intact, uploaded.size(), openUploads);
            System.out.printf(Locale.ROOT, "soak: threads %d -> %d, server connections %d -> %d, heap after GC %d ->"
                    + " %d MiB, max heap used %d MiB%n", baseline.threads, end.threads, baseline.connections,
                    end.connections, baseline.heapMiB, end.heapMiB, peakHeap.get() >> 20);

            assertEquals(List.of(), problems.subList(0, Math.min(20, problems.size())));
            assertEquals(uploaded.size(), compliant);
            assertEquals(0, openUploads);
            assertTrue(end.threads <= baseline.threads + SLACK, "threads " + baseline.threads + " -> " + end.threads
                    + ", new: " + end.threadsBesides(baseline));
            assertTrue(end.connections <= baseline.connections + SLACK,
                    "connections " + baseline.connections + " -> " + end.connections);
            assertTrue(end.heapMiB <= baseline.heapMiB + 64, "heap " + baseline.heapMiB + " -> " + end.heapMiB);
        } finally {
            ticks.shutdownNow();
        }
    }

    /** Runs {@code local-oss} as its users do, on a daemon thread (it serves until the JVM exits). */
    private static String startLocalOss(int port, AccessKey key) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CountDownLatch serving = new CountDownLatch(1);
        PrintStream printed = new PrintStream(new OutputStream() {
            @Override
            public synchronized void write(int b) {
                out.write(b);
                if (b == '\n' && out.toString(StandardCharsets.UTF_8).contains("Ctrl-C to stop.")) {
                    serving.countDown();
                }
            }
        }, true, StandardCharsets.UTF_8);
        Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", key.id(),
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET", key.secret());
        Thread server = new Thread(() -> Main.run(List.of("local-oss", "--port", String.valueOf(port), "--rules",
                RULES.toString(), "--kms-key", CMK, "--faults", FAULTS), new ByteArrayInputStream(new byte[0]),
                printed, printed, env), "soak-local-oss");
        server.setDaemon(true);
        server.start();
        // local-oss prints "Ctrl-C to stop." once it serves (and its trigger is in place).
        assertTrue(serving.await(30, TimeUnit.SECONDS), out.toString(StandardCharsets.UTF_8));
        return "http://127.0.0.1:" + port;
    }

    /** Uploads {@code count} objects numbered from {@code first}: a mix of kinds, keys and some multipart. */
    private void upload(OSS client, int first, int count) {
        Random random = new Random(first);
        for (int i = first; i < first + count; i++) {
            int kind = i % 6;
            String prefix = kind == 1 || kind == 4 ? "aes/" : "kms/";
            String name = kind == 5 ? "hard key+ü %20 " + i + ".bin" : "object-" + i + ".bin";
            String key = prefix + name;
            byte[] content = new byte[512 + random.nextInt(3584)];
            random.nextBytes(content);
            ObjectMetadata meta = new ObjectMetadata();
            meta.setContentType("application/x-soak-" + kind);
            Map<String, String> user = Map.of("n", String.valueOf(i));
            meta.setUserMetadata(user);
            Map<String, String> tags = Map.of("kind", String.valueOf(kind));
            meta.setHeader("x-oss-tagging", "kind=" + kind);
            CannedAccessControlList acl = i % 2 == 0 ? CannedAccessControlList.Private
                    : CannedAccessControlList.PublicRead;
            meta.setObjectAcl(acl);
            if (kind == 2 || kind == 4) {
                meta.setServerSideEncryption("AES256");
            } else if (kind == 3) {
                meta.setServerSideEncryption("KMS");
                meta.setServerSideEncryptionKeyId(CMK);
            }
            if (i % 25 == 0) {
                content = multipartUpload(client, key, meta, acl, random);
            } else {
                client.putObject(new PutObjectRequest(BUCKET, key, new ByteArrayInputStream(content), meta));
            }
            uploaded.put(key, new Expected(content, meta.getContentType(), user, tags,
                    acl == CannedAccessControlList.Private ? "private" : "public-read"));
        }
    }

    /** A client-side multipart upload of two parts (100 KiB and 1 KiB); returns the content. */
    private static byte[] multipartUpload(OSS client, String key, ObjectMetadata meta, CannedAccessControlList acl,
            Random random) {
        byte[] content = new byte[100 * 1024 + 1024];
        random.nextBytes(content);
        String uploadId = client.initiateMultipartUpload(new InitiateMultipartUploadRequest(BUCKET, key, meta))
                .getUploadId();
        List<PartETag> parts = new ArrayList<>();
        int[][] ranges = {{0, 100 * 1024}, {100 * 1024, 1024}};
        for (int p = 0; p < ranges.length; p++) {
            UploadPartRequest part = new UploadPartRequest(BUCKET, key, uploadId, p + 1,
                    new ByteArrayInputStream(content, ranges[p][0], ranges[p][1]), ranges[p][1]);
            parts.add(client.uploadPart(part).getPartETag());
        }
        CompleteMultipartUploadRequest complete = new CompleteMultipartUploadRequest(BUCKET, key, uploadId, parts);
        complete.setObjectACL(acl);
        client.completeMultipartUpload(complete);
        return content;
    }

    /**
     * Waits until at least {@code uploads} outcomes are logged and then none arrives for 3 s; returns the count. The
     * trigger's work (own copies, retries) has no count known in advance, so quiet is what says it is done; it is
     * measured in real time, as the soak's rates are, but waited for on the log, not slept through.
     */
    private static int awaitQuiet(CapturedLog log, int uploads) throws InterruptedException {
        int seen = log.lines().size();
        while (true) {
            int now = log.awaitMoreThan(seen, QUIET);
            if (now == seen && now >= uploads) {
                return now;
            }
            seen = now;
        }
    }

    /**
     * Waits, polling on {@code ticks}, until threads and server connections are back within {@link #SLACK} of the
     * baseline (the emulator's idle workers live on for a second after their connection), for {@link #SETTLE} at
     * most; the measurement that follows judges whether they came back.
     */
    private static void awaitSettled(ScheduledExecutorService ticks, int port, Resources baseline) throws Exception {
        CompletableFuture<Void> settled = new CompletableFuture<>();
        ScheduledFuture<?> poll = ticks.scheduleWithFixedDelay(() -> {
            try {
                if (Thread.getAllStackTraces().size() <= baseline.threads + SLACK
                        && Resources.serverConnections(port) <= baseline.connections + SLACK) {
                    settled.complete(null);
                }
            } catch (IOException e) {
                settled.completeExceptionally(e);
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        try {
            settled.get(SETTLE.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // Left to the assertions, which print the figures.
        } finally {
            poll.cancel(false);
        }
    }

    /** Empty when the object satisfies its rule and is what was uploaded; otherwise what is wrong. */
    private static String check(OSS client, RuleSet rules, String key, Expected expected) {
        ObjectState state = retried(() -> {
            try {
                return new SdkObjectStore(client).head(BUCKET, key);
            } catch (ObjectStoreException e) {
                throw new IllegalStateException(e);
            }
        });
        Rule rule = rules.match(BUCKET, key).orElseThrow();
        List<String> wrong = new ArrayList<>();
        if (Decision.decide(rule.encryption(), state).kind() != Decision.Kind.COMPLIANT) {
            wrong.add("not compliant with " + rule.id() + ": " + state.encryption().describe());
        }
        if (!state.crc64().equals(Optional.of(Long.toUnsignedString(expected.crc64))) || state.size() != expected.size) {
            wrong.add("content differs");
        }
        if (!expected.contentType.equals(state.contentHeaders().get("Content-Type"))
                || !expected.userMetadata.equals(state.userMetadata())) {
            wrong.add("metadata differs: " + state.contentHeaders() + " " + state.userMetadata());
        }
        if (!expected.tags.equals(retried(() -> client.getObjectTagging(BUCKET, key).getAllTags()))) {
            wrong.add("tags differ");
        }
        String acl = retried(() -> client.getObjectAcl(BUCKET, key).getPermission().toString());
        if (!expected.acl.equals(acl)) {
            wrong.add("ACL " + acl);
        }
        return String.join("; ", wrong);
    }

    /** The checks run under the same faults; a check is retried until an answer gets through. */
    private static <T> T retried(Supplier<T> call) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    private void sampleHeap() {
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        peakHeap.accumulateAndGet(used, Math::max);
    }

    private static Map<String, Long> outcomeCounts(List<String> lines) {
        Map<String, Long> counts = new TreeMap<>();
        for (String line : lines) {
            int at = line.indexOf("\"outcome\":\"");
            if (at >= 0) {
                String kind = line.substring(at + 11, line.indexOf('"', at + 11));
                counts.merge(kind, 1L, Long::sum);
            }
        }
        return counts;
    }

    /**
     * Live threads, established server-side connections on the port (Linux /proc), and the heap in use just after a
     * full collection, as the collector reports it.
     */
    private static final class Resources {
        final int threads;
        final List<String> threadNames;
        final int connections;
        final long heapMiB;

        private Resources(List<String> threadNames, int connections, long heapMiB) {
            this.threads = threadNames.size();
            this.threadNames = threadNames;
            this.connections = connections;
            this.heapMiB = heapMiB;
        }

        static Resources measure(int port) throws IOException {
            System.gc();
            long heap = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                    heap += pool.getCollectionUsage().getUsed();
                }
            }
            List<String> threads = new ArrayList<>();
            Thread.getAllStackTraces().keySet().forEach(t -> threads.add(t.getName()));
            return new Resources(threads, serverConnections(port), heap >> 20);
        }

        List<String> threadsBesides(Resources earlier) {
            List<String> added = new ArrayList<>(threadNames);
            earlier.threadNames.forEach(added::remove);
            return added;
        }

        /** Sockets in /proc/net/tcp and tcp6 whose local port is the server's, in state 01 (ESTABLISHED). */
        private static int serverConnections(int port) throws IOException {
            String localPort = String.format(Locale.ROOT, ":%04X", port);
            int count = 0;
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && f[1].endsWith(localPort) && f[3].equals("01")) {
                        count++;
                    }
                }
            }
            return count;
        }
    }
}
