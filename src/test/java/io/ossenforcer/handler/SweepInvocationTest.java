package io.ossenforcer.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.ossenforcer.app.Application;
import io.ossenforcer.app.InvocationException;
import io.ossenforcer.app.Settings;
import io.ossenforcer.localoss.LocalOss;
import io.ossenforcer.rules.RulesParser;
import io.ossenforcer.sweep.Checkpoint;
import io.ossenforcer.testing.Emulator;
import io.ossenforcer.testing.FcContexts;
import io.ossenforcer.testing.ManualClock;
import io.ossenforcer.testing.ObjectSnapshot;
import io.ossenforcer.testing.SweepFixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The function's sweep request: bounded slices, checkpoints in OSS, several workers at once. */
class SweepInvocationTest {
    private static final String STATE_BUCKET = "sweep-state";
    private static final String SPLIT_POINTS = "[\"aes/0004\", \"plain/0004\", \"reports/cmk\"]";

    private Emulator emulator;
    private SweepFixture fixture;
    private final AtomicInteger invocations = new AtomicInteger();
    private Application app;
    private SweepHandler handler;

    @BeforeEach
    void start() throws Exception {
        // A little latency per request, so that a slice needs more than one short invocation.
        emulator = Emulator.start(LocalOss.builder().latency(Duration.ofMillis(3)));
        fixture = new SweepFixture(emulator).fill(8);
        emulator.bucket(STATE_BUCKET);
        emulator.oss.awaitEventsDelivered(Duration.ofSeconds(10));
        fixture.copies.set(0);
        handlerWith(Clock.systemUTC());
    }

    private void handlerWith(Clock clock) throws Exception {
        Map<String, String> env = Map.of(Settings.OSS_ENDPOINT, emulator.oss.endpoint(), Settings.FC_REGION,
                emulator.oss.region());
        app = Application.builder(Settings.fromEnvironment(env)).env(env).clock(clock)
                .rules(RulesParser.load(Path.of(SweepFixture.RULES))).build();
        handler = new SweepHandler(app);
    }

    @AfterEach
    void stop() {
        app.close();
        emulator.close();
    }

    private JsonObject invoke(String request, int timeLimitMillis) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out,
                FcContexts.of("sweep-" + invocations.incrementAndGet(), Optional.of(emulator.key), timeLimitMillis));
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject().getAsJsonObject("sweep");
    }

    /** Invokes a slice again and again, as a timer trigger would, until it answers done; returns the invocations. */
    private int sweepSlice(int slice) throws IOException {
        String request = "{\"sweep\":{\"bucket\":\"swept\",\"splitPoints\":" + SPLIT_POINTS + ",\"slice\":" + slice
                + ",\"concurrency\":2,\"checkpointBucket\":\"" + STATE_BUCKET + "\"}}";
        for (int invocations = 1; invocations <= 200; invocations++) {
            if (invoke(request, 100).get("done").getAsBoolean()) {
                return invocations;
            }
        }
        throw new AssertionError("slice " + slice + " not done after 200 invocations");
    }

    @Test
    void concurrentWorkersOnKeyRangeSlicesEnforceEveryObjectOnceInBoundedInvocations() throws Exception {
        Map<String, ObjectSnapshot> before = fixture.snapshots();
        ExecutorService workers = Executors.newFixedThreadPool(4);
        List<Future<Integer>> invocations = new ArrayList<>();
        for (int slice = 0; slice < 4; slice++) {
            int s = slice;
            invocations.add(workers.submit(() -> sweepSlice(s)));
        }
        int total = 0;
        for (Future<Integer> f : invocations) {
            total += f.get();
        }
        workers.shutdown();
        emulator.oss.awaitEventsDelivered(Duration.ofSeconds(10));

        assertEquals(fixture.nonCompliant.get(SweepFixture.BUCKET).size(), fixture.copies.get(),
                "in " + total + " invocations");
        assertEquals(before, fixture.snapshots());
        long counted = 0;
        for (int slice = 0; slice < 4; slice++) {
            String key = ".oss-sse-enforcer/sweeps/swept/default/slice-" + slice + "-of-4.json";
            String json = new String(emulator.client.getObject(STATE_BUCKET, key).getObjectContent().readAllBytes(),
                    StandardCharsets.UTF_8);
            Checkpoint checkpoint = Checkpoint.parse(json, key);
            assertTrue(checkpoint.done(), key);
            counted += checkpoint.slices().get(0).tally().objects();
        }
        long inBucket = fixture.all.stream().filter(k -> k.startsWith(SweepFixture.BUCKET + "/")).count();
        assertEquals(inBucket, counted, "every object counted once");
    }

    @Test
    void anInvocationOutOfTimeAnswersNotDoneAndTheNextResumesFromItsCheckpoint() throws Exception {
        app.close();
        handlerWith(ManualClock.steppingAtEachReading(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofSeconds(1)));
        String request = "{\"sweep\":{\"bucket\":\"swept-too\",\"checkpointBucket\":\"" + STATE_BUCKET + "\"}}";

        // A second passes with every reading of the clock: a 1 ms limit is over before the first object is taken.
        JsonObject outOfTime = invoke(request, 1);
        JsonObject resumed = invoke(request, 0);

        assertFalse(outOfTime.get("done").getAsBoolean());
        assertEquals(0, outOfTime.getAsJsonObject("totals").get("objects").getAsLong());
        assertTrue(resumed.get("done").getAsBoolean());
        assertEquals(fixture.nonCompliant.get(SweepFixture.OTHER_BUCKET).size(),
                resumed.getAsJsonObject("totals").get("objects").getAsLong());
        emulator.oss.awaitEventsDelivered(Duration.ofSeconds(10));
        assertEquals(fixture.nonCompliant.get(SweepFixture.OTHER_BUCKET).size(), fixture.copies.get());
    }

    @Test
    void aFinishedSliceAnswersDoneWithoutListingAgain() throws IOException {
        String request = "{\"sweep\":{\"bucket\":\"swept-too\"}}";
        JsonObject first = invoke(request, 0);
        int copies = fixture.copies.get();

        JsonObject again = invoke(request, 0);

        assertTrue(first.get("done").getAsBoolean());
        assertTrue(again.get("done").getAsBoolean());
        assertEquals(first.get("totals"), again.get("totals"));
        assertEquals(copies, fixture.copies.get());
    }

    @Test
    void anUploadEventIsNotASweepRequest() {
        InvocationException e = assertThrows(InvocationException.class, () -> invoke("{\"events\":[]}", 0));

        assertTrue(e.getMessage().startsWith("bad sweep request"), e.getMessage());
        assertTrue(e.getMessage().contains("$.events: unknown field"), e.getMessage());
    }

    @Test
    void aSweepRequestForABucketNotInTheRulesFailsNamingIt() {
        InvocationException e = assertThrows(InvocationException.class,
                () -> invoke("{\"sweep\":{\"bucket\":\"elsewhere\"}}", 0));

        assertTrue(e.getMessage().contains("$.sweep.bucket: \"elsewhere\" is not named in the rules"),
                e.getMessage());
    }

    @Test
    void aSweepRequestWithBadFieldsListsEveryProblem() {
        InvocationException e = assertThrows(InvocationException.class, () -> invoke("{\"sweep\":{\"bucket\":"
                + "\"swept\",\"splitPoints\":[\"m\",\"c\"],\"slice\":7,\"concurrency\":0,\"colour\":1}}", 0));

        assertTrue(e.getMessage().contains("$.sweep.colour: unknown field"), e.getMessage());
        assertTrue(e.getMessage().contains("split points must be strictly increasing"), e.getMessage());
        assertTrue(e.getMessage().contains("$.sweep.slice: 7 is not a slice index from 0 to 2"), e.getMessage());
        assertTrue(e.getMessage().contains("$.sweep.concurrency: 0 is not a worker count"), e.getMessage());
    }
}
