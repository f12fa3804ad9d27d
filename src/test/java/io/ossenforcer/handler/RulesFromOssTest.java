package io.ossenforcer.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.fc.runtime.Context;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.ossenforcer.app.Application;
import io.ossenforcer.oss.ClientCache;
import io.ossenforcer.app.InvocationException;
import io.ossenforcer.app.Settings;
import io.ossenforcer.testing.CapturedLog;
import io.ossenforcer.testing.Emulator;
import io.ossenforcer.testing.FcContexts;
import io.ossenforcer.testing.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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

/** RULES_OSS_URI: rules kept in an OSS object, reloaded when their ETag changes, never replaced by bad ones. */
class RulesFromOssTest {
    private static final String AES_EVERYWHERE = "{\"buckets\":{\"enforced\":{\"rules\":[{\"id\":\"aes\","
            + "\"encryption\":{\"algorithm\":\"AES256\"}}]}}}";
    private static final String CMK_EVERYWHERE = "{\"buckets\":{\"enforced\":{\"rules\":[{\"id\":\"cmk\","
            + "\"encryption\":{\"algorithm\":\"KMS\",\"kmsKeyId\":\"" + Emulator.CMK + "\"}}]}}}";
    private static final String TWO_BUCKETS = "{\"buckets\":{\"enforced\":{\"rules\":[{\"id\":\"aes\","
            + "\"encryption\":{\"algorithm\":\"AES256\"}}]},\"archive\":{\"rules\":[{\"id\":\"archive-aes\","
            + "\"encryption\":{\"algorithm\":\"AES256\"}}]}}}";
    private static final String PLACEHOLDER_KEY = "{\"buckets\":{\"enforced\":{\"rules\":[{\"id\":\"cmk\","
            + "\"encryption\":{\"algorithm\":\"KMS\",\"kmsKeyId\":\"example-placeholder-cmk-id-replace-me\"}}]}}}";
    private static final String PLACEHOLDER_KEY_UNDER_DOCS = "{\"buckets\":{\"enforced\":{\"rules\":[{\"id\":"
            + "\"docs\",\"prefix\":\"docs/\",\"encryption\":{\"algorithm\":\"KMS\",\"kmsKeyId\":"
            + "\"example-placeholder-cmk-id-replace-me\"}}]}}}";
    private static final String INVALID = "{\"buckets\":{\"enforced\":{\"rules\":[{\"id\":\"typo\","
            + "\"encryption\":{\"algorithm\":\"AES265\"}}]}}}";

    private Emulator emulator;
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T00:00:00Z"));
    private Application app;
    private EnforcerHandler handler;
    private Context context;

    @BeforeEach
    void start() {
        emulator = Emulator.start().bucket("config").bucket("enforced");
        emulator.oss.addEventListener(events::add);
        Map<String, String> env = Map.of(Settings.RULES_OSS_URI, "oss://config/rules/current.json",
                Settings.RULES_TTL, "60", Settings.OSS_ENDPOINT, emulator.oss.endpoint(),
                Settings.FC_REGION, emulator.oss.region());
        app = Application.builder(Settings.fromEnvironment(env)).clock(clock).clients(new ClientCache()).build();
        handler = new EnforcerHandler(app);
        context = FcContexts.of("fc-1", Optional.of(emulator.key));
    }

    @AfterEach
    void stop() {
        app.close();
        emulator.close();
    }

    private void publishRules(String json) {
        emulator.put("config", "rules/current.json", json);
        assertTrue(emulator.oss.awaitEventsDelivered(Duration.ofSeconds(10)));
    }

    /** Uploads a plaintext object, runs its event through the handler and returns the rule that applied. */
    private String enforceNewUpload(String key) throws IOException {
        return resultOfNewUpload(key).get("ruleId").getAsString();
    }

    /** Uploads a plaintext object, runs its event through the handler and returns its result. */
    private JsonObject resultOfNewUpload(String key) throws IOException {
        int index = events.size();
        emulator.put("enforced", key, "data");
        assertTrue(emulator.oss.awaitEventsDelivered(Duration.ofSeconds(10)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(events.get(index).getBytes(StandardCharsets.UTF_8)), out,
                context);
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject()
                .getAsJsonArray("results").get(0).getAsJsonObject();
    }

    @Test
    void theColdStartLoadsTheRulesFromOss() throws IOException {
        publishRules(AES_EVERYWHERE);

        handler.initialize(context);

        assertEquals("aes", enforceNewUpload("a.txt"));
    }

    @Test
    void newRulesTakeEffectOnceTheTtlHasPassed() throws IOException {
        publishRules(AES_EVERYWHERE);
        handler.initialize(context);
        publishRules(CMK_EVERYWHERE);

        assertEquals("aes", enforceNewUpload("within-ttl.txt"));
        clock.advance(Duration.ofSeconds(61));
        assertEquals("cmk", enforceNewUpload("after-ttl.txt"));
    }

    @Test
    @ResourceLock(CapturedLog.LINES)
    void invalidNewRulesAreRejectedAndTheLastGoodRulesStayInForce() throws IOException {
        publishRules(AES_EVERYWHERE);
        handler.initialize(context);
        publishRules(INVALID);
        clock.advance(Duration.ofSeconds(61));

        try (CapturedLog log = CapturedLog.attach()) {
            assertEquals("aes", enforceNewUpload("still-aes.txt"));

            assertTrue(log.lines().stream().anyMatch(l -> l.contains("rules not reloaded") && l.contains("AES265")),
                    log.lines().toString());
        }
    }

    @Test
    @ResourceLock(CapturedLog.LINES)
    void unchangedRulesAreCheckedButNotReloaded() throws IOException {
        publishRules(AES_EVERYWHERE);
        try (CapturedLog log = CapturedLog.attach()) {
            handler.initialize(context);
            clock.advance(Duration.ofSeconds(61));
            enforceNewUpload("one.txt");
            clock.advance(Duration.ofSeconds(61));
            enforceNewUpload("two.txt");

            assertEquals(1, log.lines().stream().filter(l -> l.contains("\"rules loaded\"")).count(),
                    log.lines().toString());
        }
    }

    private static List<String> warningsIn(CapturedLog log) {
        return log.lines().stream().filter(l -> l.contains("\"level\":\"WARN\"")).collect(Collectors.toList());
    }

    @Test
    @ResourceLock(CapturedLog.LINES)
    void aReloadThatDropsABucketWarnsNamingTheBucket() throws IOException {
        publishRules(TWO_BUCKETS);
        handler.initialize(context);
        publishRules(AES_EVERYWHERE);
        clock.advance(Duration.ofSeconds(61));

        try (CapturedLog log = CapturedLog.attach()) {
            enforceNewUpload("after-reload.txt");

            List<String> warnings = warningsIn(log);
            assertEquals(1, warnings.size(), log.lines().toString());
            assertTrue(warnings.get(0).contains("bucket dropped") && warnings.get(0).contains("bucket archive"),
                    warnings.toString());
        }
    }

    @Test
    @ResourceLock(CapturedLog.LINES)
    void aColdStartOnRulesWithThePlaceholderKeyIdWarnsOnceNamingTheObjectAndTheRule() throws IOException {
        publishRules(PLACEHOLDER_KEY);
        try (CapturedLog log = CapturedLog.attach()) {
            handler.initialize(context);
            clock.advance(Duration.ofSeconds(61));
            resultOfNewUpload("checked-again.txt");

            List<String> warnings = warningsIn(log);
            assertEquals(1, warnings.size(), log.lines().toString());
            JsonObject line = JsonParser.parseString(warnings.get(0)).getAsJsonObject();
            assertEquals("rules warning", line.get("warning").getAsString());
            String message = line.get("message").getAsString();
            assertTrue(message.startsWith("oss://config/rules/current.json (ETag "), message);
            assertTrue(message.endsWith("): $.buckets.enforced.rules[0].encryption.kmsKeyId: \"example-placeholder-cmk"
                    + "-id-replace-me\" is the placeholder the project ships, not a key: until it names your CMK, every"
                    + " rewrite under this rule fails"), message);
        }
    }

    @Test
    @ResourceLock(CapturedLog.LINES)
    void aReloadThatChangesRulesWithWarningsLogsThemAgain() throws IOException {
        publishRules(PLACEHOLDER_KEY);
        handler.initialize(context);
        publishRules(PLACEHOLDER_KEY_UNDER_DOCS);
        clock.advance(Duration.ofSeconds(61));

        try (CapturedLog log = CapturedLog.attach()) {
            resultOfNewUpload("after-reload.txt");

            List<String> warnings = warningsIn(log);
            assertEquals(1, warnings.size(), log.lines().toString());
            assertTrue(warnings.get(0).contains("rules warning") && warnings.get(0).contains("kmsKeyId"),
                    warnings.toString());
        }
    }

    @Test
    void aColdStartWithInvalidRulesFailsNamingTheProblem() {
        publishRules(INVALID);

        InvocationException e = assertThrows(InvocationException.class, () -> handler.initialize(context));

        assertTrue(e.getMessage().contains("oss://config/rules/current.json"), e.getMessage());
        assertTrue(e.getMessage().contains("AES265"), e.getMessage());
    }

    @Test
    void aColdStartWithoutTheRulesObjectFailsNamingIt() {
        InvocationException e = assertThrows(InvocationException.class, () -> handler.initialize(context));

        assertTrue(e.getMessage().contains("cannot read the rules from oss://config/rules/current.json"),
                e.getMessage());
        assertTrue(e.getMessage().contains("NoSuchKey"), e.getMessage());
    }

    @Test
    void settingBothRulesFileAndRulesUriIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Settings.fromEnvironment(
                Map.of(Settings.RULES_FILE, "rules.json", Settings.RULES_OSS_URI, "oss://config/rules.json")));

        assertTrue(e.getMessage().contains("not both"), e.getMessage());
    }

    @Test
    void aRulesTtlThatIsNotANumberOfSecondsIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnvironment(Map.of(Settings.RULES_TTL, "1m")));

        assertEquals("RULES_TTL must be a whole number of seconds (0 or more), not \"1m\"", e.getMessage());
    }

    @Test
    void aLogLevelLog4jDoesNotKnowIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnvironment(Map.of(Settings.LOG_LEVEL, "VERBOSE")));

        assertEquals("LOG_LEVEL must be one of [ALL, DEBUG, ERROR, FATAL, INFO, OFF, TRACE, WARN], not \"VERBOSE\"",
                e.getMessage());
        assertEquals(Settings.fromEnvironment(Map.of()), Settings.fromEnvironment(Map.of(Settings.LOG_LEVEL, "warn")));
    }

    @Test
    void aRulesUriWithoutAKeyIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnvironment(Map.of(Settings.RULES_OSS_URI, "oss://config/")));

        assertTrue(e.getMessage().startsWith("RULES_OSS_URI: "), e.getMessage());
    }
}
