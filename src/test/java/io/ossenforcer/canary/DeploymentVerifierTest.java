package io.ossenforcer.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ossenforcer.rules.Algorithm;
import io.ossenforcer.rules.Encryption;
import io.ossenforcer.rules.EncryptionSpec;
import io.ossenforcer.rules.Mode;
import io.ossenforcer.rules.RuleSet;
import io.ossenforcer.testing.FastTicker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The watch loop over an in-memory store and time that passes only when the loop pauses. */
class DeploymentVerifierTest {
    private static final String RUN = "run-1";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final FakeCanaryStore store = new FakeCanaryStore();
    private final FastTicker ticker = FastTicker.frozen();

    private static CanaryPlan plan(Mode mode, EncryptionSpec spec) {
        RuleSet rules = RuleSet.of("rules.json", Map.of("bkt", List.of(
                CanaryPlannerTest.rule("r", "", "", List.of(), spec, mode))));
        return CanaryPlanner.plan(rules, List.of("bkt"), "canary/", RUN);
    }

    private VerificationRun run(CanaryPlan plan) throws InterruptedException {
        return new DeploymentVerifier(store, ticker, TIMEOUT, line -> { }).run(plan, CanaryContent.forRun(RUN), false);
    }

    @Test
    void theWindowLiesBetweenTheLastReadAsUploadedAndTheFirstReadRewritten() throws Exception {
        store.rewriteAt("canary/run-1/r/plaintext", 4, Encryption.of(Algorithm.AES256));

        VerificationRun run = run(plan(Mode.ENFORCE, EncryptionSpec.of(Algorithm.AES256)));

        CanaryResult result = run.results().get(0);
        assertEquals(CanaryResult.Finding.ENFORCED, result.finding(), result.toString());
        // HEADs: existence check, upload's read, then polls after 100 and 200 ms, rewritten at the third poll.
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), ticker.pauses().subList(0, 2));
        long upper = result.window().orElseThrow().toMillis();
        long lower = result.observation().unchangedAfter().toMillis();
        // Real time passes too (the reads, a GC pause): the bounds are at least the pauses, 200 ms apart.
        assertTrue(lower >= 100, "lower bound " + lower);
        assertTrue(upper - lower >= 200, "window " + lower + "-" + upper);
    }

    @Test
    void aCanaryTheFunctionRewroteBeforeTheFirstReadIsEnforcedWhenTheBucketHasNoDefault() throws Exception {
        store.rewriteAt("canary/run-1/r/plaintext", 2, Encryption.of(Algorithm.AES256));

        VerificationRun run = run(plan(Mode.ENFORCE, EncryptionSpec.of(Algorithm.AES256)));

        CanaryResult result = run.results().get(0);
        assertEquals(CanaryResult.Finding.ENFORCED, result.finding(), result.toString());
        assertEquals(Duration.ZERO, result.observation().unchangedAfter());
        assertTrue(result.window().isPresent());
    }

    @Test
    void aCanaryTheBucketsDefaultEncryptedIsWatchedOnUntilTheFunctionRewritesIt() throws Exception {
        store.bucketDefault = Optional.of(Encryption.of(Algorithm.AES256));
        store.rewriteAt("canary/run-1/r/plaintext", 4, Encryption.of(Algorithm.KMS));
        store.rewriteAt("canary/run-1/r/weaker", 4, Encryption.of(Algorithm.KMS));

        VerificationRun run = run(plan(Mode.ENFORCE, EncryptionSpec.of(Algorithm.KMS)));

        CanaryResult plaintext = run.results().get(0);
        assertTrue(plaintext.observation().encryptedOnArrival());
        assertEquals(CanaryResult.Finding.ENFORCED, plaintext.finding(), plaintext.toString());
        assertTrue(plaintext.observation().unchangedAfter().toMillis() >= 100, plaintext.toString());
        assertEquals(1, store.calls.stream().filter(c -> c.startsWith("default encryption")).count());
    }

    @Test
    void aCanaryTheBucketsDefaultEncryptedAsItsRuleDemandsIsNotWaitedFor() throws Exception {
        store.bucketDefault = Optional.of(Encryption.of(Algorithm.AES256));

        VerificationRun run = run(plan(Mode.ENFORCE, EncryptionSpec.of(Algorithm.AES256)));

        assertEquals(CanaryResult.Finding.ENCRYPTED_ON_ARRIVAL, run.results().get(0).finding());
        assertEquals(List.of(), ticker.pauses());
    }

    @Test
    void aCanaryFoundEncryptedWhereTheDefaultCannotBeReadIsNotCountedAsTheFunctionsWork() throws Exception {
        store.bucketDefault = Optional.of(Encryption.of(Algorithm.AES256));
        store.defaultUnreadable = true;

        VerificationRun run = run(plan(Mode.ENFORCE, EncryptionSpec.of(Algorithm.AES256)));

        assertEquals(CanaryResult.Finding.ENCRYPTED_ON_ARRIVAL, run.results().get(0).finding());
        assertEquals(List.of("the default encryption of bucket bkt could not be read (AccessDenied): its canaries"
                + " found encrypted at their first read count as encrypted on arrival, not as the function's work"),
                run.notes());
    }

    @Test
    void aCanaryNeverRewrittenIsWatchedUntilTheTimeoutAndNoLonger() throws Exception {
        VerificationRun run = run(plan(Mode.ENFORCE, EncryptionSpec.of(Algorithm.AES256)));

        assertEquals(CanaryResult.Finding.NOT_ENFORCED, run.results().get(0).finding());
        Duration waited = ticker.pauses().stream().reduce(Duration.ZERO, Duration::plus);
        assertTrue(waited.compareTo(TIMEOUT) <= 0 && waited.compareTo(TIMEOUT.minusSeconds(1)) > 0, waited.toString());
        assertTrue(ticker.pauses().stream().allMatch(p -> p.compareTo(DeploymentVerifier.LONGEST_PAUSE) <= 0));
    }

    @Test
    void auditCanariesAloneAreWatchedForTheWholeTimeoutAndPassUntouched() throws Exception {
        VerificationRun run = run(plan(Mode.AUDIT, EncryptionSpec.of(Algorithm.KMS)));

        assertEquals(CanaryResult.Finding.UNTOUCHED, run.results().get(0).finding());
        assertTrue(run.passed());
        Duration waited = ticker.pauses().stream().reduce(Duration.ZERO, Duration::plus);
        assertTrue(waited.compareTo(TIMEOUT.minusSeconds(1)) > 0, waited.toString());
    }

    @Test
    void anAuditCanaryTheFunctionEncryptsEndsTheWatchAndFails() throws Exception {
        store.rewriteAt("canary/run-1/r/plaintext", 3, Encryption.of(Algorithm.KMS));

        VerificationRun run = run(plan(Mode.AUDIT, EncryptionSpec.of(Algorithm.KMS)));

        assertEquals(CanaryResult.Finding.CHANGED, run.results().get(0).finding());
        assertEquals(1, ticker.pauses().size(), ticker.pauses().toString());
    }

    @Test
    void anExistingKeyIsNeitherOverwrittenNorDeleted() throws Exception {
        store.put("canary/run-1/r/plaintext", Encryption.NONE);

        VerificationRun run = run(plan(Mode.ENFORCE, EncryptionSpec.of(Algorithm.AES256)));

        assertEquals(CanaryResult.Finding.NOT_UPLOADED, run.results().get(0).finding());
        assertTrue(run.results().get(0).cause().orElseThrow().startsWith("an object with this key exists already"));
        assertEquals(List.of("head canary/run-1/r/plaintext"), store.calls);
        assertTrue(store.objects.containsKey("canary/run-1/r/plaintext"));
    }

    @Test
    void anEndpointRefusingNonAsciiMetadataGetsAsciiCanariesAndTheRunSaysSo() throws Exception {
        store.refuseNonAscii = true;
        store.rewriteAt("canary/run-1/r/plaintext", 3, Encryption.of(Algorithm.KMS));
        store.rewriteAt("canary/run-1/r/weaker", 3, Encryption.of(Algorithm.KMS));

        VerificationRun run = run(plan(Mode.ENFORCE, EncryptionSpec.of(Algorithm.KMS)));

        assertTrue(run.passed(), run.toString());
        assertEquals(List.of("OSS refused user metadata with a non-ASCII value (SignatureDoesNotMatch, request id"
                + " req-1); the canaries carry ASCII metadata only, so whether the function keeps non-ASCII metadata"
                + " is not shown"), run.notes());
        assertTrue(run.results().stream().noneMatch(r -> r.observation().sent().hasNonAsciiMetadata()));
    }

    @Test
    void credentialsOssRejectsStopTheUploadsAtTheFirstCanary() throws Exception {
        store.rejectCredentials = true;

        VerificationRun run = run(plan(Mode.ENFORCE, EncryptionSpec.of(Algorithm.KMS)));

        assertEquals(List.of("upload canary/run-1/r/plaintext"), store.calls.stream()
                .filter(c -> c.startsWith("upload")).collect(Collectors.toList()));
        assertTrue(run.results().stream().allMatch(r -> r.cause().orElseThrow()
                .equals("OSS rejected this command's credentials (InvalidAccessKeyId)")), run.toString());
        assertEquals(List.of(), ticker.pauses());
    }

    @Test
    void everyCanaryIsDeletedAndOneThatCannotBeIsReportedLeftInPlace() throws Exception {
        store.undeletable.add("canary/run-1/r/weaker");

        VerificationRun run = run(plan(Mode.ENFORCE, EncryptionSpec.of(Algorithm.KMS)));

        assertEquals(List.of("oss://bkt/canary/run-1/r/plaintext"), run.removed());
        assertEquals(1, run.leftovers().size());
        assertTrue(run.leftovers().get(0).startsWith("oss://bkt/canary/run-1/r/weaker: "), run.leftovers().toString());
        assertEquals(List.of("canary/run-1/r/weaker"), List.copyOf(store.objects.keySet()));
    }

    @Test
    void anUploadWhoseAnswerWasLostIsDeletedInCaseItWasStored() throws Exception {
        store.answerLost.add("canary/run-1/r/weaker");

        VerificationRun run = run(plan(Mode.ENFORCE, EncryptionSpec.of(Algorithm.KMS)));

        assertEquals(CanaryResult.Finding.NOT_UPLOADED, run.results().get(1).finding());
        assertEquals(Map.of(), store.objects);
        assertTrue(run.removed().contains("oss://bkt/canary/run-1/r/weaker (its upload went unanswered: deleted in"
                + " case it was stored)"), run.removed().toString());
    }

    @Test
    void anInterruptedWatchStillDeletesTheCanaries() {
        Ticker interrupted = new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                throw new InterruptedException();
            }
        };
        DeploymentVerifier verifier = new DeploymentVerifier(store, interrupted, TIMEOUT, line -> { });

        assertThrows(InterruptedException.class, () -> verifier.run(plan(Mode.ENFORCE,
                EncryptionSpec.of(Algorithm.KMS)), CanaryContent.forRun(RUN), false));
        assertEquals(Map.of(), store.objects);
    }

    @Test
    void keepLeavesEveryCanaryAndNamesIt() throws Exception {
        VerificationRun run = new DeploymentVerifier(store, ticker, Duration.ofSeconds(1), line -> { })
                .run(plan(Mode.ENFORCE, EncryptionSpec.of(Algorithm.KMS)), CanaryContent.forRun(RUN), true);

        assertEquals(List.of("oss://bkt/canary/run-1/r/plaintext (--keep)", "oss://bkt/canary/run-1/r/weaker (--keep)"),
                run.leftovers());
        assertEquals(2, store.objects.size());
        assertFalse(store.calls.stream().anyMatch(c -> c.startsWith("delete")), store.calls.stream()
                .collect(Collectors.joining(", ")));
        assertEquals(Optional.empty(), run.results().get(0).window());
    }
}
