package io.ossenforcer.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ossenforcer.enforce.Enforcer;
import io.ossenforcer.enforce.ListedObject;
import io.ossenforcer.enforce.ListingPage;
import io.ossenforcer.enforce.ObjectListing;
import io.ossenforcer.enforce.ObjectState;
import io.ossenforcer.enforce.ObjectStore;
import io.ossenforcer.enforce.ObjectStoreException;
import io.ossenforcer.enforce.Outcome;
import io.ossenforcer.enforce.Rewritten;
import io.ossenforcer.enforce.SmallObject;
import io.ossenforcer.enforce.VersionEntry;
import io.ossenforcer.rules.Encryption;
import io.ossenforcer.rules.EncryptionSpec;
import io.ossenforcer.rules.RuleSet;
import io.ossenforcer.rules.RulesParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The sweep engine and its pure parts, over an in-memory bucket. */
class SweeperTest {
    /** Real-sized pauses: none is waited out, the sleeper only records them. */
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(20), 4, () -> 0.5);

    /** Keys in UTF-8 byte order: U+FF21 (3 bytes) before the emoji (4 bytes), though UTF-16 says otherwise. */
    private static final List<String> KEYS = List.of("a", "b c", "b+c", "m/1", "m/2", "z\uFF21", "z\uD83D\uDE00");

    /** An in-memory bucket: listing in UTF-8 order, HEAD failing transiently the first {@code flaky} times a key. */
    private static final class Bucket implements ObjectListing, ObjectStore {
        final TreeSet<String> keys = new TreeSet<>(KeyOrder.UTF8);
        final Map<String, AtomicInteger> heads = new ConcurrentHashMap<>();
        final Map<String, Integer> failuresLeft = new ConcurrentHashMap<>();
        final List<String> rewritten = Collections.synchronizedList(new ArrayList<>());

        Bucket(List<String> keys) {
            this.keys.addAll(keys);
        }

        @Override
        public ListingPage page(String bucket, String prefix, Optional<String> after, int maxKeys) {
            List<ListedObject> page = new ArrayList<>();
            for (String key : after.map(a -> keys.tailSet(a, false)).orElse(keys)) {
                if (page.size() == maxKeys) {
                    return new ListingPage(page, true);
                }
                page.add(new ListedObject(key, 1, "Standard"));
            }
            return new ListingPage(page, false);
        }

        @Override
        public ObjectState head(String bucket, String key) throws ObjectStoreException {
            heads.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            int left = failuresLeft.getOrDefault(key, 0);
            if (left > 0) {
                failuresLeft.put(key, left - 1);
                throw new ObjectStoreException(ObjectStoreException.Kind.TRANSIENT, bucket, key,
                        Optional.of("Throttling"), Optional.empty(), "throttled", null);
            }
            return ObjectState.builder(bucket, key).eTag("E").size(1).build();
        }

        @Override
        public Rewritten rewrite(ObjectState seen, EncryptionSpec target) {
            rewritten.add(seen.key());
            return new Rewritten("E", Optional.empty(), Optional.empty(), List.of());
        }

        @Override
        public List<VersionEntry> versions(String bucket, String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteVersion(String bucket, String key, String versionId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<SmallObject> readIfChanged(String bucket, String key, Optional<String> knownETag,
                long maxBytes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Encryption> bucketDefaultEncryption(String bucket) {
            throw new UnsupportedOperationException();
        }
    }

    private static ObjectWork dryRun(Bucket bucket) throws Exception {
        RuleSet rules = RulesParser.parse("{\"buckets\":{\"bkt\":{\"rules\":[{\"id\":\"all\","
                + "\"encryption\":{\"algorithm\":\"AES256\"}}]}}}", "test");
        return ObjectWork.of(new Enforcer(rules, record -> bucket, true));
    }

    private static class Saved implements SweepListener {
        final List<SliceState> states = Collections.synchronizedList(new ArrayList<>());
        final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void outcome(ListedObject object, Outcome outcome) {
            outcomes.add(outcome);
        }

        @Override
        public void checkpoint(SliceState state) {
            states.add(state);
        }
    }

    /** The backoff pauses the sweep took, recorded instead of waited out. */
    private final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());

    private SweepOptions options(int concurrency) {
        return SweepOptions.defaults().withConcurrency(concurrency).withPageSize(2).withBackoff(BACKOFF)
                .withSleeper(pauses::add);
    }

    @Test
    void everyObjectIsWorkedOnOnceAcrossPagesAndTheFinalStateIsDone() throws Exception {
        Bucket bucket = new Bucket(KEYS);
        Saved saved = new Saved();

        SliceState end = new Sweeper(bucket, dryRun(bucket), options(3)).run(SliceState.start("bkt", "",
                KeyRange.ALL), saved);

        assertTrue(end.done());
        assertEquals(Optional.of("z\uD83D\uDE00"), end.watermark());
        assertEquals(KEYS.size(), end.tally().count(Outcome.Kind.WOULD_ENCRYPT));
        KEYS.forEach(k -> assertEquals(1, bucket.heads.get(k).get(), k));
        assertEquals(end, saved.states.get(saved.states.size() - 1));
    }

    @Test
    void transientFailuresAreRetriedWithBackoffUntilTheObjectSucceeds() throws Exception {
        Bucket bucket = new Bucket(KEYS);
        bucket.failuresLeft.put("m/1", 3);

        SliceState end = new Sweeper(bucket, dryRun(bucket), options(2)).run(SliceState.start("bkt", "",
                KeyRange.ALL), new Saved());

        assertEquals(4, bucket.heads.get("m/1").get());
        assertEquals(0, end.tally().count(Outcome.Kind.FAILED));
        assertEquals(List.of(BACKOFF.delay(1), BACKOFF.delay(2), BACKOFF.delay(3)), pauses);
    }

    @Test
    void anObjectStillThrottledAfterTheLastAttemptIsCountedFailedAndTheSweepGoesOn() throws Exception {
        Bucket bucket = new Bucket(KEYS);
        bucket.failuresLeft.put("m/1", 100);

        SliceState end = new Sweeper(bucket, dryRun(bucket), options(2)).run(SliceState.start("bkt", "",
                KeyRange.ALL), new Saved());

        assertEquals(BACKOFF.maxAttempts(), bucket.heads.get("m/1").get());
        assertEquals(1, end.tally().count(Outcome.Kind.FAILED));
        assertTrue(end.done());
    }

    @Test
    void aSliceCoversOnlyItsKeyRangeAndResumesAfterItsWatermark() throws Exception {
        Bucket bucket = new Bucket(KEYS);
        KeyRange middle = KeyRange.slices(List.of("a", "m/2")).get(1);
        SliceState resumed = new SliceState("bkt", "", middle, Optional.of("b c"), false, new Tally());

        SliceState end = new Sweeper(bucket, dryRun(bucket), options(1)).run(resumed, new Saved());

        assertEquals(new TreeSet<>(List.of("b+c", "m/1", "m/2")), new TreeSet<>(bucket.heads.keySet()));
        assertEquals(Optional.of("m/2"), end.watermark());
        assertTrue(end.done());
    }

    @Test
    void aStoppedSweepFinishesWhatIsInFlightAndIsNotDone() throws Exception {
        Bucket bucket = new Bucket(KEYS);
        Sweeper[] sweeper = new Sweeper[1];
        Saved saved = new Saved() {
            @Override
            public void outcome(ListedObject object, Outcome outcome) {
                super.outcome(object, outcome);
                sweeper[0].stop();
            }
        };
        sweeper[0] = new Sweeper(bucket, dryRun(bucket), options(1));

        SliceState end = sweeper[0].run(SliceState.start("bkt", "", KeyRange.ALL), saved);

        assertFalse(end.done());
        assertEquals(saved.outcomes.size(), end.tally().objects());
        assertTrue(end.tally().objects() < KEYS.size());
    }

    @Test
    void theWatermarkOnlyMovesOverTheContiguousFinishedPrefix() throws Exception {
        CompletionWindow window = new CompletionWindow(SliceState.start("bkt", "", KeyRange.ALL), 10);
        Bucket bucket = new Bucket(KEYS);
        ObjectWork work = dryRun(bucket);
        ListedObject first = new ListedObject("a", 1, "Standard");
        ListedObject second = new ListedObject("b", 1, "Standard");
        CompletionWindow.Entry a = window.add(first);
        CompletionWindow.Entry b = window.add(second);

        window.complete(b, work.enforce("bkt", second));
        assertEquals(Optional.empty(), window.state(false).watermark());
        window.complete(a, work.enforce("bkt", first));

        assertEquals(Optional.of("b"), window.state(false).watermark());
        assertEquals(2, window.state(false).tally().objects());
    }

    @Test
    void splitPointsCutTheKeySpaceIntoSlicesThatHoldEveryKeyOnce() {
        List<KeyRange> slices = KeyRange.slices(List.of("b+c", "z\uFF21"));

        for (String key : KEYS) {
            long holding = slices.stream().filter(r -> !r.isBeyond(key)
                    && r.after().map(a -> KeyOrder.compare(key, a) > 0).orElse(true)).count();
            assertEquals(1, holding, key);
        }
        assertEquals(3, slices.size());
    }

    @Test
    void splitPointsOutOfUtf8OrderAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyRange.slices(List.of("z\uD83D\uDE00", "z\uFF21")));

        assertTrue(e.getMessage().startsWith("split points must be strictly increasing in UTF-8 byte order"));
    }

    @Test
    void theRateLimiterLetsABurstThroughThenSpacesRequestsAtTheRate() throws Exception {
        long[] now = {0};
        List<Long> sleeps = new ArrayList<>();
        RateLimiter limiter = new RateLimiter(5, () -> now[0], pause -> {
            sleeps.add(pause.toNanos());
            now[0] += pause.toNanos();
        });

        for (int i = 0; i < 10; i++) {
            limiter.acquire(1);
        }

        assertEquals(5, sleeps.size(), "the first 5 are the burst");
        assertEquals(1_000_000_000L, sleeps.stream().mapToLong(Long::longValue).sum(), 1_000);
    }

    @Test
    void backoffDoublesFromItsBaseWithJitterAndStopsAtItsCap() {
        Backoff low = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 6, () -> 0.0);
        Backoff high = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 6, () -> 1.0);

        assertEquals(Duration.ofMillis(50), low.delay(1));
        assertEquals(Duration.ofMillis(100), high.delay(1));
        assertEquals(Duration.ofMillis(400), high.delay(3));
        assertEquals(Duration.ofSeconds(1), high.delay(10));
    }

    @Test
    void aCheckpointReadsBackAsWritten() throws Exception {
        Bucket bucket = new Bucket(KEYS);
        SliceState swept = new Sweeper(bucket, dryRun(bucket), options(2)).run(new SliceState("bkt", "p/",
                KeyRange.slices(List.of("m")).get(1), Optional.empty(), false, new Tally()), new Saved());
        Checkpoint checkpoint = new Checkpoint(true, List.of(swept, SliceState.start("c", "", KeyRange.ALL)));

        assertEquals(checkpoint, Checkpoint.parse(checkpoint.toJson(), "test"));
    }

    @Test
    void aCheckpointWithProblemsIsRefusedNamingEach() {
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.parse(
                "{\"format\":\"other\",\"slices\":[{\"prefix\":1}]}", "cp.json"));

        assertTrue(e.getMessage().contains("$.format: \"other\" is not oss-sse-enforcer-sweep/1"), e.getMessage());
        assertTrue(e.getMessage().contains("$.slices[0].bucket: missing"), e.getMessage());
        assertTrue(e.getMessage().contains("$.slices[0].prefix: expected a string"), e.getMessage());
    }
}
