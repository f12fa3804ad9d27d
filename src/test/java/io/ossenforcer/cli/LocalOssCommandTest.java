package io.ossenforcer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code local-oss --rules} as a user runs it: a separate process serving the emulator, with the enforcer as its
 * trigger, and an ordinary OSS client (the SDK with its default V1 signing) talking to it.
 */
@Timeout(60)
class LocalOssCommandTest {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern EXPORT = Pattern.compile("export (ALIBABA_CLOUD_ACCESS_KEY_\\w+)=(\\S+)");

    private Process process;
    /** The process's log: one JSON line per outcome of its trigger. */
    private BufferedReader log;
    private String endpoint;
    private final Map<String, String> credentials = new HashMap<>();

    @BeforeEach
    void start() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "local-oss", "--rules", "test-fixtures/rules/handler-it.json", "--kms-key", "cmk-test-0001")
                .start();
        log = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null && !line.startsWith("Ctrl-C"); line = out.readLine()) {
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                endpoint = listening.group(1);
            }
            Matcher export = EXPORT.matcher(line);
            if (export.find()) {
                credentials.put(export.group(1), export.group(2));
            }
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void itPrintsAnEndpointAndAGeneratedCredentialPair() {
        assertTrue(endpoint != null, "no endpoint printed");
        assertEquals(2, credentials.size(), credentials.toString());
    }

    @Test
    void anUploadByAnyClientIsEnforcedByTheRulesAsTheTriggerWould() throws IOException {
        OSS client = new OSSClientBuilder().build(endpoint, credentials.get("ALIBABA_CLOUD_ACCESS_KEY_ID"),
                credentials.get("ALIBABA_CLOUD_ACCESS_KEY_SECRET"));
        try {
            client.putObject("enforced", "reports/from-any-client.pdf",
                    new ByteArrayInputStream("quarterly".getBytes(StandardCharsets.UTF_8)));

            JsonObject outcome = outcomeOf("reports/from-any-client.pdf");

            assertEquals("ENCRYPTED", outcome.get("outcome").getAsString(), outcome.toString());
            assertEquals("cmk-test-0001", client.getObjectMetadata("enforced", "reports/from-any-client.pdf")
                    .getServerSideEncryptionKeyId());
            assertEquals(List.of("enforced"), client.listBuckets().stream().map(b -> b.getName()).toList());
        } finally {
            client.shutdown();
        }
    }

    /**
     * Reads the process's log until the trigger's outcome for the upload of {@code key} (the class's timeout bounds
     * the wait).
     */
    private JsonObject outcomeOf(String key) throws IOException {
        for (String line = log.readLine(); line != null; line = log.readLine()) {
            JsonObject entry = JsonParser.parseString(line).getAsJsonObject();
            // The upload's own event: the trigger enforces several events at once, so the outcome of the
            // enforcer's copy (CopyObject, COMPLIANT) may be logged first.
            if (entry.has("type") && entry.get("type").getAsString().equals("outcome")
                    && entry.get("key").getAsString().equals(key)
                    && entry.get("eventName").getAsString().equals("ObjectCreated:PutObject")) {
                return entry;
            }
        }
        throw new AssertionError("local-oss ended its log without an outcome for " + key);
    }

    @Test
    void itStopsCleanlyOnSigterm() throws InterruptedException {
        process.destroy();

        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
    }
}
