package io.ossenforcer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.model.BucketVersioningConfiguration;
import com.aliyun.oss.model.ListVersionsRequest;
import com.aliyun.oss.model.SSEAlgorithm;
import com.aliyun.oss.model.ServerSideEncryptionByDefault;
import com.aliyun.oss.model.ServerSideEncryptionConfiguration;
import com.aliyun.oss.model.SetBucketEncryptionRequest;
import com.aliyun.oss.model.SetBucketVersioningRequest;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.ossenforcer.canary.Ticker;
import io.ossenforcer.app.Application;
import io.ossenforcer.app.Settings;
import io.ossenforcer.rules.RulesParser;
import io.ossenforcer.testing.CapturedOutput;
import io.ossenforcer.testing.Emulator;
import io.ossenforcer.testing.FastTicker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * verify-deployment against the emulator: with the enforcer as its trigger (as {@code local-oss --rules} runs it),
 * without a trigger, and with a trigger that runs other rules than the ones the command is given.
 */
class VerifyDeploymentCommandTest {
    static final String RULES = "test-fixtures/rules/verify-deployment.json";
    static final String DRIFTED = "test-fixtures/rules/verify-deployment-drifted.json";
    static final String PLAIN = "verify-plain";
    static final String VERSIONED = "verify-versioned";

    /** The emulator with the rule buckets (one versioned) and, given rules, the enforcer as its trigger. */
    static final class Deployment implements AutoCloseable {
        final Emulator emulator = Emulator.start().bucket(PLAIN).bucket(VERSIONED);
        private final Optional<Application> app;

        Deployment(Optional<String> triggerRules) throws Exception {
            emulator.client.setBucketVersioning(new SetBucketVersioningRequest(VERSIONED,
                    new BucketVersioningConfiguration(BucketVersioningConfiguration.ENABLED)));
            if (triggerRules.isPresent()) {
                Application trigger = Application.builder(new Settings(Optional.empty(),
                        Optional.of(emulator.oss.endpoint()), Optional.empty(), false))
                        .rules(RulesParser.load(Path.of(triggerRules.get()))).build();
                emulator.oss.addEventListener(new LocalTrigger(trigger, emulator.key, report -> { },
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
                app = Optional.of(trigger);
            } else {
                app = Optional.empty();
            }
        }

        Run verify(Ticker ticker, String... options) throws UsageException {
            return verifyWith(RULES, ticker, options);
        }

        Run verifyWith(String rules, Ticker ticker, String... options) throws UsageException {
            List<String> argv = new ArrayList<>(List.of("--rules", rules, "--endpoint", emulator.oss.endpoint(),
                    "--region", emulator.oss.region()));
            argv.addAll(List.of(options));
            Map<String, String> env = new HashMap<>();
            env.put("ALIBABA_CLOUD_ACCESS_KEY_ID", emulator.key.id());
            env.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", emulator.key.secret());
            emulator.key.securityToken().ifPresent(t -> env.put("ALIBABA_CLOUD_SECURITY_TOKEN", t));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = new VerifyDeploymentCommand(ticker).run(argv, new Command.Io(
                    new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), env));
            Run run = new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
            CapturedOutput.feed(run.out + run.err);
            return run;
        }

        /** Every key (every version of every key, in the versioned bucket) the buckets hold. */
        List<String> everythingStored() {
            List<String> stored = new ArrayList<>();
            emulator.client.listObjects(PLAIN).getObjectSummaries().forEach(o -> stored.add(PLAIN + "/" + o.getKey()));
            emulator.client.listVersions(new ListVersionsRequest().withBucketName(VERSIONED)).getVersionSummaries()
                    .forEach(v -> stored.add(VERSIONED + "/" + v.getKey() + "@" + v.getVersionId()));
            return stored;
        }

        @Override
        public void close() {
            app.ifPresent(Application::close);
            emulator.close();
        }
    }

    /** What one run printed, its JSON lines parsed. */
    static final class Run {
        final int status;
        final String out;
        final String err;
        final List<JsonObject> lines;
        final JsonObject summary;

        Run(int status, String out, String err) {
            this.status = status;
            this.out = out;
            this.err = err;
            List<JsonObject> json = out.lines().filter(l -> l.startsWith("{")).map(l -> JsonParser.parseString(l)
                    .getAsJsonObject()).collect(Collectors.toList());
            this.lines = json.stream().filter(l -> field(l, "type").equals("canary")).collect(Collectors.toList());
            this.summary = json.get(json.size() - 1);
        }

        JsonObject line(String bucket, String ruleId, String canary) {
            return lines.stream().filter(l -> l.get("bucket").getAsString().equals(bucket)
                    && l.get("ruleId").getAsString().equals(ruleId) && l.get("canary").getAsString().equals(canary))
                    .findFirst().orElseThrow(() -> new AssertionError("no line for " + bucket + " " + ruleId + " "
                            + canary + " in\n" + out + err));
        }

        @Override
        public String toString() {
            return "exit " + status + "\n" + out + err;
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AgainstTheTriggerLoop {
        private Deployment deployment;
        private Run run;

        @BeforeAll
        void verify() throws Exception {
            deployment = new Deployment(Optional.of(RULES));
            run = deployment.verify(FastTicker.settling(deployment.emulator.oss));
        }

        @AfterAll
        void stop() {
            deployment.close();
        }

        @Test
        void exitsZeroWithEveryCanaryPassing() {
            assertEquals(0, run.status, run.toString());
            assertEquals(List.of("audit-logs/plaintext=UNTOUCHED", "everything-else/plaintext=ENFORCED",
                    "kms-default/plaintext=ENFORCED", "kms-default/weaker=ENFORCED", "reports-cmk/plaintext=ENFORCED",
                    "reports-cmk/weaker=ENFORCED"), findings(run), run.toString());
            assertTrue(run.out.contains("PASS: every canary ended as its rule says (6 of 6); longest exposure window"),
                    run.toString());
        }

        @Test
        void theCanariesCarriedNonAsciiMetadataThroughTheRewrite() {
            assertEquals(0, run.summary.getAsJsonArray("notes").size(), run.summary.toString());
            assertTrue(run.lines.stream().allMatch(l -> field(l, "verdict").equals("PASS")), run.toString());
        }

        @Test
        void endsWithOneJsonLineForTheRun() {
            assertEquals("run", field(run.summary, "type"));
            assertEquals("PASS", field(run.summary, "verdict"));
            assertEquals(6, run.summary.get("removed").getAsInt());
            assertEquals(0, run.summary.getAsJsonArray("leftInPlace").size());
            assertTrue(run.summary.get("longestExposureWindowMs").getAsLong() > 0, run.summary.toString());
        }

        @Test
        void aCmkRulesCanariesEndUnderThatCmk() {
            for (String canary : List.of("plaintext", "weaker")) {
                JsonObject observed = run.line(PLAIN, "reports-cmk", canary).getAsJsonObject("observed");
                assertEquals("KMS", field(observed, "encryption"), run.toString());
                assertEquals(Emulator.CMK, field(observed, "kmsKeyId"), run.toString());
            }
        }

        @Test
        void measuresTheExposureWindowOfEveryRewrittenCanary() {
            for (JsonObject line : run.lines) {
                boolean rewritten = line.get("finding").getAsString().equals("ENFORCED");
                assertEquals(rewritten, line.has("exposureWindowMs"), line.toString());
                if (rewritten) {
                    assertTrue(line.get("exposureWindowAtLeastMs").getAsLong()
                            <= line.get("exposureWindowMs").getAsLong(), line.toString());
                }
            }
        }

        @Test
        void leavesTheAuditRulesCanaryUntouched() {
            JsonObject audit = run.line(PLAIN, "audit-logs", "plaintext");

            assertEquals("PASS", field(audit, "verdict"));
            assertEquals("none", field(audit.getAsJsonObject("observed"), "encryption"));
            assertEquals("untouched (audit)", field(audit, "expected"));
        }

        @Test
        void putsACanaryUnderTheRulesOwnPrefixWhenTheRuleCannotCoverTheDedicatedOne() {
            JsonObject reports = run.line(PLAIN, "reports-cmk", "plaintext");

            assertTrue(field(reports, "key").startsWith("reports/oss-sse-enforcer-canary/"), reports.toString());
            assertTrue(field(reports, "placement").contains("covers only keys under reports/"), reports.toString());
            assertTrue(field(run.line(PLAIN, "everything-else", "plaintext"), "key")
                    .startsWith("oss-sse-enforcer-canary/"), run.toString());
        }

        @Test
        void cleansUpEveryCanaryVersionedOrNot() {
            assertEquals(List.of(), deployment.everythingStored());
            assertTrue(run.out.contains("cleaned up 6 canaries"), run.toString());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithoutATrigger {
        private final FastTicker ticker = FastTicker.frozen();
        private Deployment deployment;
        private Run run;

        @BeforeAll
        void verify() throws Exception {
            deployment = new Deployment(Optional.empty());
            run = deployment.verify(ticker, "--timeout", "5");
        }

        @AfterAll
        void stop() {
            deployment.close();
        }

        @Test
        void failsNamingTheTimeout() {
            assertEquals(1, run.status, run.toString());
            JsonObject line = run.line(PLAIN, "everything-else", "plaintext");
            assertEquals("NOT_ENFORCED", field(line, "finding"));
            assertTrue(field(line, "cause").startsWith("not enforced within 5 s: still none; no canary in any"
                    + " bucket was rewritten"), line.toString());
            assertTrue(run.out.contains("likely cause: not enforced within 5 s"), run.toString());
        }

        @Test
        void readsWithBackoffUntilTheTimeoutWithoutWaitingForIt() {
            List<Duration> pauses = ticker.pauses();

            assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                    Duration.ofMillis(800), Duration.ofMillis(1600)), pauses.subList(0, 5), pauses.toString());
            assertTrue(pauses.stream().allMatch(p -> p.compareTo(Duration.ofSeconds(2)) <= 0), pauses.toString());
            assertTrue(total(pauses).compareTo(Duration.ofSeconds(5)) <= 0, pauses.toString());
        }

        @Test
        void theAuditCanaryStillPasses() {
            assertEquals("UNTOUCHED", field(run.line(PLAIN, "audit-logs", "plaintext"), "finding"));
        }

        @Test
        void cleansUpAll() {
            assertEquals(List.of(), deployment.everythingStored());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WhenTheTriggerRunsOtherRules {
        private Deployment deployment;
        private Run run;

        @BeforeAll
        void verify() throws Exception {
            deployment = new Deployment(Optional.of(DRIFTED));
            run = deployment.verify(FastTicker.settling(deployment.emulator.oss));
        }

        @AfterAll
        void stop() {
            deployment.close();
        }

        @Test
        void namesTheEncryptionTheFunctionChoseAndTheOneTheRulesDemand() {
            JsonObject line = run.line(PLAIN, "reports-cmk", "plaintext");

            assertEquals(1, run.status, run.toString());
            assertEquals("WRONG_ENCRYPTION", field(line, "finding"));
            assertTrue(field(line, "cause").startsWith("the function encrypted it as AES256 but --rules demands"
                    + " KMS(key=" + Emulator.CMK + "): the rules the function uses differ from --rules"),
                    line.toString());
            assertTrue(field(line, "fix").contains("RULES_OSS_URI"), line.toString());
        }

        @Test
        void explainsTheWeakerCanaryLeftAloneByTheFunctionsWeakerRule() {
            JsonObject line = run.line(PLAIN, "reports-cmk", "weaker");

            assertEquals("NOT_ENFORCED", field(line, "finding"));
            assertTrue(field(line, "cause").contains("the function wrote AES256 on the plaintext canary of this rule"
                    + " and found this AES256 one compliant"), line.toString());
        }

        @Test
        void namesAnAuditRuleTheFunctionEnforces() {
            JsonObject line = run.line(PLAIN, "audit-logs", "plaintext");

            assertEquals("CHANGED", field(line, "finding"));
            assertTrue(field(line, "cause").startsWith("--rules only audits this key, but it ended KMS"),
                    line.toString());
        }

        @Test
        void passesTheRulesBothAgreeOn() {
            assertEquals("ENFORCED", field(run.line(PLAIN, "everything-else", "plaintext"), "finding"));
            assertEquals("ENFORCED", field(run.line(VERSIONED, "kms-default", "weaker"), "finding"));
        }

        @Test
        void cleansUpAll() {
            assertEquals(List.of(), deployment.everythingStored());
        }
    }

    @Test
    void aPlaintextCanaryTheBucketEncryptsByDefaultPassesOnArrival() throws Exception {
        try (Deployment deployment = new Deployment(Optional.of(RULES))) {
            deployment.emulator.client.setBucketEncryption(new SetBucketEncryptionRequest(PLAIN,
                    new ServerSideEncryptionConfiguration().withApplyServerSideEncryptionByDefault(
                            new ServerSideEncryptionByDefault(SSEAlgorithm.AES256))));

            Run run = deployment.verify(FastTicker.settling(deployment.emulator.oss), "--bucket", PLAIN);

            assertEquals(0, run.status, run.toString());
            JsonObject line = run.line(PLAIN, "everything-else", "plaintext");
            assertEquals("ENCRYPTED_ON_ARRIVAL", field(line, "finding"), line.toString());
            assertFalse(line.has("exposureWindowMs"), line.toString());
            assertEquals("ENFORCED", field(run.line(PLAIN, "reports-cmk", "weaker"), "finding"));
            assertTrue(run.out.contains("on arrival: the bucket's default encryption, not the function"), run.out);
        }
    }

    @Test
    void readsTheRulesFromOssAsTheFunctionDoes() throws Exception {
        try (Deployment deployment = new Deployment(Optional.of(RULES))) {
            deployment.emulator.bucket("verify-config");
            deployment.emulator.put("verify-config", "oss-sse-enforcer/rules.json",
                    Files.readString(Path.of(RULES)));

            Run run = deployment.verifyWith("oss://verify-config/oss-sse-enforcer/rules.json",
                    FastTicker.settling(deployment.emulator.oss));

            assertEquals(0, run.status, run.toString());
            assertEquals(6, run.lines.size(), run.toString());
        }
    }

    @Test
    void keepLeavesTheCanariesAndNamesThem() throws Exception {
        try (Deployment deployment = new Deployment(Optional.of(RULES))) {
            Run run = deployment.verify(FastTicker.settling(deployment.emulator.oss), "--keep", "--bucket", PLAIN);

            assertEquals(0, run.status, run.toString());
            List<String> stored = deployment.everythingStored();
            assertEquals(4, stored.size(), stored.toString());
            for (String key : stored) {
                String objectKey = key.substring(PLAIN.length() + 1);
                assertTrue(run.out.contains("left in place: oss://" + key + " (--keep)"), run.toString());
                assertTrue(objectKey.contains("oss-sse-enforcer-canary/"), key);
            }
        }
    }

    static String field(JsonObject line, String name) {
        return line.has(name) ? line.get(name).getAsString() : "(none)";
    }

    static List<String> findings(Run run) {
        return run.lines.stream().map(l -> l.get("ruleId").getAsString() + "/" + l.get("canary").getAsString() + "="
                + l.get("finding").getAsString()).sorted().collect(Collectors.toList());
    }

    static Duration total(List<Duration> pauses) {
        return pauses.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
