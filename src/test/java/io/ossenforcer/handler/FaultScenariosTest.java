package io.ossenforcer.handler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.fc.runtime.Context;
import com.aliyun.oss.model.AbortMultipartUploadRequest;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.ListMultipartUploadsRequest;
import com.aliyun.oss.model.MultipartUpload;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.ObjectMetadata;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.ossenforcer.app.Application;
import io.ossenforcer.app.InvocationException;
import io.ossenforcer.app.Settings;
import io.ossenforcer.localoss.Faults;
import io.ossenforcer.localoss.LocalOss;
import io.ossenforcer.testing.CapturedLog;
import io.ossenforcer.testing.Emulator;
import io.ossenforcer.testing.FcContexts;
import io.ossenforcer.testing.ObjectSnapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fault at every step of enforcement, simple and multipart, through the real handler with the event the
 * emulator emitted. Afterwards the object is exactly as before or fully enforced with everything kept, no multipart
 * upload is open (except where aborting it was itself failed: then the report names it), the outcome and the
 * invocation's success tell the truth, and replaying the event without the fault completes the job.
 *
 * <p>A retryable fault is injected on its call and every later one ({@code from=N}): the SDK retries 5xx answers and
 * I/O errors three times itself, so a one-off fault would never reach the enforcer. Scenarios run in parallel, each
 * with its own emulator: most of their time is the SDK's retry back-off.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = CapturedLog.LINES, mode = ResourceAccessMode.READ)
class FaultScenariosTest {
    private static final String BUCKET = "faults";
    private static final Path RULES = Path.of("test-fixtures/rules/fault-scenarios.json");
    private static final long SINGLE_COPY_LIMIT = 256 * 1024;
    /** The enforcer's limits lowered to the emulator's, as COPY_* settings, so small objects take the multipart path. */
    private static final Map<String, String> SMALL_LIMITS = Map.of(Settings.COPY_LIMIT_BYTES,
            Long.toString(SINGLE_COPY_LIMIT), Settings.COPY_PART_BYTES, Integer.toString(200 * 1024),
            Settings.COPY_PARALLELISM, "3");
    private static final int SIMPLE_SIZE = 20_000;
    private static final int MULTIPART_SIZE = 600_000;

    /** The SDK logs every failed call at WARNING; the scenarios provoke hundreds. Held so the level sticks. */
    private static final Logger SDK_LOG = Logger.getLogger("com.aliyun.oss");

    static {
        SDK_LOG.setLevel(Level.SEVERE);
    }

    private static final AtomicLong SCENARIOS = new AtomicLong();
    private static final AtomicLong FAULTS_INJECTED = new AtomicLong();
    private static final AtomicLong OBJECTS_CHECKED = new AtomicLong();
    private static final AtomicLong LOST = new AtomicLong();

    /** What a fault does to the step it hits, and what the outcome must then say. */
    enum Fault {
        SERVER_ERROR("status=503", true),
        ACCESS_DENIED("status=403/AccessDenied", false),
        PRECONDITION_FAILED("status=412", false),
        LATENCY("latency=200ms", false),
        RESET("reset", true),
        TRUNCATED("truncate", true);

        final String spec;
        final boolean retryable;

        Fault(String spec, boolean retryable) {
            this.spec = spec;
            this.retryable = retryable;
        }
    }

    /** One call the enforcer makes: the operation and which of its calls (HEAD is made before and after). */
    static final class Step {
        final String operation;
        final int call;

        Step(String operation, int call) {
            this.operation = operation;
            this.call = call;
        }

        @Override
        public String toString() {
            return operation + "#" + call;
        }
    }

    static final class Scenario {
        final boolean multipart;
        final Step step;
        final Fault fault;
        /** The abort scenarios: a permanent UploadPartCopy failure makes the enforcer abort, and the abort is hit. */
        final boolean atAbort;

        Scenario(boolean multipart, Step step, Fault fault, boolean atAbort) {
            this.multipart = multipart;
            this.step = step;
            this.fault = fault;
            this.atAbort = atAbort;
        }

        String spec() {
            String trigger = fault == Fault.LATENCY ? "nth=" : "from=";
            String rule = step.operation + ":" + fault.spec + ":" + trigger + step.call;
            return atAbort ? "UploadPartCopy:status=403/AccessDenied:nth=1," + rule : rule;
        }

        @Override
        public String toString() {
            return (multipart ? "multipart " : "simple ") + spec();
        }
    }

    static Stream<Scenario> scenarios() {
        List<Step> simple = List.of(new Step("HeadObject", 1), new Step("GetObjectAcl", 1),
                new Step("CopyObject", 1), new Step("HeadObject", 2));
        List<Step> multipart = List.of(new Step("HeadObject", 1), new Step("GetObjectAcl", 1),
                new Step("GetObjectTagging", 1), new Step("InitiateMultipartUpload", 1),
                new Step("UploadPartCopy", 1), new Step("UploadPartCopy", 2), new Step("UploadPartCopy", 3),
                new Step("CompleteMultipartUpload", 1), new Step("HeadObject", 2));
        List<Scenario> all = new ArrayList<>();
        for (Fault fault : Fault.values()) {
            simple.forEach(step -> all.add(new Scenario(false, step, fault, false)));
            multipart.forEach(step -> all.add(new Scenario(true, step, fault, false)));
            all.add(new Scenario(true, new Step("AbortMultipartUpload", 1), fault, true));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void theObjectIsIntactTheOutcomeTruthfulAndARetryCompletesTheJob(Scenario scenario) throws IOException {
        try (Run run = new Run(scenario)) {
            run.check();
        }
    }

    @AfterAll
    static void printTally() {
        System.out.printf("fault scenarios: %d scenarios, %d faults injected, %d objects checked, %d lost%n",
                SCENARIOS.get(), FAULTS_INJECTED.get(), OBJECTS_CHECKED.get(), LOST.get());
        assertEquals(0, LOST.get(), "objects lost, corrupted or half-rewritten");
    }

    /** One scenario against its own emulator and handler. */
    private static final class Run implements AutoCloseable {
        private final Scenario scenario;
        private final Emulator emulator;
        private final Application app;
        private final EnforcerHandler handler;
        private final Context context;
        private final List<String> events = Collections.synchronizedList(new ArrayList<>());
        private final String key;
        private final byte[] content;

        Run(Scenario scenario) throws IOException {
            this.scenario = scenario;
            this.emulator = Emulator.start(LocalOss.builder().copyLimitBytes(SINGLE_COPY_LIMIT)).bucket(BUCKET);
            emulator.oss.addEventListener(events::add);
            Map<String, String> env = new HashMap<>(SMALL_LIMITS);
            env.put(Settings.RULES_FILE, RULES.toString());
            env.put(Settings.OSS_ENDPOINT, emulator.oss.endpoint());
            this.app = Application.builder(Settings.fromEnvironment(env)).build();
            this.handler = new EnforcerHandler(app);
            this.context = FcContexts.of("fault-scenario", Optional.of(emulator.key));
            handler.initialize(context);
            this.key = "data/" + scenario.step + "-" + scenario.fault + ".bin";
            this.content = new byte[scenario.multipart ? MULTIPART_SIZE : SIMPLE_SIZE];
            new Random(scenario.toString().hashCode()).nextBytes(content);
        }

        void check() throws IOException {
            String event = upload();
            ObjectSnapshot before = ObjectSnapshot.of(emulator.client, BUCKET, key);
            String eTagBefore = emulator.client.getObjectMetadata(BUCKET, key).getETag();

            emulator.oss.faults(Faults.parse(scenario.spec()));
            long injectedBefore = emulator.oss.faultsInjected();
            Invocation faulted = invoke(event);
            FAULTS_INJECTED.addAndGet(emulator.oss.faultsInjected() - injectedBefore);
            emulator.oss.faults(Faults.none());
            SCENARIOS.incrementAndGet();
            assertTrue(emulator.oss.faultsInjected() > injectedBefore, "the fault was never hit: " + scenario);

            boolean enforced = checkIntact(before, eTagBefore);
            checkUploadsClosedOrNamed(faulted);
            checkTruthful(faulted, enforced);

            Invocation replay = invoke(event);
            assertFalse(replay.threw, "the replay without faults failed: " + replay.result);
            String outcome = replay.result.get("outcome").getAsString();
            assertTrue(outcome.equals("ENCRYPTED") || outcome.equals("COMPLIANT"), replay.result.toString());
            assertTrue(checkIntact(before, eTagBefore), "the replay did not enforce the object");
            assertEquals(0, emulator.oss.openMultipartUploads(BUCKET));
        }

        private String upload() {
            ObjectMetadata meta = new ObjectMetadata();
            meta.setContentType("application/x-scenario");
            meta.setCacheControl("no-cache");
            meta.setContentDisposition("attachment");
            meta.setUserMetadata(Map.of("owner", "faults", "scenario", String.valueOf(scenario.fault)));
            meta.setObjectAcl(CannedAccessControlList.PublicRead);
            meta.setHeader("x-oss-storage-class", "IA");
            meta.setHeader("x-oss-tagging", "project=faults&step=" + scenario.step.operation);
            emulator.put(BUCKET, key, content, meta);
            assertTrue(emulator.oss.awaitEventsDelivered(Duration.ofSeconds(10)));
            assertEquals(1, events.size(), events.toString());
            return events.get(0);
        }

        /**
         * The object must be there, with the same bytes, metadata, tags, ACL and class, and either its old encryption
         * and ETag (untouched) or the rule's encryption (enforced). Returns whether it is enforced; counts a loss.
         */
        private boolean checkIntact(ObjectSnapshot before, String eTagBefore) throws IOException {
            OBJECTS_CHECKED.incrementAndGet();
            boolean exists = emulator.client.doesObjectExist(BUCKET, key);
            ObjectSnapshot now = exists ? ObjectSnapshot.of(emulator.client, BUCKET, key) : null;
            byte[] bytes = exists ? read() : new byte[0];
            ObjectMetadata meta = exists ? emulator.client.getObjectMetadata(BUCKET, key) : new ObjectMetadata();
            boolean enforced = "KMS".equals(meta.getServerSideEncryption())
                    && Emulator.CMK.equals(meta.getServerSideEncryptionKeyId());
            boolean untouched = meta.getServerSideEncryption() == null && eTagBefore.equals(meta.getETag());
            if (!exists || !before.equals(now) || !Arrays.equals(content, bytes) || !(enforced || untouched)) {
                LOST.incrementAndGet();
            }
            assertTrue(exists, "object missing after " + scenario);
            assertEquals(before, now, "metadata, tags, ACL or class changed");
            assertArrayEquals(content, bytes, "content changed");
            assertTrue(enforced || untouched, "neither untouched nor enforced: " + meta.getRawMetadata());
            return enforced;
        }

        private byte[] read() throws IOException {
            try (OSSObject object = emulator.client.getObject(BUCKET, key); InputStream in = object.getObjectContent()) {
                return in.readAllBytes();
            }
        }

        /** No upload may stay open, unless the enforcer could not abort it: then its report must name it. */
        private void checkUploadsClosedOrNamed(Invocation faulted) {
            List<MultipartUpload> open = emulator.client.listMultipartUploads(new ListMultipartUploadsRequest(BUCKET))
                    .getMultipartUploads();
            if (!open.isEmpty()) {
                String reason = faulted.result.get("reason").getAsString();
                for (MultipartUpload upload : open) {
                    assertTrue(reason.contains(upload.getUploadId()), "upload " + upload.getUploadId()
                            + " left open and not named in the report: " + faulted.result);
                    emulator.client.abortMultipartUpload(new AbortMultipartUploadRequest(
                            BUCKET, key, upload.getUploadId()));
                }
            }
            assertEquals(0, emulator.oss.openMultipartUploads(BUCKET));
        }

        private void checkTruthful(Invocation faulted, boolean enforced) {
            JsonObject result = faulted.result;
            String outcome = result.get("outcome").getAsString();
            boolean retryable = result.has("retryable") && result.get("retryable").getAsBoolean();
            assertEquals(retryable, faulted.threw, "the invocation fails exactly when a retry may help: " + result);
            if (outcome.equals("ENCRYPTED")) {
                assertTrue(enforced, "ENCRYPTED but the object is not enforced: " + result);
            }
            if (scenario.atAbort) {
                assertEquals("FAILED", outcome, result.toString());
                assertFalse(retryable, "the UploadPartCopy refusal is permanent: " + result);
                return;
            }
            switch (scenario.fault) {
                case LATENCY:
                    assertEquals("ENCRYPTED", outcome, result.toString());
                    break;
                case PRECONDITION_FAILED:
                    assertEquals("FAILED", outcome, "a 412 on an object nobody changed is no SUPERSEDED: " + result);
                    break;
                default:
                    assertEquals("FAILED", outcome, result.toString());
                    assertEquals(scenario.fault.retryable, retryable, result.toString());
            }
            assertNotEquals("GONE", outcome);
        }

        private Invocation invoke(String event) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            boolean threw = false;
            try {
                handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
            } catch (InvocationException e) {
                threw = true;
            }
            JsonObject report = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
            assertEquals(1, report.getAsJsonArray("results").size(), report.toString());
            return new Invocation(report.getAsJsonArray("results").get(0).getAsJsonObject(), threw);
        }

        @Override
        public void close() {
            app.close();
            emulator.close();
        }
    }

    private static final class Invocation {
        final JsonObject result;
        final boolean threw;

        Invocation(JsonObject result, boolean threw) {
            this.result = result;
            this.threw = threw;
        }
    }
}
