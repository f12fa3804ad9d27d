package io.ossenforcer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.ossenforcer.testing.Emulator;
import io.ossenforcer.testing.ObjectSnapshot;
import io.ossenforcer.testing.SweepFixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code audit} and {@code backfill} against the emulator, in-process. */
class SweepCommandTest {
    private Emulator emulator;
    private SweepFixture fixture;
    @TempDir
    Path dir;

    @BeforeEach
    void fill() {
        emulator = Emulator.start();
        fixture = new SweepFixture(emulator).fill(6);
        emulator.oss.awaitEventsDelivered(Duration.ofSeconds(10));
        fixture.copies.set(0);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private static JsonObject summary(MainTest.Run r) {
        String[] lines = r.out.strip().split("\n");
        return JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();
    }

    private static JsonObject totals(MainTest.Run r) {
        return summary(r).getAsJsonObject("totals");
    }

    private MainTest.Run run(String... args) {
        Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", emulator.oss.accessKeyId(),
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET", emulator.oss.accessKeySecret());
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of("--rules", SweepFixture.RULES, "--endpoint", emulator.oss.endpoint(), "--region",
                emulator.oss.region()));
        return MainTest.run(env, "", argv.toArray(new String[0]));
    }

    private static long outcome(JsonObject totals, String kind) {
        JsonObject outcomes = totals.getAsJsonObject("outcomes");
        return outcomes.has(kind) ? outcomes.get(kind).getAsLong() : 0;
    }

    private static Set<String> reportedKeys(String lines, String outcome) {
        return lines.lines().filter(l -> l.startsWith("{\"bucket\""))
                .map(l -> JsonParser.parseString(l).getAsJsonObject())
                .filter(j -> j.get("outcome").getAsString().equals(outcome))
                .map(j -> j.get("bucket").getAsString() + "/" + j.get("key").getAsString())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Set<String> nonCompliant() {
        Set<String> keys = new TreeSet<>();
        fixture.nonCompliant.forEach((bucket, list) -> list.forEach(k -> keys.add(bucket + "/" + k)));
        return keys;
    }

    @Test
    void auditReportsEachObjectShortOfItsRuleWithTotalsAndChangesNothing() {
        Map<String, ObjectSnapshot> before = fixture.snapshots();
        Map<String, String> encryptionBefore = fixture.encryptions();

        MainTest.Run r = run("audit");

        assertEquals(0, r.status, r.err);
        assertEquals(nonCompliant(), reportedKeys(r.out, "WOULD_ENCRYPT").stream()
                .filter(k -> !k.startsWith("swept/logs/")).collect(Collectors.toCollection(TreeSet::new)));
        JsonObject totals = totals(r);
        assertEquals(fixture.all.size(), totals.get("objects").getAsLong());
        assertEquals(fixture.nonCompliantCount() + 6, outcome(totals, "WOULD_ENCRYPT"), "plus the 6 audit-mode logs");
        assertEquals(12, outcome(totals, "COMPLIANT"));
        assertEquals(6, totals.getAsJsonObject("byBucket").getAsJsonObject("swept-too").get("objects").getAsLong());
        assertEquals(6, totals.getAsJsonObject("byRule").getAsJsonObject("cmk-reports").getAsJsonObject("outcomes")
                .get("COMPLIANT").getAsLong());
        assertEquals(fixture.all.size(), totals.getAsJsonObject("byStorageClass").getAsJsonObject("Standard")
                .get("objects").getAsLong());
        assertEquals(12, totals.getAsJsonObject("byEncryption").getAsJsonObject("AES256").get("objects").getAsLong(),
                "aes/ and reports/aes-");
        assertTrue(summary(r).get("done").getAsBoolean());
        assertEquals(before, fixture.snapshots());
        assertEquals(encryptionBefore, fixture.encryptions());
        assertEquals(0, fixture.copies.get());
    }

    @Test
    void backfillEncryptsEveryObjectShortOfAnEnforcedRuleAndKeepsEverythingElse() throws IOException {
        Map<String, ObjectSnapshot> before = fixture.snapshots();
        Path report = dir.resolve("report.jsonl");

        MainTest.Run r = run("backfill", "--report", report.toString(), "--concurrency", "4");

        assertEquals(0, r.status, r.err);
        String lines = Files.readString(report);
        assertEquals(nonCompliant(), reportedKeys(lines, "ENCRYPTED"));
        assertEquals(fixture.nonCompliantCount(), fixture.copies.get());
        assertEquals(before, fixture.snapshots());
        fixture.encryptions().forEach((bucketKey, sse) -> {
            boolean auditLog = bucketKey.startsWith("swept/logs/");
            String wanted = bucketKey.startsWith("swept/reports/") ? "KMS:" + Emulator.CMK : "AES256";
            if (auditLog) {
                assertEquals("none", sse, bucketKey + " is under an audit rule");
            } else {
                assertTrue(sse.equals(wanted) || sse.startsWith("KMS"), bucketKey + " is " + sse);
            }
        });
        assertEquals(fixture.nonCompliantCount(), outcome(totals(r), "ENCRYPTED"));
    }

    @Test
    void backfillDryRunChangesNothingAndReportsWhatItWouldEncrypt() {
        Map<String, ObjectSnapshot> before = fixture.snapshots();
        Map<String, String> encryptionBefore = fixture.encryptions();

        MainTest.Run r = run("backfill", "--dry-run");

        assertEquals(0, r.status, r.err);
        assertEquals(fixture.nonCompliantCount() + 6, outcome(totals(r), "WOULD_ENCRYPT"));
        assertEquals(before, fixture.snapshots());
        assertEquals(encryptionBefore, fixture.encryptions());
        assertEquals(0, fixture.copies.get());
    }

    @Test
    void backfillOfOneBucketAndPrefixTouchesNothingElse() {
        MainTest.Run r = run("backfill", "--bucket", "swept", "--prefix", "reports/");

        assertEquals(0, r.status, r.err);
        assertEquals(6 + 6 + 1, totals(r).get("objects").getAsLong(), "cmk-, aes- and one hard key");
        assertEquals(6 + 1, fixture.copies.get());
    }

    @Test
    void backfillPrintsAProgressLineOnStderr() {
        MainTest.Run r = run("backfill", "--max-rps", "500");

        assertEquals(0, r.status, r.err);
        assertTrue(r.err.lines().anyMatch(l -> l.matches("backfill: \\d+(/\\d+)? scanned, \\d+ encrypted, .*"
                + "objects/s, elapsed \\d+:\\d\\d:\\d\\d.*")), r.err);
    }

    @Test
    void resumingACompletedCheckpointChangesNothingMore() {
        Path checkpoint = dir.resolve("sweep.checkpoint.json");
        assertEquals(0, run("backfill", "--resume", checkpoint.toString()).status);
        int copies = fixture.copies.get();

        MainTest.Run again = run("backfill", "--resume", checkpoint.toString());

        assertEquals(0, again.status, again.err);
        assertEquals(copies, fixture.copies.get());
        assertEquals(fixture.all.size(), totals(again).get("objects").getAsLong(), "totals carried over");
    }

    @Test
    void aCheckpointOfAnotherSweepIsRefusedWithExit2() {
        Path checkpoint = dir.resolve("audit.checkpoint.json");
        assertEquals(0, run("audit", "--bucket", "swept-too", "--resume", checkpoint.toString()).status);

        MainTest.Run r = run("backfill", "--bucket", "swept-too", "--resume", checkpoint.toString());

        assertEquals(2, r.status);
        assertTrue(r.err.contains("belongs to another sweep: it was written by a dry run (audit), not a backfill"),
                r.err);
        assertEquals(0, fixture.copies.get());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--concurrency|0|--concurrency must be a whole number from 1 to 256, not \"0\"",
        "--concurrency|many|--concurrency must be a whole number from 1 to 256, not \"many\"",
        "--max-rps|-5|--max-rps must be a positive number of requests per second",
        "--max-rps|NaN|--max-rps must be a positive number of requests per second",
        "--bucket|elsewhere|--bucket elsewhere is not named in test-fixtures/rules/sweep.json",
        "--resume|test-fixtures/rules/sweep.json|not a usable checkpoint",
        "--unknown|x|unknown option --unknown"})
    void badArgumentsExit2WithAMessageNamingTheProblem(String option, String value, String message) {
        MainTest.Run r = run("backfill", option, value);

        assertEquals(2, r.status);
        assertTrue(r.err.contains(message), r.err);
        assertEquals(0, fixture.copies.get());
    }

    @Test
    void withoutRulesItExits2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of("audit"), new ByteArrayInputStream(new byte[0]), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());

        assertEquals(2, status);
        assertEquals("audit: --rules FILE is required", err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void helpNamesEveryOption() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(List.of("backfill", "--help"), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err, Map.of());

        assertEquals(0, status);
        String help = out.toString(StandardCharsets.UTF_8);
        for (String option : List.of("--rules", "--bucket", "--prefix", "--endpoint", "--report", "--concurrency",
                "--max-rps", "--dry-run", "--resume")) {
            assertTrue(help.contains(option), option);
        }
        assertFalse(help.isEmpty());
    }
}
