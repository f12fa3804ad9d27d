package io.ossenforcer.oss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.internal.OSSHeaders;
import com.aliyun.oss.model.BucketVersioningConfiguration;
import com.aliyun.oss.model.PutObjectRequest;
import com.aliyun.oss.model.SSEAlgorithm;
import com.aliyun.oss.model.ServerSideEncryptionByDefault;
import com.aliyun.oss.model.ServerSideEncryptionConfiguration;
import com.aliyun.oss.model.SetBucketEncryptionRequest;
import com.aliyun.oss.model.SetBucketVersioningRequest;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.ossenforcer.canary.CanaryContent;
import io.ossenforcer.canary.CanaryPlan;
import io.ossenforcer.canary.CanaryPlanner;
import io.ossenforcer.canary.DeploymentVerifier;
import io.ossenforcer.rules.RuleSet;
import io.ossenforcer.rules.RulesParser;
import io.ossenforcer.testing.Emulator;
import io.ossenforcer.testing.FastTicker;
import io.ossenforcer.testing.RecordingOss;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/ram-policy-verify.json grants exactly what verify-deployment's calls need, on canary keys only: the calls are
 * recorded from a run against the emulator (a plain and a versioned bucket, cleanup included) and mapped to RAM
 * actions by the table below.
 */
class VerifyPolicyCoverageTest {
    private static final String POLICY = "docs/ram-policy-verify.json";
    private static final String RULES = "test-fixtures/rules/verify-deployment.json";

    /**
     * Object-level actions of each SDK method the command calls. An upload carrying {@code x-oss-object-acl} or
     * {@code x-oss-tagging} also needs PutObjectAcl or PutObjectTagging (added per call below), as a copy carrying
     * them does in docs/ram-policy.json.
     */
    private static final Map<String, Set<String>> OBJECT_ACTIONS = Map.of(
            "putObject", Set.of("oss:PutObject"),
            "getObjectMetadata", Set.of("oss:GetObject"),
            "getObjectTagging", Set.of("oss:GetObjectTagging"),
            "getObjectAcl", Set.of("oss:GetObjectAcl"),
            "deleteObject", Set.of("oss:DeleteObject"),
            "deleteVersion", Set.of("oss:DeleteObjectVersion"));
    /** Bucket-level: granted on the bucket, not its objects. */
    private static final Map<String, Set<String>> BUCKET_ACTIONS = Map.of(
            "getBucketEncryption", Set.of("oss:GetBucketEncryption"),
            "getBucketVersioning", Set.of("oss:GetBucketVersioning"),
            "listVersions", Set.of("oss:ListObjectVersions"));

    private static Emulator emulator;
    private static final RecordingOss RECORDING = new RecordingOss();
    private static final List<String> KEYS = new ArrayList<>();

    @BeforeAll
    static void runOnce() throws Exception {
        emulator = Emulator.start().bucket("verify-plain").bucket("verify-versioned");
        emulator.client.setBucketVersioning(new SetBucketVersioningRequest("verify-versioned",
                new BucketVersioningConfiguration(BucketVersioningConfiguration.ENABLED)));
        // A plaintext canary that arrives encrypted makes the command read the bucket's default encryption.
        emulator.client.setBucketEncryption(new SetBucketEncryptionRequest("verify-plain",
                new ServerSideEncryptionConfiguration().withApplyServerSideEncryptionByDefault(
                        new ServerSideEncryptionByDefault(SSEAlgorithm.AES256))));
        RuleSet rules = RulesParser.load(Path.of(RULES));
        CanaryPlan plan = CanaryPlanner.plan(rules, List.copyOf(rules.buckets()), CanaryPlanner.DEFAULT_PREFIX, "run");
        plan.canaries().forEach(c -> KEYS.add(c.key()));
        new DeploymentVerifier(new SdkCanaryStore(RECORDING.wrap(emulator.client)), FastTicker.frozen(),
                Duration.ofSeconds(1), line -> { }).run(plan, CanaryContent.forRun("run"), false);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static Set<String> needed(Map<String, Set<String>> table) {
        Set<String> needed = new TreeSet<>();
        for (RecordingOss.Call call : RECORDING.calls()) {
            assertTrue(OBJECT_ACTIONS.containsKey(call.method) || BUCKET_ACTIONS.containsKey(call.method),
                    "verify-deployment calls " + call.method + ", which the tables do not map");
            needed.addAll(table.getOrDefault(call.method, Set.of()));
            if (table == OBJECT_ACTIONS && call.method.equals("putObject")) {
                Map<String, Object> headers = ((PutObjectRequest) call.args[0]).getMetadata().getRawMetadata();
                if (headers.containsKey(OSSHeaders.OSS_OBJECT_ACL)) {
                    needed.add("oss:PutObjectAcl");
                }
                if (headers.containsKey(OSSHeaders.OSS_TAGGING)) {
                    needed.add("oss:PutObjectTagging");
                }
            }
        }
        return needed;
    }

    private static List<JsonObject> statements() throws IOException {
        List<JsonObject> statements = new ArrayList<>();
        JsonParser.parseString(Files.readString(Path.of(POLICY))).getAsJsonObject().getAsJsonArray("Statement")
                .forEach(s -> statements.add(s.getAsJsonObject()));
        return statements;
    }

    private static List<String> strings(JsonObject statement, String field) {
        List<String> values = new ArrayList<>();
        statement.getAsJsonArray(field).forEach(v -> values.add(v.getAsString()));
        return values;
    }

    @Test
    void isAVersionOneDocumentOfAllowStatementsWithoutWildcardActions() throws IOException {
        assertEquals("1", JsonParser.parseString(Files.readString(Path.of(POLICY))).getAsJsonObject()
                .get("Version").getAsString());
        for (JsonObject statement : statements()) {
            assertEquals("Allow", statement.get("Effect").getAsString());
            assertTrue(strings(statement, "Action").stream().noneMatch(a -> a.contains("*")), statement.toString());
        }
    }

    @Test
    void theCanaryStatementGrantsExactlyTheObjectActionsTheCommandNeeds() throws IOException {
        assertEquals(needed(OBJECT_ACTIONS), new TreeSet<>(strings(statements().get(0), "Action")));
    }

    @Test
    void theBucketStatementGrantsExactlyTheBucketActionsTheCommandNeeds() throws IOException {
        assertEquals(needed(BUCKET_ACTIONS), new TreeSet<>(strings(statements().get(1), "Action")));
    }

    @Test
    void objectActionsReachOnlyCanaryKeysAndEveryCanaryKeyIsReached() throws IOException {
        for (String resource : strings(statements().get(0), "Resource")) {
            assertTrue(resource.matches("acs:oss:\\*:\\*:[a-z0-9-]+/\\*" + CanaryPlanner.DEFAULT_PREFIX + "\\*"),
                    resource);
        }
        // RAM's * matches any characters, / included: <bucket>/*oss-sse-enforcer-canary/* reaches each canary key.
        for (String key : KEYS) {
            assertTrue(key.matches(".*" + Pattern.quote(CanaryPlanner.DEFAULT_PREFIX) + ".*"), key);
        }
    }

    @Test
    void everyUploadRefusesToOverwriteAnObject() {
        for (RecordingOss.Call call : RECORDING.calls()) {
            if (call.method.equals("putObject")) {
                assertEquals("true", ((PutObjectRequest) call.args[0]).getMetadata().getRawMetadata()
                        .get(SdkCanaryStore.FORBID_OVERWRITE), call.toString());
            }
        }
    }

    @Test
    void grantsTheBucketsTheFunctionsPolicyNames() throws IOException {
        Set<String> functionBuckets = new TreeSet<>();
        for (JsonElement s : JsonParser.parseString(Files.readString(Path.of("docs/ram-policy.json")))
                .getAsJsonObject().getAsJsonArray("Statement")) {
            for (String resource : strings(s.getAsJsonObject(), "Resource")) {
                if (resource.startsWith("acs:oss:")) {
                    functionBuckets.add(resource.split(":")[4].split("/")[0]);
                }
            }
        }
        Set<String> canaryBuckets = new TreeSet<>();
        for (JsonObject statement : statements().subList(0, 2)) {
            strings(statement, "Resource").forEach(r -> canaryBuckets.add(r.split(":")[4].split("/")[0]));
        }
        assertEquals(functionBuckets, canaryBuckets);
    }
}
