package io.ossenforcer.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.model.BucketVersioningConfiguration;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.SetBucketVersioningRequest;
import com.google.gson.JsonObject;
import io.ossenforcer.app.Settings;
import io.ossenforcer.localoss.LocalOss;
import io.ossenforcer.testing.CapturedLog;
import io.ossenforcer.testing.Emulator;
import io.ossenforcer.testing.HandlerHarness;
import io.ossenforcer.testing.ManualClock;
import io.ossenforcer.testing.ObjectSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A second writer acts at every step of a rewrite, simple and multipart, in versioned and unversioned buckets: it
 * overwrites with new bytes, re-uploads the same bytes with new headers, changes metadata by copying the object onto
 * itself, changes the ACL or the tags, or deletes. The emulator's call hooks put it at exactly that step (no sleeps);
 * the emulator's clock stands still unless the writer moves it, so Last-Modified says exactly what a test means.
 * (No metadata copy-onto-itself above the copy limit: the emulator refuses every CopyObject of such an object, its
 * strict reading, so the multipart path meets that writer only as a same-bytes re-upload.)
 * Then the writer's own events are delivered, as the trigger would, and the object is checked:
 *
 * <ul>
 *   <li>versioned: whatever the step, the writer's bytes, headers, metadata, tags and ACL are on top (or its delete
 *       is), encrypted;</li>
 *   <li>unversioned: the same, except in the residual windows docs/SECURITY.md lists, where the writer's change is
 *       undone exactly as documented (and never silently: the writer's own event then says its upload was
 *       replaced, where it has one).</li>
 * </ul>
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = CapturedLog.LINES, mode = ResourceAccessMode.READ)
class RaceScenariosTest {
    /** The fault suite's bucket and rules: KMS with a CMK on every key. */
    private static final String BUCKET = "faults";
    private static final Path RULES = Path.of("test-fixtures/rules/fault-scenarios.json");
    private static final long SINGLE_COPY_LIMIT = 256 * 1024;
    private static final Map<String, String> SMALL_LIMITS = Map.of(Settings.COPY_LIMIT_BYTES,
            Long.toString(SINGLE_COPY_LIMIT), Settings.COPY_PART_BYTES, Integer.toString(200 * 1024),
            Settings.COPY_PARALLELISM, "3");
    private static final int SIMPLE_SIZE = 20_000;
    private static final int MULTIPART_SIZE = 600_000;
    private static final Set<String> NEVER = Set.of("FAILED");

    private static final AtomicLong SCENARIOS = new AtomicLong();
    private static final AtomicLong KEPT = new AtomicLong();
    private static final AtomicLong UNDONE_AS_DOCUMENTED = new AtomicLong();

    /** What the second writer does. */
    enum Writer {
        OVERWRITE, SAME_BYTES, METADATA, ACL, TAGS, DELETE
    }

    /** A step of the enforcer's work: the nth call of an operation, and whether the writer acts before or after it. */
    static final class Step {
        final String name;
        final String operation;
        final int call;
        final boolean after;

        Step(String name, String operation, int call, boolean after) {
            this.name = name;
            this.operation = operation;
            this.call = call;
            this.after = after;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final Step AFTER_HEAD = new Step("after the first HEAD", "HeadObject", 1, true);
    static final Step AFTER_ACL_READ = new Step("after the ACL read", "GetObjectAcl", 1, true);
    static final Step DURING_COPY = new Step("during the copy", "CopyObject", 1, true);
    static final Step VERIFYING_SIMPLE = new Step("during verification", "HeadObject", 2, false);
    static final Step AFTER_TAG_READ = new Step("after the tag read", "GetObjectTagging", 1, true);
    static final Step DURING_PARTS = new Step("during the part copies", "UploadPartCopy", 1, true);
    static final Step BEFORE_COMPLETE = new Step("before Complete", "CompleteMultipartUpload", 1, false);
    static final Step DURING_COMPLETE = new Step("during Complete", "CompleteMultipartUpload", 1, true);
    static final Step VERIFYING_MULTIPART = new Step("during verification", "HeadObject", 3, false);

    static final class Scenario {
        final boolean versioned;
        final boolean multipart;
        final Step step;
        final Writer writer;
        /** The writer acts within the second of the upload: Last-Modified cannot tell the two writes apart. */
        final boolean sameSecond;

        Scenario(boolean versioned, boolean multipart, Step step, Writer writer, boolean sameSecond) {
            this.versioned = versioned;
            this.multipart = multipart;
            this.step = step;
            this.writer = writer;
            this.sameSecond = sameSecond;
        }

        /**
         * The residual windows of an unversioned bucket (docs/SECURITY.md): an ACL change between the ACL read and
         * the copy; any write between the last check and CompleteMultipartUpload (OSS takes no condition on
         * Complete); a write that keeps the ETag within the second of the object's Last-Modified.
         */
        boolean undoneAsDocumented() {
            if (versioned) {
                return false;
            }
            if (sameSecond) {
                return true;
            }
            return !multipart && step == AFTER_ACL_READ && writer == Writer.ACL
                    || multipart && step == BEFORE_COMPLETE;
        }

        /**
         * The outcome the first event's report must have. A delete is GONE. An ACL or tag change is carried: ENCRYPTED.
         * A write of content or metadata is SUPERSEDED where the rewrite sees it before committing (a failed copy
         * condition, the HEAD before Complete) or after (verification); in a versioned bucket a write the commit
         * buries unseen is put back on top and then enforced: ENCRYPTED, with a reason naming the versions.
         */
        String expectedOutcome() {
            if (undoneAsDocumented()) {
                return "ENCRYPTED";
            }
            if (writer == Writer.DELETE) {
                return "GONE";
            }
            if (writer == Writer.ACL || writer == Writer.TAGS) {
                return "ENCRYPTED";
            }
            return buriedThenRepaired() ? "ENCRYPTED" : "SUPERSEDED";
        }

        /**
         * A versioned write that the rewrite commits over unseen: one between the last check and Complete, or a
         * same-bytes write within the second of the version read, which passes the copy's conditions.
         */
        boolean buriedThenRepaired() {
            if (!versioned || writer == Writer.DELETE || writer == Writer.ACL || writer == Writer.TAGS) {
                return false;
            }
            return multipart ? step == BEFORE_COMPLETE : sameSecond;
        }

        @Override
        public String toString() {
            return (versioned ? "versioned " : "unversioned ") + (multipart ? "multipart " : "simple ") + writer + " "
                    + step + (sameSecond ? " within the same second" : "");
        }
    }

    static Stream<Scenario> scenarios() {
        List<Step> simple = List.of(AFTER_HEAD, AFTER_ACL_READ, DURING_COPY, VERIFYING_SIMPLE);
        List<Step> multipart = List.of(AFTER_HEAD, AFTER_TAG_READ, DURING_PARTS, BEFORE_COMPLETE, DURING_COMPLETE,
                VERIFYING_MULTIPART);
        List<Scenario> all = new ArrayList<>();
        for (boolean versioned : new boolean[] {false, true}) {
            for (Writer writer : Writer.values()) {
                simple.forEach(step -> all.add(new Scenario(versioned, false, step, writer, false)));
                if (writer != Writer.METADATA) {
                    multipart.forEach(step -> all.add(new Scenario(versioned, true, step, writer, false)));
                }
            }
        }
        for (Writer keepsETag : EnumSet.of(Writer.SAME_BYTES, Writer.METADATA)) {
            all.add(new Scenario(false, false, AFTER_HEAD, keepsETag, true));
            all.add(new Scenario(true, false, AFTER_HEAD, keepsETag, true));
        }
        all.add(new Scenario(false, true, AFTER_HEAD, Writer.SAME_BYTES, true));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void nothingTheSecondWriterDidIsLostOutsideTheDocumentedWindows(Scenario scenario) throws IOException {
        try (Run run = new Run(scenario)) {
            run.check();
        }
    }

    @AfterAll
    static void printTally() {
        System.out.printf("race scenarios: %d scenarios, %d kept the second writer's change, %d undone as documented"
                + " (unversioned residual windows)%n", SCENARIOS.get(), KEPT.get(), UNDONE_AS_DOCUMENTED.get());
    }

    /** One scenario against its own emulator and handler. */
    private static final class Run implements AutoCloseable {
        private final Scenario scenario;
        /** The emulator's clock: still, so writes share a Last-Modified second, until the writer moves it on. */
        private final ManualClock clock = new ManualClock(Instant.now());
        private final HandlerHarness harness;
        private final Emulator emulator;
        private final String key;
        private final byte[] content;
        private final AtomicBoolean armed = new AtomicBoolean();
        /** What the writer left, read right after it acted; empty for a delete. */
        private final AtomicReference<Optional<ObjectSnapshot>> written = new AtomicReference<>();
        private final AtomicReference<RuntimeException> writerFailed = new AtomicReference<>();
        private final AtomicReference<String> writtenAclAndTags = new AtomicReference<>();
        /**
         * Open until the writer has finished: a multipart rewrite that gives up on a failed part returns while the
         * part copy the writer is holding is still being served, so the invocation's end does not mean the writer's.
         */
        private final CountDownLatch writerDone = new CountDownLatch(1);

        Run(Scenario scenario) throws IOException {
            this.scenario = scenario;
            Map<String, String> env = new HashMap<>(SMALL_LIMITS);
            env.put(Settings.RULES_FILE, RULES.toString());
            this.harness = HandlerHarness.start(LocalOss.builder().copyLimitBytes(SINGLE_COPY_LIMIT).clock(clock), env,
                    BUCKET);
            this.emulator = harness.emulator;
            if (scenario.versioned) {
                emulator.client.setBucketVersioning(new SetBucketVersioningRequest(BUCKET,
                        new BucketVersioningConfiguration(BucketVersioningConfiguration.ENABLED)));
            }
            this.key = "data/" + scenario.toString().replace(' ', '-') + ".bin";
            this.content = new byte[scenario.multipart ? MULTIPART_SIZE : SIMPLE_SIZE];
            new Random(scenario.toString().hashCode()).nextBytes(content);
        }

        void check() throws IOException {
            String uploaded = harness.eventOf(this::upload);
            ObjectSnapshot original = ObjectSnapshot.of(emulator.client, BUCKET, key);
            Runnable writer = this::actAsSecondWriter;
            if (scenario.step.after) {
                emulator.oss.afterCall(scenario.step.operation, scenario.step.call, writer);
            } else {
                emulator.oss.beforeCall(scenario.step.operation, scenario.step.call, writer);
            }
            armed.set(true);
            int before = harness.settled();
            JsonObject first = harness.invoke(uploaded);
            assertFalse(armed.get(), "the second writer never acted " + scenario.step + ": " + first);
            awaitWriter(first);
            if (writerFailed.get() != null) {
                throw new AssertionError("the second writer failed", writerFailed.get());
            }
            assertEquals(scenario.expectedOutcome(), first.get("outcome").getAsString(), first.toString());
            if (scenario.buriedThenRepaired()) {
                assertTrue(first.get("reason").getAsString().contains("landed between version"), first.toString());
            }

            List<JsonObject> later = new ArrayList<>();
            for (String event : harness.since(before)) {
                later.add(harness.invoke(event));
            }
            later.forEach(r -> assertFalse(NEVER.contains(r.get("outcome").getAsString()), r.toString()));
            assertEquals(0, emulator.oss.openMultipartUploads(BUCKET), "multipart uploads left open");
            SCENARIOS.incrementAndGet();

            if (scenario.undoneAsDocumented()) {
                checkUndoneAsDocumented(original, first, later);
                UNDONE_AS_DOCUMENTED.incrementAndGet();
            } else {
                checkKept(first);
                KEPT.incrementAndGet();
            }
        }

        /** The writer's change is on top (or its delete is), and the object the rules cover is encrypted. */
        private void checkKept(JsonObject first) {
            Optional<ObjectSnapshot> expected = written.get();
            boolean exists = emulator.client.doesObjectExist(BUCKET, key);
            if (expected.isEmpty()) {
                assertFalse(exists, "the writer's delete was undone: " + first);
                return;
            }
            assertTrue(exists, "the writer's object is gone: " + first);
            assertEquals(expected.get(), ObjectSnapshot.of(emulator.client, BUCKET, key),
                    "the second writer's change was lost: " + first);
            assertEncrypted();
        }

        /**
         * A documented residual window of an unversioned bucket: the rewrite of the object read lands over the
         * writer's change (within the same second, over its content headers and metadata only). Where the writer
         * uploaded other bytes, its own event says the upload was replaced.
         */
        private void checkUndoneAsDocumented(ObjectSnapshot original, JsonObject first, List<JsonObject> later) {
            assertEquals("ENCRYPTED", first.get("outcome").getAsString(), first.toString());
            assertTrue(emulator.client.doesObjectExist(BUCKET, key), "object missing: " + first);
            assertEncrypted();
            if (scenario.sameSecond) {
                // Content headers and metadata come from the HEAD before the write; ACL and tags are read after it.
                ObjectMetadata now = emulator.client.getObjectMetadata(BUCKET, key);
                assertEquals("text/plain", now.getContentType());
                assertEquals(Map.of("owner", "race"), now.getUserMetadata());
                assertEquals(writtenAclAndTags.get(), aclAndTags());
                return;
            }
            assertEquals(original, ObjectSnapshot.of(emulator.client, BUCKET, key));
            if (scenario.writer == Writer.OVERWRITE) {
                JsonObject overwritten = later.stream()
                        .filter(r -> r.get("eventName").getAsString().equals("ObjectCreated:PutObject")).findFirst()
                        .orElseThrow(() -> new AssertionError("the writer's upload had no event: " + later));
                assertTrue(overwritten.get("reason").getAsString().contains("no longer the upload of this event"),
                        "the overwritten upload's report does not say so: " + overwritten);
            }
            Optional<ObjectSnapshot> expected = written.get();
            expected.ifPresent(e -> assertNotEquals(original, e, "the writer changed nothing"));
        }

        private void assertEncrypted() {
            ObjectMetadata meta = emulator.client.getObjectMetadata(BUCKET, key);
            assertEquals("KMS", meta.getServerSideEncryption(), meta.getRawMetadata().toString());
            assertEquals(Emulator.CMK, meta.getServerSideEncryptionKeyId());
        }

        private void upload() {
            ObjectMetadata meta = new ObjectMetadata();
            meta.setContentType("text/plain");
            meta.setUserMetadata(Map.of("owner", "race"));
            meta.setObjectAcl(CannedAccessControlList.PublicRead);
            meta.setHeader("x-oss-tagging", "project=race");
            emulator.put(BUCKET, key, content, meta);
        }

        /** Runs once, at the step the scenario names, on the emulator's thread serving that call. */
        private void actAsSecondWriter() {
            if (!armed.getAndSet(false)) {
                return;
            }
            try {
                write();
            } catch (RuntimeException e) {
                writerFailed.set(e);
            } finally {
                writerDone.countDown();
            }
        }

        private void awaitWriter(JsonObject first) {
            try {
                assertTrue(writerDone.await(60, TimeUnit.SECONDS), "the second writer did not finish: " + first);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for the second writer", e);
            }
        }

        private void write() {
            if (!scenario.sameSecond) {
                clock.advance(Duration.ofSeconds(1));
            }
            switch (scenario.writer) {
                case OVERWRITE:
                    byte[] other = content.clone();
                    other[0] ^= 1;
                    emulator.put(BUCKET, key, other, newHeaders());
                    break;
                case SAME_BYTES:
                    emulator.put(BUCKET, key, content, newHeaders());
                    break;
                case METADATA:
                    CopyObjectRequest copy = new CopyObjectRequest(BUCKET, key, BUCKET, key);
                    ObjectMetadata meta = new ObjectMetadata();
                    meta.setContentType("application/x-new");
                    meta.setUserMetadata(Map.of("owner", "race", "rev", "2"));
                    copy.setNewObjectMetadata(meta);
                    emulator.client.copyObject(copy);
                    break;
                case ACL:
                    emulator.client.setObjectAcl(BUCKET, key, CannedAccessControlList.Private);
                    break;
                case TAGS:
                    emulator.client.setObjectTagging(BUCKET, key, Map.of("project", "race", "rev", "2"));
                    break;
                case DELETE:
                    emulator.client.deleteObject(BUCKET, key);
                    break;
                default:
                    throw new AssertionError(scenario.writer);
            }
            written.set(scenario.writer == Writer.DELETE ? Optional.empty()
                    : Optional.of(ObjectSnapshot.of(emulator.client, BUCKET, key)));
            if (scenario.writer != Writer.DELETE) {
                writtenAclAndTags.set(aclAndTags());
            }
        }

        private String aclAndTags() {
            return emulator.client.getObjectAcl(BUCKET, key).getPermission() + " "
                    + new java.util.TreeMap<>(emulator.client.getObjectTagging(BUCKET, key).getAllTags());
        }

        private static ObjectMetadata newHeaders() {
            ObjectMetadata meta = new ObjectMetadata();
            meta.setContentType("application/x-new");
            meta.setUserMetadata(Map.of("rev", "2"));
            meta.setObjectAcl(CannedAccessControlList.Private);
            meta.setHeader("x-oss-tagging", "rev=2");
            return meta;
        }

        @Override
        public void close() {
            harness.close();
        }
    }
}
