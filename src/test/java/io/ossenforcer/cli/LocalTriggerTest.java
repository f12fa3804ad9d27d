package io.ossenforcer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ossenforcer.app.Application;
import io.ossenforcer.app.Report;
import io.ossenforcer.app.Settings;
import io.ossenforcer.enforce.Outcome;
import io.ossenforcer.localoss.Faults;
import io.ossenforcer.rules.RulesParser;
import io.ossenforcer.testing.Emulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The local trigger delivers each event to the handler and retries a retryable failure, as FC does. */
class LocalTriggerTest {
    private final List<Report> reports = Collections.synchronizedList(new ArrayList<>());
    /** The pauses before retries, recorded instead of waited out. */
    private final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aRetryableFailureIsRetriedUntilTheJobIsDone() throws Exception {
        try (Emulator emulator = Emulator.start().bucket("enforced")) {
            Application app = appFor(emulator);
            emulator.oss.addEventListener(triggerFor(app, emulator));
            // The copy runs but its answer is cut short: the SDK does not retry that, the trigger must.
            emulator.oss.faults(Faults.parse("CopyObject:truncate:nth=1"));

            emulator.put("enforced", "reports/retried.pdf", "content");
            assertTrue(emulator.oss.awaitEventsDelivered(Duration.ofSeconds(20)));

            List<Outcome.Kind> kinds = reports.stream().limit(2).map(r -> r.outcomes().get(0).kind())
                    .collect(Collectors.toList());
            assertEquals(List.of(Outcome.Kind.FAILED, Outcome.Kind.COMPLIANT), kinds, reports.toString());
            assertEquals(List.of(LocalTrigger.RETRY_PAUSE), pauses);
            app.close();
        }
    }

    @Test
    void aFailureStillRetryableAfterThreeRetriesIsLeftForFcsOnFailureDestination() throws Exception {
        try (Emulator emulator = Emulator.start().bucket("enforced")) {
            Application app = appFor(emulator);
            emulator.oss.addEventListener(triggerFor(app, emulator));
            // Every HEAD answer is cut short: nothing is ever copied, and every attempt fails retryably.
            emulator.oss.faults(Faults.parse("HeadObject:truncate"));

            emulator.put("enforced", "reports/never.pdf", "content");
            assertTrue(emulator.oss.awaitEventsDelivered(Duration.ofSeconds(20)));

            assertEquals(1 + LocalTrigger.MAX_RETRIES, reports.size(), reports.toString());
            assertTrue(reports.stream().allMatch(Report::anyRetryable), reports.toString());
            assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400)), pauses);
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("still failing after 3 retries; FC would now send"
                    + " it to its on-failure destination"), err.toString(StandardCharsets.UTF_8));
            app.close();
        }
    }

    /** Under {@code local-oss --rules} two uploads are enforced at once: the first copy waits for the second. */
    @Test
    void concurrentlyEnforcesSeveralEventsAtOnce() throws Exception {
        try (Emulator emulator = Emulator.start().bucket("enforced")) {
            Application app = appFor(emulator);
            CountDownLatch secondCopy = new CountDownLatch(1);
            CountDownLatch firstCopy = new CountDownLatch(1);
            AtomicBoolean overlapped = new AtomicBoolean();
            emulator.oss.beforeCall("CopyObject", 1, () -> {
                try {
                    overlapped.set(secondCopy.await(20, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                firstCopy.countDown();
            });
            emulator.oss.beforeCall("CopyObject", 2, secondCopy::countDown);
            emulator.oss.addEventListener(triggerFor(app, emulator).concurrently(LocalTrigger.INSTANCES));

            emulator.put("enforced", "reports/first.pdf", "one");
            emulator.put("enforced", "reports/second.pdf", "two");
            assertTrue(emulator.oss.awaitEventsDelivered(Duration.ofSeconds(20)));
            assertTrue(firstCopy.await(30, TimeUnit.SECONDS), "the first copy never ran");
            app.close();
            assertTrue(overlapped.get(), "the first copy did not see the second start");
        }
    }

    private LocalTrigger triggerFor(Application app, Emulator emulator) {
        return new LocalTrigger(app, emulator.key, reports::add, new PrintStream(err, true, StandardCharsets.UTF_8),
                pauses::add);
    }

    private static Application appFor(Emulator emulator) throws Exception {
        return Application.builder(new Settings(Optional.empty(), Optional.of(emulator.oss.endpoint()),
                Optional.empty(), false)).rules(RulesParser.load(Path.of("test-fixtures/rules/handler-it.json")))
                .build();
    }
}
