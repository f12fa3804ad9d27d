package io.ossenforcer.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.fc.runtime.Context;
import com.aliyun.oss.model.ObjectMetadata;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.ossenforcer.app.Application;
import io.ossenforcer.app.InvocationException;
import io.ossenforcer.app.Settings;
import io.ossenforcer.localoss.LocalOss;
import io.ossenforcer.oss.AccessKey;
import io.ossenforcer.testing.CapturedLog;
import io.ossenforcer.testing.CapturedOutput;
import io.ossenforcer.testing.Emulator;
import io.ossenforcer.testing.FcContexts;
import io.ossenforcer.testing.ObjectSnapshot;
import io.ossenforcer.testing.Secrets;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The FC handler end to end: the emulator's own trigger events go through handleRequest exactly as FC would deliver
 * them, with the role's credentials in the Context, and the SDK talks to the emulator over HTTP.
 */
class EnforcerHandlerTest {
    private static final String BUCKET = "enforced";
    private static final Path RULES = Path.of("test-fixtures/rules/handler-it.json");

    private Emulator emulator;
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private Application app;
    private EnforcerHandler handler;
    private Context context;

    @BeforeEach
    void start() throws IOException {
        emulator = Emulator.start(LocalOss.builder().securityToken("sts-token-for-tests")).bucket(BUCKET);
        emulator.bucket("not-in-rules");
        emulator.oss.addEventListener(events::add);
        context = FcContexts.of("fc-req-1", Optional.of(emulator.key));
        handler = handlerWith(emulator.oss.endpoint());
    }

    private EnforcerHandler handlerWith(String endpoint) throws IOException {
        Settings settings = new Settings(Optional.of(RULES), Optional.of(endpoint), Optional.empty(), false);
        app = Application.builder(settings).build();
        EnforcerHandler h = new EnforcerHandler(app);
        h.initialize(context);
        return h;
    }

    @AfterEach
    void stop() {
        app.close();
        emulator.close();
    }

    /** Uploads, then returns the PutObject event the emulator emitted for it. */
    private String upload(String bucket, String key, ObjectMetadata meta) {
        int before = events.size();
        emulator.put(bucket, key, ("bytes of " + key).repeat(50).getBytes(StandardCharsets.UTF_8), meta);
        assertTrue(emulator.oss.awaitEventsDelivered(Duration.ofSeconds(10)));
        return events.get(before);
    }

    private String upload(String key) {
        return upload(BUCKET, key, new ObjectMetadata());
    }

    private JsonObject invoke(String event) throws IOException {
        return invoke(event, context);
    }

    private JsonObject invoke(String event, Context ctx) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, ctx);
        CapturedOutput.feed(out.toString(StandardCharsets.UTF_8));
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private static JsonObject onlyResult(JsonObject report) {
        JsonArray results = report.getAsJsonArray("results");
        assertEquals(1, results.size(), report.toString());
        return results.get(0).getAsJsonObject();
    }

    private String copyEventsSince(int index) {
        assertTrue(emulator.oss.awaitEventsDelivered(Duration.ofSeconds(10)));
        List<String> later = events.subList(index, events.size());
        assertEquals(1, later.size(), "expected exactly one event after the rewrite: " + later);
        return later.get(0);
    }

    @Test
    void aPlaintextUploadIsEncryptedAsItsRuleSays() throws IOException {
        JsonObject result = onlyResult(invoke(upload("reports/q3.pdf")));

        assertEquals("ENCRYPTED", result.get("outcome").getAsString(), result.toString());
        assertEquals("cmk-reports", result.get("ruleId").getAsString());
        assertEquals("none", result.getAsJsonObject("before").get("encryption").getAsString());
        assertEquals("cmk-test-0001", result.getAsJsonObject("after").get("kmsKeyId").getAsString());
        assertEquals(Emulator.CMK,
                emulator.client.getObjectMetadata(BUCKET, "reports/q3.pdf").getServerSideEncryptionKeyId());
    }

    @Test
    void enforcementKeepsEverythingButTheEncryption() throws IOException {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setContentType("application/pdf");
        meta.setContentDisposition("inline");
        meta.setUserMetadata(Map.of("owner", "finance"));
        meta.setHeader("x-oss-tagging", "classification=secret");
        meta.setObjectAcl(com.aliyun.oss.model.CannedAccessControlList.Private);
        String event = upload(BUCKET, "reports/rich.pdf", meta);
        ObjectSnapshot before = ObjectSnapshot.of(emulator.client, BUCKET, "reports/rich.pdf");

        invoke(event);

        assertEquals(before, ObjectSnapshot.of(emulator.client, BUCKET, "reports/rich.pdf"));
    }

    @Test
    void theEnforcersOwnCopyEventEndsCompliantSoThereIsNoLoop() throws IOException {
        String put = upload("media/clip.mov");
        int index = events.size();
        invoke(put);

        JsonObject result = onlyResult(invoke(copyEventsSince(index)));

        assertEquals("ObjectCreated:CopyObject", result.get("eventName").getAsString());
        assertEquals("COMPLIANT", result.get("outcome").getAsString());
        assertTrue(emulator.oss.awaitEventsDelivered(Duration.ofSeconds(10)));
        assertEquals(index + 1, events.size(), "a COMPLIANT object must not be copied again");
    }

    @Test
    void aReplayedEventDoesNoSecondCopy() throws IOException {
        String put = upload("reports/replayed.pdf");
        invoke(put);
        assertTrue(emulator.oss.awaitEventsDelivered(Duration.ofSeconds(10)));
        int afterFirst = events.size();

        JsonObject replay = onlyResult(invoke(put));

        assertEquals("COMPLIANT", replay.get("outcome").getAsString());
        assertTrue(emulator.oss.awaitEventsDelivered(Duration.ofSeconds(10)));
        assertEquals(afterFirst, events.size());
    }

    @Test
    void anAuditRuleReportsWouldEncryptAndChangesNothing() throws IOException {
        String event = upload("logs/app.log");

        JsonObject result = onlyResult(invoke(event));

        assertEquals("WOULD_ENCRYPT", result.get("outcome").getAsString());
        assertEquals(null, emulator.client.getObjectMetadata(BUCKET, "logs/app.log").getServerSideEncryption());
    }

    @Test
    void anEventForABucketTheRulesDoNotNameMakesNoRequestAtAll() throws IOException {
        String event = upload("not-in-rules", "file.txt", new ObjectMetadata());
        app.close();
        handler = handlerWith("http://127.0.0.1:9");

        JsonObject result = onlyResult(invoke(event));

        assertEquals("SKIPPED", result.get("outcome").getAsString());
        assertTrue(result.get("reason").getAsString().contains("not named in the rules"));
    }

    @Test
    void aRetryableFailureFailsTheInvocationAfterTryingEveryRecordAndReporting() throws IOException {
        String event = upload("reports/unreachable.pdf");
        app.close();
        handler = handlerWith("http://127.0.0.1:9");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        InvocationException e = assertThrows(InvocationException.class, () -> handler.handleRequest(
                new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context));

        assertTrue(e.getMessage().contains("reports/unreachable.pdf"), e.getMessage());
        JsonObject result = onlyResult(JsonParser.parseString(out.toString(StandardCharsets.UTF_8))
                .getAsJsonObject());
        assertEquals("FAILED", result.get("outcome").getAsString());
        assertTrue(result.get("retryable").getAsBoolean());
    }

    @Test
    void aPermanentFailureIsReportedWithTheOssCodeButDoesNotFailTheInvocation() throws IOException {
        JsonObject result = onlyResult(invoke(upload("broken/file.bin")));

        assertEquals("FAILED", result.get("outcome").getAsString());
        assertFalse(result.get("retryable").getAsBoolean());
        assertTrue(result.has("errorCode"), result.toString());
        assertTrue(result.has("ossRequestId"), result.toString());
        assertEquals(null, emulator.client.getObjectMetadata(BUCKET, "broken/file.bin").getServerSideEncryption());
    }

    @Test
    void aMultiRecordEventEnforcesEveryRecordAndSummarises() throws IOException {
        JsonObject first = JsonParser.parseString(upload("reports/a.pdf")).getAsJsonObject();
        JsonObject second = JsonParser.parseString(upload("logs/b.log")).getAsJsonObject();
        JsonObject third = JsonParser.parseString(upload("not-in-rules", "c.txt", new ObjectMetadata()))
                .getAsJsonObject();
        JsonArray records = new JsonArray();
        for (JsonObject e : List.of(first, second, third)) {
            records.add(e.getAsJsonArray("events").get(0));
        }
        JsonObject multi = new JsonObject();
        multi.add("events", records);

        JsonObject summary = invoke(multi.toString()).getAsJsonObject("summary");

        assertEquals(3, summary.get("total").getAsInt());
        assertEquals(1, summary.get("ENCRYPTED").getAsInt());
        assertEquals(1, summary.get("WOULD_ENCRYPT").getAsInt());
        assertEquals(1, summary.get("SKIPPED").getAsInt());
    }

    @Test
    void aMalformedEventFailsTheInvocationNamingTheProblem() {
        InvocationException e = assertThrows(InvocationException.class,
                () -> invoke("{\"events\":[{\"eventName\":\"ObjectCreated:PutObject\"}]}"));

        assertTrue(e.getMessage().startsWith("bad event:"), e.getMessage());
        assertTrue(e.getMessage().contains("$.events[0]"), e.getMessage());
    }

    @Test
    void aSweepRequestIsNotAnEventForTheUploadEnforcer() {
        InvocationException e = assertThrows(InvocationException.class,
                () -> invoke("{\"sweep\":{\"bucket\":\"" + BUCKET + "\"}}"));

        assertTrue(e.getMessage().startsWith("bad event:"), e.getMessage());
    }

    @Test
    void invalidRulesFailTheInstanceStartListingTheProblems() throws IOException {
        Path bad = Files.createTempFile("bad-rules", ".json");
        Files.writeString(bad, "{\"buckets\":{\"b-1\":{\"rules\":[{\"id\":\"\",\"encryption\":{\"algorithm\":\"DES\"}}]}}}");
        EnforcerHandler h = new EnforcerHandler(Application.builder(new Settings(Optional.of(bad), Optional.empty(),
                Optional.empty(), false)).build());

        InvocationException e = assertThrows(InvocationException.class, () -> h.initialize(context));

        assertTrue(e.getMessage().contains("DES"), e.getMessage());
        assertTrue(e.getMessage().contains("id"), e.getMessage());
    }

    @Test
    @ResourceLock(CapturedLog.LINES)
    void thePackagedPlaceholderKeyIdIsLoggedAsOneWarningWhenTheRulesLoadAndNotPerInvocation() throws IOException {
        String event = upload("reports/after-start.pdf");
        try (CapturedLog log = CapturedLog.attach(); Application packaged = Application.builder(new Settings(
                Optional.empty(), Optional.of(emulator.oss.endpoint()), Optional.empty(), false)).build()) {
            EnforcerHandler h = new EnforcerHandler(packaged);
            h.initialize(context);
            h.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), context);

            List<JsonObject> warnings = log.lines().stream().map(l -> JsonParser.parseString(l).getAsJsonObject())
                    .filter(l -> l.get("level").getAsString().equals("WARN")).collect(Collectors.toList());
            assertEquals(1, warnings.size(), log.lines().toString());
            JsonObject line = warnings.get(0);
            assertEquals("invocation", line.get("type").getAsString());
            assertEquals("rules warning", line.get("warning").getAsString());
            // What check-rules prints after "warning: " for the same file.
            assertEquals("classpath:rules.json: $.buckets.example-bucket.rules[0].encryption.kmsKeyId:"
                    + " \"example-placeholder-cmk-id-replace-me\" is the placeholder the project ships, not a key:"
                    + " until it names your CMK, every rewrite under this rule fails",
                    line.get("message").getAsString());
        }
    }

    @Test
    @ResourceLock(CapturedLog.LINES)
    void rulesWithoutWarningsLogNoWarningWhenTheyLoad() throws IOException {
        try (CapturedLog log = CapturedLog.attach(); Application fixture = Application.builder(new Settings(
                Optional.of(RULES), Optional.of(emulator.oss.endpoint()), Optional.empty(), false)).build()) {
            new EnforcerHandler(fixture).initialize(context);

            assertEquals(List.of(), log.lines());
        }
    }

    @Test
    void withoutCredentialsTheRecordFailsPermanentlySayingWhatToConfigure() throws IOException {
        JsonObject result = onlyResult(invoke(upload("reports/nocreds.pdf"), FcContexts.of("r", Optional.empty())));

        assertEquals("FAILED", result.get("outcome").getAsString());
        assertTrue(result.get("reason").getAsString().contains("RAM role"), result.toString());
    }

    @Test
    void aWrongStsTokenIsRejectedByOssAndReportedWithoutLeakingIt() throws IOException {
        AccessKey stale = new AccessKey(emulator.key.id(), emulator.key.secret(), Optional.of("stale-token-value"));
        Secrets.used(stale.securityToken().orElseThrow());
        JsonObject report = invoke(upload("reports/stale.pdf"), FcContexts.of("r", Optional.of(stale)));

        JsonObject result = onlyResult(report);
        assertEquals("FAILED", result.get("outcome").getAsString());
        assertFalse(report.toString().contains("stale-token-value"));
        assertFalse(report.toString().contains(emulator.key.secret()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"reports/with space.pdf", "reports/plus+sign.pdf", "reports/100%.pdf",
        "reports/%20literal.pdf", "reports/中文 报告.pdf", "reports/emoji 🔐.pdf", "reports//double//slash.pdf"})
    void hardKeysAreEnforcedEndToEnd(String key) throws IOException {
        JsonObject result = onlyResult(invoke(upload(key)));

        assertEquals("ENCRYPTED", result.get("outcome").getAsString(), result.toString());
        assertEquals(key, result.get("key").getAsString());
        assertEquals("KMS", emulator.client.getObjectMetadata(BUCKET, key).getServerSideEncryption());
    }

    @Test
    void aKeyOf1023BytesIsEnforcedEndToEnd() throws IOException {
        String key = "reports/" + "k".repeat(1023 - "reports/".length());

        JsonObject result = onlyResult(invoke(upload(key)));

        assertEquals("ENCRYPTED", result.get("outcome").getAsString(), result.toString());
    }

    @Test
    @ResourceLock(CapturedLog.LINES)
    void everyOutcomeIsLoggedAsOneJsonLineWithoutCredentials() throws IOException {
        String event = upload("reports/logged.pdf");
        try (CapturedLog log = CapturedLog.attach()) {
            JsonObject result = onlyResult(invoke(event));

            List<String> lines = log.lines();
            assertEquals(1, lines.size(), lines.toString());
            JsonObject line = JsonParser.parseString(lines.get(0)).getAsJsonObject();
            assertEquals("outcome", line.get("type").getAsString());
            assertEquals("INFO", line.get("level").getAsString());
            assertTrue(line.get("time").getAsString().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
                    line.toString());
            assertEquals("fc-req-1", line.get("fcRequestId").getAsString());
            // Beyond those four, exactly the report's result for the object.
            JsonObject body = line.deepCopy();
            List.of("time", "level", "type", "fcRequestId").forEach(body::remove);
            assertEquals(result, body);
            assertFalse(lines.get(0).contains(emulator.key.secret()));
            assertFalse(lines.get(0).contains("sts-token-for-tests"));
        }
    }
}
