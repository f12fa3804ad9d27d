package io.ossenforcer.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ossenforcer.event.EventRecord;
import io.ossenforcer.rules.Algorithm;
import io.ossenforcer.rules.Encryption;
import io.ossenforcer.rules.RuleSet;
import io.ossenforcer.rules.RulesParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EnforcerTest {
    private static final String BUCKET = "finance-docs";

    private RuleSet rules;
    private FakeObjectStore store;

    @BeforeEach
    void setUp() throws Exception {
        rules = RulesParser.load(Path.of("test-fixtures/rules/enforcer-spec.json"));
        store = new FakeObjectStore();
    }

    private static EventRecord created(String bucket, String key) {
        return new EventRecord("ObjectCreated:PutObject", bucket, key, Optional.empty(), OptionalLong.empty(),
                Optional.of("cn-hangzhou"), Optional.empty());
    }

    private Outcome enforce(EventRecord record) {
        return new Enforcer(rules, r -> store, false).enforce(record);
    }

    private Outcome enforce(String key) {
        return enforce(created(BUCKET, key));
    }

    @Test
    void skipsEventsThatDoNotCreateObjects() {
        EventRecord removed = new EventRecord("ObjectRemoved:DeleteObject", BUCKET, "a.txt", Optional.empty(),
                OptionalLong.empty(), Optional.empty(), Optional.empty());

        Outcome outcome = enforce(removed);

        assertEquals(Outcome.Kind.SKIPPED, outcome.kind());
        assertEquals(0, store.heads);
    }

    @Test
    void neverResolvesAStoreForABucketTheRulesDoNotName() {
        AtomicInteger resolved = new AtomicInteger();
        Enforcer enforcer = new Enforcer(rules, r -> {
            resolved.incrementAndGet();
            return store;
        }, false);

        Outcome outcome = enforcer.enforce(created("someone-elses-bucket", "a.txt"));

        assertEquals(Outcome.Kind.SKIPPED, outcome.kind());
        assertTrue(outcome.reason().contains("not named in the rules"), outcome.reason());
        assertEquals(0, resolved.get());
    }

    @Test
    void skipsKeysThatNoRuleOfTheBucketMatches() {
        store.put(FakeObjectStore.plain(BUCKET, "public/logo.png"));

        Outcome outcome = enforce(created(BUCKET, "public/logo.png"));

        assertEquals(Outcome.Kind.SKIPPED, outcome.kind());
        assertEquals(0, store.heads);
        assertEquals(0, store.rewrites);
    }

    @Test
    void rewritesAPlaintextObjectAndReportsBeforeAndAfter() {
        store.put(FakeObjectStore.plain(BUCKET, "reports/q3.pdf"));

        Outcome outcome = enforce(created(BUCKET, "reports/q3.pdf"));

        assertEquals(Outcome.Kind.ENCRYPTED, outcome.kind(), outcome.reason());
        assertEquals(Optional.of("reports-cmk"), outcome.ruleId());
        assertEquals(Optional.of(Encryption.NONE), outcome.before());
        assertEquals(Optional.of("cmk-reports"), outcome.after().flatMap(Encryption::kmsKeyId));
        assertEquals(1, store.rewrites);
    }

    @Test
    void leavesACompliantObjectAlone() {
        store.put(ObjectState.builder(BUCKET, "notes.txt").eTag("E").encryption(
                Encryption.of(Optional.of("KMS"), Optional.of("any-key"), Optional.empty())).build());

        Outcome outcome = enforce(created(BUCKET, "notes.txt"));

        assertEquals(Outcome.Kind.COMPLIANT, outcome.kind());
        assertEquals(0, store.rewrites);
    }

    @Test
    void replayingTheSameEventDoesNoSecondRewrite() {
        store.put(FakeObjectStore.plain(BUCKET, "reports/q3.pdf"));

        Outcome first = enforce(created(BUCKET, "reports/q3.pdf"));
        Outcome replay = enforce(created(BUCKET, "reports/q3.pdf"));

        assertEquals(Outcome.Kind.ENCRYPTED, first.kind());
        assertEquals(Outcome.Kind.COMPLIANT, replay.kind());
        assertEquals(1, store.rewrites);
    }

    @Test
    void auditRuleReportsWhatItWouldDoAndChangesNothing() {
        store.put(FakeObjectStore.plain(BUCKET, "logs/app.log"));

        Outcome outcome = enforce(created(BUCKET, "logs/app.log"));

        assertEquals(Outcome.Kind.WOULD_ENCRYPT, outcome.kind());
        assertEquals(0, store.rewrites);
    }

    @Test
    void dryRunReportsWhatItWouldDoAndChangesNothing() {
        store.put(FakeObjectStore.plain(BUCKET, "reports/q3.pdf"));

        Outcome outcome = new Enforcer(rules, r -> store, true).enforce(created(BUCKET, "reports/q3.pdf"));

        assertEquals(Outcome.Kind.WOULD_ENCRYPT, outcome.kind());
        assertTrue(outcome.reason().contains("dry run"), outcome.reason());
        assertEquals(0, store.rewrites);
    }

    @Test
    void anObjectDeletedBeforeTheHeadIsGone() {
        Outcome outcome = enforce(created(BUCKET, "reports/deleted.pdf"));

        assertEquals(Outcome.Kind.GONE, outcome.kind());
    }

    @Test
    void anObjectOverwrittenDuringTheRewriteIsSuperseded() {
        ObjectState plain = FakeObjectStore.plain(BUCKET, "a.txt");
        store.put(plain).overwriteDuringNextRewrite(ObjectState.builder(BUCKET, "a.txt").eTag("NEWER")
                .size(plain.size()).build());

        Outcome outcome = enforce(created(BUCKET, "a.txt"));

        assertEquals(Outcome.Kind.SUPERSEDED, outcome.kind());
        assertFalse(outcome.retryable());
    }

    @Test
    void aPreconditionFailureOnAnObjectThatKeptItsETagIsARetryableFailureNotSuperseded() {
        store.put(FakeObjectStore.plain(BUCKET, "a.txt")).failNextRewrite(ObjectStoreException.Kind.CHANGED);

        Outcome outcome = enforce(created(BUCKET, "a.txt"));

        assertEquals(Outcome.Kind.FAILED, outcome.kind());
        assertTrue(outcome.retryable());
        assertTrue(outcome.reason().contains("nothing superseded it"), outcome.reason());
    }

    @Test
    void a404FromTheCopyIsCheckedAndAnObjectStillThereIsARetryableFailureNotGone() {
        store.put(FakeObjectStore.plain(BUCKET, "a.txt")).failNextRewrite(ObjectStoreException.Kind.NOT_FOUND);

        Outcome outcome = enforce(created(BUCKET, "a.txt"));

        assertEquals(Outcome.Kind.FAILED, outcome.kind(), outcome.reason());
        assertTrue(outcome.retryable());
    }

    @Test
    void a404FromTheVerifyingHeadIsConfirmedByAnotherHeadBeforeAnythingIsGone() {
        store.put(FakeObjectStore.plain(BUCKET, "a.txt")).staleHeadAfterNextRewrite();

        Outcome outcome = enforce(created(BUCKET, "a.txt"));

        assertEquals(Outcome.Kind.ENCRYPTED, outcome.kind(), outcome.reason());
    }

    @Test
    void anObjectOverwrittenRightAfterTheRewriteIsSupersededNotFailed() {
        ObjectState plain = FakeObjectStore.plain(BUCKET, "a.txt");
        store.put(plain).overwriteRightAfterNextRewrite(ObjectState.builder(BUCKET, "a.txt").eTag("NEWER")
                .size(3).build());

        Outcome outcome = enforce(created(BUCKET, "a.txt"));

        assertEquals(Outcome.Kind.SUPERSEDED, outcome.kind(), outcome.reason());
        assertFalse(outcome.retryable());
    }

    @Test
    void aCompliantObjectThatIsNoLongerTheEventsUploadSaysSo() {
        ObjectState encrypted = ObjectState.builder(BUCKET, "a.txt").eTag("REWRITTEN").size(1)
                .encryption(Encryption.of(Algorithm.AES256)).build();
        store.put(encrypted);
        EventRecord upload = new EventRecord("ObjectCreated:PutObject", BUCKET, "a.txt", Optional.of("UPLOADED"),
                OptionalLong.empty(), Optional.of("cn-hangzhou"), Optional.empty());

        Outcome outcome = enforce(upload);

        assertEquals(Outcome.Kind.COMPLIANT, outcome.kind());
        assertTrue(outcome.reason().contains("no longer the upload of this event (ETag UPLOADED, now REWRITTEN)"),
                outcome.reason());
    }

    @Test
    void aTransientFailureIsRetryable() {
        store.put(FakeObjectStore.plain(BUCKET, "a.txt")).failNextRewrite(ObjectStoreException.Kind.TRANSIENT);

        Outcome outcome = enforce(created(BUCKET, "a.txt"));

        assertEquals(Outcome.Kind.FAILED, outcome.kind());
        assertTrue(outcome.retryable());
    }

    @Test
    void aPermanentFailureCarriesTheOssCodeAndRequestIdAndIsNotRetried() {
        store.put(FakeObjectStore.plain(BUCKET, "a.txt")).failNextRewrite(ObjectStoreException.Kind.PERMANENT);

        Outcome outcome = enforce(created(BUCKET, "a.txt"));

        assertEquals(Outcome.Kind.FAILED, outcome.kind());
        assertFalse(outcome.retryable());
        assertEquals(Optional.of("CodePERMANENT"), outcome.errorCode());
        assertEquals(Optional.of("REQPERMANENT"), outcome.requestId());
    }

    @Test
    void aRewriteThatLosesMetadataFailsInsteadOfReportingEncrypted() {
        store.put(FakeObjectStore.plain(BUCKET, "a.txt")).dropMetadataOnRewrite();

        Outcome outcome = enforce(created(BUCKET, "a.txt"));

        assertEquals(Outcome.Kind.FAILED, outcome.kind());
        assertTrue(outcome.reason().contains("user metadata changed"), outcome.reason());
    }

    @Test
    void aPercentEncodedKeyFallsBackToItsDecodedFormWhenOnlyThatExists() {
        store.put(FakeObjectStore.plain(BUCKET, "reports/q3 final.pdf"));

        Outcome outcome = enforce(created(BUCKET, "reports/q3%20final.pdf"));

        assertEquals(Outcome.Kind.ENCRYPTED, outcome.kind(), outcome.reason());
        assertEquals("reports/q3 final.pdf", outcome.key());
    }

    @Test
    void aKeyThatLooksEncodedIsTakenAsItIsWhenItExists() {
        store.put(FakeObjectStore.plain(BUCKET, "reports/100%25.pdf"));
        store.put(FakeObjectStore.plain(BUCKET, "reports/100%.pdf"));

        Outcome outcome = enforce(created(BUCKET, "reports/100%25.pdf"));

        assertEquals("reports/100%25.pdf", outcome.key());
        assertEquals(Outcome.Kind.ENCRYPTED, outcome.kind());
        assertEquals(Encryption.NONE, store.get(BUCKET, "reports/100%.pdf").orElseThrow().encryption());
    }

    @Test
    void keyCandidatesAreTheRawKeyThenItsStrictPercentDecoding() {
        assertEquals(List.of("a b"), Enforcer.keyCandidates("a b"));
        assertEquals(List.of("a%20b", "a b"), Enforcer.keyCandidates("a%20b"));
        assertEquals(List.of("a+b"), Enforcer.keyCandidates("a+b"));
        assertEquals(List.of("100%"), Enforcer.keyCandidates("100%"));
        assertEquals(List.of("%zz"), Enforcer.keyCandidates("%zz"));
        assertEquals(List.of("%E4%B8%AD", "中"), Enforcer.keyCandidates("%E4%B8%AD"));
        assertEquals(List.of("%FF"), Enforcer.keyCandidates("%FF"));
    }

    /** What a rewrite in a versioned bucket does with the version it leaves behind. */
    @Nested
    class VersionedBuckets {
        private void putVersioned(String key, String versionId) {
            ObjectState plain = FakeObjectStore.plain(BUCKET, key);
            store.put(ObjectState.builder(BUCKET, key).eTag(plain.eTag()).size(plain.size()).crc64(plain.crc64())
                    .contentHeaders(plain.contentHeaders()).userMetadata(plain.userMetadata())
                    .versionId(Optional.of(versionId)).build());
        }

        @Test
        void byDefaultThePlaintextPreviousVersionIsKeptAndNamed() {
            putVersioned("notes/a.txt", "v1");

            Outcome outcome = enforce("notes/a.txt");

            assertEquals(Outcome.Kind.ENCRYPTED, outcome.kind(), outcome.reason());
            assertEquals(Optional.of("v1"), outcome.previousVersionId());
            assertFalse(outcome.previousVersionDeleted());
            assertTrue(outcome.reason().contains("previous version v1 (none) remains"), outcome.reason());
            assertTrue(store.previousVersions().containsKey("v1"));
        }

        @Test
        void previousVersionsDeleteRemovesExactlyThatVersionAfterTheCopyVerified() {
            putVersioned("purge/a.txt", "v1");

            Outcome outcome = enforce("purge/a.txt");

            assertEquals(Outcome.Kind.ENCRYPTED, outcome.kind(), outcome.reason());
            assertTrue(outcome.previousVersionDeleted());
            assertTrue(store.previousVersions().isEmpty());
            assertEquals(Optional.of("v2"), store.get(BUCKET, "purge/a.txt").orElseThrow().versionId());
        }

        @Test
        void aFailedLookForBuriedWritesIsAPermanentFailureNamingTheVersionsToCompare() {
            putVersioned("notes/b.txt", "v1");
            store.failVersionListing();

            Outcome outcome = enforce("notes/b.txt");

            assertEquals(Outcome.Kind.FAILED, outcome.kind(), outcome.reason());
            assertFalse(outcome.retryable(), "a retry would find v2 compliant and never look again");
            assertTrue(outcome.reason().contains("rewritten as version v2, but looking for a write or delete that"
                    + " landed between version v1 read and it failed"), outcome.reason());
        }

        @Test
        void aRewriteThatDoesNotVerifyDeletesNoVersion() {
            putVersioned("purge/b.txt", "v1");
            store.dropMetadataOnRewrite();

            Outcome outcome = enforce("purge/b.txt");

            assertEquals(Outcome.Kind.FAILED, outcome.kind());
            assertTrue(store.previousVersions().containsKey("v1"));
        }

        @Test
        void aFailedDeleteIsAFailureThatNamesTheVersionToDeleteByHand() {
            putVersioned("purge/c.txt", "v1");
            store.failVersionDeletes();

            Outcome outcome = enforce("purge/c.txt");

            assertEquals(Outcome.Kind.FAILED, outcome.kind());
            assertFalse(outcome.retryable(), "a retry finds the object compliant and would never delete v1");
            assertTrue(outcome.reason().contains("delete it by hand"), outcome.reason());
            assertTrue(outcome.reason().contains("v1"), outcome.reason());
        }

        @Test
        void anUnversionedOrSuspendedBucketLeavesNoPreviousVersion() {
            putVersioned("purge/d.txt", "null");

            Outcome outcome = enforce("purge/d.txt");

            assertEquals(Outcome.Kind.ENCRYPTED, outcome.kind());
            assertEquals(Optional.empty(), outcome.previousVersionId());
        }
    }
}
