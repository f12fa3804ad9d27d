package io.ossenforcer.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/ram-policy.json grants the function exactly what the enforcer does, and docs/ram-trust-policy.json lets FC use it. */
class RamPolicyTest {
    /**
     * The OSS actions behind every call the enforcer makes (see docs/DEPLOY.md for which call needs which):
     * HeadObject, CopyObject's read and InitiateMultipartUpload/UploadPartCopy/CompleteMultipartUpload's writes map
     * onto GetObject/PutObject; a call naming a version (versioned buckets) onto the version action; the rest are
     * named for their API.
     */
    private static final Set<String> OSS_ACTIONS = Set.of("oss:GetObject", "oss:PutObject", "oss:GetObjectAcl",
            "oss:PutObjectAcl", "oss:GetObjectTagging", "oss:PutObjectTagging", "oss:AbortMultipartUpload",
            "oss:ListParts", "oss:ListObjects", "oss:ListMultipartUploads", "oss:GetObjectVersionAcl",
            "oss:PutObjectVersionAcl", "oss:GetObjectVersionTagging", "oss:PutObjectVersionTagging",
            "oss:DeleteObjectVersion", "oss:ListObjectVersions");
    /**
     * The sweep lists buckets, a multipart rewrite lists the open uploads of its key, and a rewrite in a versioned
     * bucket lists the key's versions: the actions granted on the bucket itself rather than on its objects.
     */
    private static final List<String> BUCKET_ACTIONS = List.of("oss:ListObjects", "oss:ListMultipartUploads",
            "oss:ListObjectVersions");
    /** What OSS asks of the caller when it writes or reads with SSE-KMS (CopyObject, InitiateMultipartUpload). */
    private static final Set<String> KMS_ACTIONS = Set.of("kms:GenerateDataKey", "kms:Decrypt");

    @Test
    void policyIsAVersionOneDocumentOfAllowStatements() {
        JsonObject policy = document("docs/ram-policy.json");
        assertEquals("1", policy.get("Version").getAsString());
        List<JsonObject> statements = statements(policy);
        assertFalse(statements.isEmpty(), "policy has no statements");
        for (JsonObject statement : statements) {
            assertEquals("Allow", statement.get("Effect").getAsString());
            assertFalse(strings(statement, "Action").isEmpty(), "statement without actions: " + statement);
            assertFalse(strings(statement, "Resource").isEmpty(), "statement without resources: " + statement);
        }
    }

    @Test
    void grantsExactlyTheOssActionsTheEnforcerUses() {
        assertEquals(new TreeSet<>(OSS_ACTIONS), actionsOf("oss:"));
    }

    @Test
    void grantsTheKmsActionsSseKmsNeeds() {
        assertTrue(actionsOf("kms:").containsAll(KMS_ACTIONS), "missing KMS actions, granted: " + actionsOf("kms:"));
    }

    @Test
    void grantsNoWildcardAction() {
        Set<String> wildcards = actionsOf("").stream().filter(action -> action.contains("*")).collect(Collectors.toSet());
        assertTrue(wildcards.isEmpty(), "wildcard actions such as oss:* grant far more than the enforcer uses: " + wildcards);
    }

    @Test
    void scopesOssActionsToObjectsOfNamedBuckets() {
        for (JsonObject statement : statements(document("docs/ram-policy.json"))) {
            if (strings(statement, "Action").stream().noneMatch(action -> action.startsWith("oss:"))) {
                continue;
            }
            List<String> actions = strings(statement, "Action");
            boolean bucketLevel = actions.stream().anyMatch(BUCKET_ACTIONS::contains);
            assertTrue(!bucketLevel || BUCKET_ACTIONS.containsAll(actions),
                    "bucket-level actions " + BUCKET_ACTIONS + " must have a statement of their own: " + actions);
            for (String resource : strings(statement, "Resource")) {
                // Objects of one named bucket (or, for listing, the named bucket); never "*", never every bucket.
                String bucket = "acs:oss:[^:]+:[^:]+:[a-z0-9][a-z0-9-]{1,61}[a-z0-9]";
                assertTrue(resource.matches(bucketLevel ? bucket : bucket + "/.*"), "OSS resource is not "
                        + (bucketLevel ? "a named bucket: " : "the objects of a named bucket: ") + resource);
            }
        }
    }

    @Test
    void trustPolicyLetsOnlyFunctionComputeAssumeTheRole() {
        JsonObject trust = document("docs/ram-trust-policy.json");
        assertEquals("1", trust.get("Version").getAsString());
        for (JsonObject statement : statements(trust)) {
            assertEquals("Allow", statement.get("Effect").getAsString());
            assertEquals(List.of("sts:AssumeRole"), strings(statement, "Action"));
            assertEquals(List.of("fc.aliyuncs.com"), strings(statement.getAsJsonObject("Principal"), "Service"));
        }
    }

    static JsonObject document(String path) {
        return ProjectFiles.readJson(ProjectFiles.file(path)).getAsJsonObject();
    }

    static List<JsonObject> statements(JsonObject policy) {
        List<JsonObject> statements = new ArrayList<>();
        policy.getAsJsonArray("Statement").forEach(statement -> statements.add(statement.getAsJsonObject()));
        return statements;
    }

    /** A policy field that RAM accepts either as one string or as a list of strings. */
    static List<String> strings(JsonObject object, String field) {
        JsonElement value = object.get(field);
        List<String> strings = new ArrayList<>();
        if (value == null) {
            return strings;
        }
        if (value.isJsonArray()) {
            value.getAsJsonArray().forEach(item -> strings.add(item.getAsString()));
        } else {
            strings.add(value.getAsString());
        }
        return strings;
    }

    private static Set<String> actionsOf(String prefix) {
        return statements(document("docs/ram-policy.json")).stream()
                .flatMap(statement -> strings(statement, "Action").stream())
                .filter(action -> action.startsWith(prefix))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
