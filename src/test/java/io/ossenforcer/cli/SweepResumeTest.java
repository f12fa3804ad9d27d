package io.ossenforcer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ossenforcer.enforce.Enforcer;
import io.ossenforcer.oss.SdkObjectListing;
import io.ossenforcer.oss.SdkObjectStore;
import io.ossenforcer.rules.RuleSet;
import io.ossenforcer.rules.RulesParser;
import io.ossenforcer.sweep.Checkpoint;
import io.ossenforcer.sweep.CheckpointStore;
import io.ossenforcer.sweep.KeyRange;
import io.ossenforcer.sweep.ObjectWork;
import io.ossenforcer.sweep.SliceState;
import io.ossenforcer.sweep.SweepOptions;
import io.ossenforcer.sweep.SweepRun;
import io.ossenforcer.testing.Emulator;
import io.ossenforcer.testing.ObjectSnapshot;
import io.ossenforcer.testing.SweepFixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A backfill stopped at a random point and resumed from a checkpoint saved before the stop, as after a crash: every
 * object that fell short is copied exactly once, the ones worked on after the checkpoint are found compliant, and
 * the totals count every object once.
 */
class SweepResumeTest {
    @TempDir
    Path dir;

    /** Each seed picks another point to crash at; fixed, so a failure reproduces. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aBackfillCrashedAtARandomPointAndResumedCopiesEachObjectExactlyOnce(long seed) throws Exception {
        Random random = new Random(seed);
        try (Emulator emulator = Emulator.start()) {
            SweepFixture fixture = new SweepFixture(emulator).fill(15);
            emulator.oss.awaitEventsDelivered(Duration.ofSeconds(10));
            fixture.copies.set(0);
            Map<String, ObjectSnapshot> before = fixture.snapshots();
            RuleSet rules = RulesParser.load(Path.of(SweepFixture.RULES));
            List<Checkpoint> saved = Collections.synchronizedList(new ArrayList<>());
            int stopAfter = 1 + random.nextInt(fixture.all.size() - 1);

            AtomicInteger seen = new AtomicInteger();
            SweepRun[] first = new SweepRun[1];
            first[0] = new SweepRun(new SdkObjectListing(emulator.client),
                    ObjectWork.of(new Enforcer(rules, r -> new SdkObjectStore(emulator.client), false)),
                    SweepOptions.defaults().withConcurrency(4).withPageSize(7).withCheckpointEvery(Duration.ZERO),
                    recording(saved), outcome -> {
                        if (seen.incrementAndGet() == stopAfter) {
                            first[0].stop();
                        }
                    });
            List<SliceState> slices = new ArrayList<>();
            rules.buckets().forEach(b -> slices.add(SliceState.start(b, "", KeyRange.ALL)));
            first[0].run(new Checkpoint(false, slices));
            emulator.oss.awaitEventsDelivered(Duration.ofSeconds(10));
            int copiesBeforeCrash = fixture.copies.get();

            Checkpoint crashedAt = saved.isEmpty() ? new Checkpoint(false, slices)
                    : saved.get(random.nextInt(saved.size()));
            Path file = dir.resolve("resume.json");
            Files.writeString(file, crashedAt.toJson());
            String context = "seed " + seed + ", stopped after " + stopAfter + " reported outcomes, "
                    + copiesBeforeCrash + " copies, resumed from " + crashedAt;

            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Main.run(List.of("backfill", "--rules", SweepFixture.RULES, "--endpoint",
                    emulator.oss.endpoint(), "--region", emulator.oss.region(), "--resume", file.toString(),
                    "--concurrency", "3", "--report", dir.resolve("report.jsonl").toString()),
                    new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream(), true),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", emulator.oss.accessKeyId(),
                            "ALIBABA_CLOUD_ACCESS_KEY_SECRET", emulator.oss.accessKeySecret()));
            emulator.oss.awaitEventsDelivered(Duration.ofSeconds(10));

            assertEquals(0, status, context + "\n" + err);
            assertEquals(fixture.nonCompliantCount(), fixture.copies.get(), context);
            assertEquals(before, fixture.snapshots(), context);
            Checkpoint end = Checkpoint.parse(Files.readString(file), file.toString());
            assertTrue(end.done(), context);
            long counted = end.slices().stream().mapToLong(s -> s.tally().objects()).sum();
            assertEquals(fixture.all.size(), counted, context);
            assertFalse(fixture.encryptions().entrySet().stream().anyMatch(e -> e.getValue().equals("none")
                    && !e.getKey().startsWith("swept/logs/")), context);
        }
    }

    private static CheckpointStore recording(List<Checkpoint> saved) {
        return new CheckpointStore() {
            @Override
            public Optional<Checkpoint> load() {
                return Optional.empty();
            }

            @Override
            public void save(Checkpoint checkpoint) {
                saved.add(checkpoint);
            }

            @Override
            public String describe() {
                return "memory";
            }
        };
    }
}
