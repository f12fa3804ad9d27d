package io.ossenforcer.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ossenforcer.event.EventRecord;
import io.ossenforcer.rules.RuleSet;
import io.ossenforcer.rules.RulesParser;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a rewrite in a versioned bucket does with the version it leaves behind. */
class PreviousVersionsTest {
    private static final String BUCKET = "finance-docs";

    private RuleSet rules;
    private FakeObjectStore store;

    @BeforeEach
    void setUp() throws Exception {
        rules = RulesParser.load(Path.of("test-fixtures/rules/enforcer-spec.json"));
        store = new FakeObjectStore();
    }

    private Outcome enforce(String key) {
        EventRecord record = new EventRecord("ObjectCreated:PutObject", BUCKET, key, Optional.empty(),
                OptionalLong.empty(), Optional.empty(), Optional.empty());
        return new Enforcer(rules, r -> store, false).enforce(record);
    }

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
