package io.ossenforcer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.SSEAlgorithm;
import com.aliyun.oss.model.ServerSideEncryptionByDefault;
import com.aliyun.oss.model.ServerSideEncryptionConfiguration;
import com.aliyun.oss.model.SetBucketEncryptionRequest;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.ossenforcer.localoss.LocalOss;
import io.ossenforcer.testing.CapturedOutput;
import io.ossenforcer.testing.Emulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line, run in-process: exit codes, messages, and the commands end to end against the emulator. */
class MainTest {
    private static final String HANDLER_RULES = "test-fixtures/rules/handler-it.json";

    /** One in-process run of the command line: its status and what it printed. */
    static final class Run {
        final int status;
        final String out;
        final String err;

        Run(int status, String out, String err) {
            this.status = status;
            this.out = out;
            this.err = err;
        }
    }

    static Run run(Map<String, String> env, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env);
        Run run = new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        CapturedOutput.feed(run.out + run.err);
        return run;
    }

    private static Run run(String... args) {
        return run(Map.of(), "", args);
    }

    @Test
    void withoutACommandItPrintsUsageAndExits2() {
        Run r = run();

        assertEquals(2, r.status);
        assertTrue(r.err.contains("Commands:"), r.err);
    }

    @Test
    void helpListsEveryCommand() {
        Run r = run("--help");

        assertEquals(0, r.status);
        for (String command : List.of("demo", "invoke", "check-rules", "check-buckets", "local-oss", "audit",
                "backfill", "verify-deployment")) {
            assertTrue(r.out.contains(command), r.out);
        }
    }

    @Test
    void helpStartsEverySummaryTwoSpacesPastTheLongestCommandName() {
        String help = run("--help").out;
        int start = help.indexOf("Commands:\n") + "Commands:\n".length();
        List<String> lines = help.substring(start, help.indexOf("\n\n", start)).lines().collect(Collectors.toList());
        int column = "  ".length() + "verify-deployment".length() + "  ".length();

        assertEquals(8, lines.size(), help);
        for (String line : lines) {
            String name = line.substring(2, line.indexOf(' ', 2));
            int summaryAt = line.length() - line.substring(2 + name.length()).stripLeading().length();
            assertEquals(column, summaryAt, line);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "invoke", "check-rules", "check-buckets", "local-oss"})
    void everyCommandHasHelp(String command) {
        Run r = run(command, "--help");

        assertEquals(0, r.status);
        assertTrue(r.out.startsWith("Usage: " + command), r.out);
    }

    @Test
    void anUnknownCommandExits2NamingIt() {
        Run r = run("enforce-everything");

        assertEquals(2, r.status);
        assertTrue(r.err.contains("unknown command \"enforce-everything\""), r.err);
    }

    @Test
    void invokeWithoutAnEventExits2() {
        Run r = run("invoke");

        assertEquals(2, r.status);
        assertTrue(r.err.contains("--event FILE|- is required"), r.err);
    }

    @Test
    void anUnknownOptionExits2NamingIt() {
        Run r = run("invoke", "--evnt", "x.json");

        assertEquals(2, r.status);
        assertTrue(r.err.contains("unknown option --evnt"), r.err);
    }

    @Test
    void anOptionWithoutItsValueExits2() {
        Run r = run("invoke", "--event");

        assertEquals(2, r.status);
        assertTrue(r.err.contains("--event needs a value"), r.err);
    }

    @Test
    void invokeWithAMissingEventFileExits2() {
        Run r = run("invoke", "--event", "no/such/event.json");

        assertEquals(2, r.status);
        assertTrue(r.err.contains("no such file: no/such/event.json"), r.err);
    }

    @Test
    void invokeWithAMalformedEventExits2ListingTheProblem() {
        Run r = run(Map.of(), "{\"events\":[]}", "invoke", "--event", "-");

        assertEquals(2, r.status);
        assertTrue(r.err.contains("bad event -"), r.err);
        assertTrue(r.err.contains("$.events"), r.err);
    }

    @Test
    void invokeWithInvalidRulesExits2() throws IOException {
        Path bad = Files.createTempFile("rules", ".json");
        Files.writeString(bad, "{\"buckets\":");

        Run r = run(Map.of(), "", "invoke", "--event", "events/put-object.json", "--rules", bad.toString());

        assertEquals(2, r.status);
        assertTrue(r.err.contains("invalid JSON"), r.err);
    }

    @Test
    void checkRulesSummarisesAValidFile() {
        Run r = run("check-rules", "src/main/resources/demo/rules.json");

        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains("demo-finance"), r.out);
        assertTrue(r.out.contains("(audit)"), r.out);
    }

    @Test
    void checkRulesListsEveryProblemAndExits2() throws IOException {
        Path bad = Files.createTempFile("rules", ".json");
        Files.writeString(bad, "{\"buckets\":{\"ok-bucket\":{\"rules\":[{\"id\":\"a\",\"prefx\":\"x/\","
                + "\"encryption\":{\"algorithm\":\"AES\"}}]}}}");

        Run r = run("check-rules", bad.toString());

        assertEquals(2, r.status);
        assertTrue(r.err.contains("prefx"), r.err);
        assertTrue(r.err.contains("AES"), r.err);
    }

    @Test
    void checkRulesNeedsExactlyOneFile() {
        assertEquals(2, run("check-rules").status);
        assertEquals(2, run("check-rules", "a.json", "b.json").status);
    }

    @Test
    void checkRulesReadsRulesKeptInOss() {
        try (Emulator emulator = Emulator.start().bucket("config")) {
            emulator.put("config", "rules.json", "{\"buckets\":{\"kept-in-oss\":{\"rules\":[{\"id\":\"all\","
                    + "\"encryption\":{\"algorithm\":\"SM4\"}}]}}}");

            Run r = run(credentials(emulator), "", "check-rules", "oss://config/rules.json", "--endpoint",
                    emulator.oss.endpoint(), "--region", emulator.oss.region());

            assertEquals(0, r.status, r.err);
            assertTrue(r.out.startsWith("oss://config/rules.json (ETag "), r.out);
            assertTrue(r.out.contains("kept-in-oss"), r.out);
        }
    }

    @Test
    void checkRulesOfAMissingOssObjectExits2NamingIt() {
        try (Emulator emulator = Emulator.start().bucket("config")) {
            Run r = run(credentials(emulator), "", "check-rules", "oss://config/missing.json", "--endpoint",
                    emulator.oss.endpoint(), "--region", emulator.oss.region());

            assertEquals(2, r.status);
            assertTrue(r.err.contains("cannot read oss://config/missing.json"), r.err);
            assertTrue(r.err.contains("NoSuchKey"), r.err);
        }
    }

    @Test
    void invokeWithABadRulesTtlExits2NamingTheVariable() {
        Run r = run(Map.of("RULES_TTL", "soon"), "", "invoke", "--event", "events/put-object.json");

        assertEquals(2, r.status);
        assertTrue(r.err.contains("RULES_TTL must be a whole number of seconds"), r.err);
    }

    @Test
    void localOssRejectsABadPort() {
        Run r = run("local-oss", "--port", "http");

        assertEquals(2, r.status);
        assertTrue(r.err.contains("--port must be a number"), r.err);
    }

    @Test
    void localOssRejectsABadFaultSpecNamingTheBadPart() {
        Run r = run("local-oss", "--faults", "CopyObject:status=503,HeadObjekt:reset");

        assertEquals(2, r.status);
        assertTrue(r.err.contains("local-oss: --faults: fault rule 2 \"HeadObjekt:reset\": unknown operation"),
                r.err);
    }

    private static String uploadAndCaptureEvent(Emulator emulator, String key) {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        emulator.oss.addEventListener(events::add);
        emulator.put("enforced", key, "hello");
        assertTrue(emulator.oss.awaitEventsDelivered(Duration.ofSeconds(10)));
        return events.get(0);
    }

    private static Map<String, String> credentials(Emulator emulator) {
        return Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", emulator.key.id(),
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET", emulator.key.secret());
    }

    private static String onlyOutcome(String reportJson) {
        JsonObject report = JsonParser.parseString(reportJson).getAsJsonObject();
        return report.getAsJsonArray("results").get(0).getAsJsonObject().get("outcome").getAsString();
    }

    @Test
    void invokeEnforcesAnEventAgainstAnEndpointAndPrintsTheReport() {
        try (Emulator emulator = Emulator.start().bucket("enforced")) {
            String event = uploadAndCaptureEvent(emulator, "reports/cli.pdf");

            Run r = run(credentials(emulator), event, "invoke", "--event", "-", "--rules", HANDLER_RULES,
                    "--endpoint", emulator.oss.endpoint());

            assertEquals(0, r.status, r.err);
            assertEquals("ENCRYPTED", onlyOutcome(r.out));
            assertFalse(r.out.contains(emulator.key.secret()));
        }
    }

    @Test
    void invokeDryRunReportsAndChangesNothing() {
        try (Emulator emulator = Emulator.start().bucket("enforced")) {
            String event = uploadAndCaptureEvent(emulator, "reports/dry.pdf");

            Run r = run(credentials(emulator), event, "invoke", "--event", "-", "--rules", HANDLER_RULES,
                    "--endpoint", emulator.oss.endpoint(), "--dry-run");

            assertEquals(0, r.status, r.err);
            assertEquals("WOULD_ENCRYPT", onlyOutcome(r.out));
            assertEquals(null, emulator.client.getObjectMetadata("enforced", "reports/dry.pdf")
                    .getServerSideEncryption());
        }
    }

    @Test
    void invokeExits1WhenARecordFailed() {
        try (Emulator emulator = Emulator.start().bucket("enforced")) {
            String event = uploadAndCaptureEvent(emulator, "broken/cli.bin");

            Run r = run(credentials(emulator), event, "invoke", "--event", "-", "--rules", HANDLER_RULES,
                    "--endpoint", emulator.oss.endpoint());

            assertEquals(1, r.status, r.err);
            assertEquals("FAILED", onlyOutcome(r.out));
        }
    }

    @Test
    void copyLimitSettingsTurnALargeRewriteIntoAMultipartCopy() {
        try (Emulator emulator = Emulator.start(LocalOss.builder().copyLimitBytes(1 << 20)).bucket("enforced")) {
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            emulator.oss.addEventListener(events::add);
            emulator.put("enforced", "reports/big.pdf", new byte[1_500_000], new ObjectMetadata());
            assertTrue(emulator.oss.awaitEventsDelivered(Duration.ofSeconds(10)));
            Map<String, String> env = new HashMap<>(credentials(emulator));

            Run single = run(env, events.get(0), "invoke", "--event", "-", "--rules", HANDLER_RULES, "--endpoint",
                    emulator.oss.endpoint());
            env.put("COPY_LIMIT_BYTES", Integer.toString(1 << 20));
            env.put("COPY_PART_BYTES", Integer.toString(256 * 1024));
            Run multipart = run(env, events.get(0), "invoke", "--event", "-", "--rules", HANDLER_RULES,
                    "--endpoint", emulator.oss.endpoint());

            assertEquals(1, single.status, "OSS refuses one CopyObject above its limit: " + single.out);
            assertTrue(single.out.contains("EntityTooLarge"), single.out);
            assertEquals(0, multipart.status, multipart.err);
            assertEquals("ENCRYPTED", onlyOutcome(multipart.out));
            assertEquals("Multipart", emulator.client.getObjectMetadata("enforced", "reports/big.pdf").getObjectType());
        }
    }

    @Test
    void copyLimitsOssWouldRefuseExit2NamingTheSettings() {
        Run r = run(Map.of("COPY_PART_BYTES", "1024"), "", "invoke", "--event", "events/put-object.json");

        assertEquals(2, r.status);
        assertTrue(r.err.contains("COPY_PART_BYTES"), r.err);
        assertTrue(r.err.contains("part size must be 100 KiB to 5 GiB"), r.err);
    }

    @Test
    void theDemoPassesEndToEndOffline() {
        Run r = run("demo");

        assertEquals(0, r.status, r.out + r.err);
        assertTrue(r.out.contains("PASS"), r.out);
        assertTrue(r.out.contains("ENCRYPTED"), r.out);
        assertTrue(r.out.contains("WOULD_ENCRYPT"), r.out);
    }
}
