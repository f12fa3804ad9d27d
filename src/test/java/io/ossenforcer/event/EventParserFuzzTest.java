package io.ossenforcer.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ossenforcer.testing.HostileJson;
import io.ossenforcer.testing.ReadableProblems;
import io.ossenforcer.testing.SeededCases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Property: whatever the bytes, {@link EventParser} returns records within the documented limits or throws
 * {@link EventFormatException} whose every problem names a JSON path or what is wrong with the input as a whole.
 * Never another exception, a stack overflow or a hang. Inputs: hostile variants of every valid fixture.
 */
class EventParserFuzzTest {
    private static final Path VALID = Path.of("test-fixtures/events/valid");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
    private static final Pattern VISIBLE_ASCII = Pattern.compile("[!-~]+");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]+");

    private static List<HostileJson> generators() throws IOException {
        try (Stream<Path> files = Files.list(VALID)) {
            return files.sorted().map(EventParserFuzzTest::generator).toList();
        }
    }

    private static HostileJson generator(Path fixture) {
        try {
            return new HostileJson(Files.readString(fixture), EventParser.LIMITS.maxDepth(), EventParser.MAX_RECORDS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Timeout(120) // a hang guard, not a speed target
    void hostileEventsParseWithinLimitsOrAreRefusedWithProblemsNamingWhere() throws IOException {
        List<HostileJson> generators = generators();

        SeededCases.run(20261126L, 3000, (random, i) -> {
            byte[] input = generators.get(i % generators.size()).variant(random);
            try {
                List<EventRecord> records = EventParser.parse(input);
                assertWithinLimits(records);
                assertEquals(records, EventParser.parse(new String(input, StandardCharsets.UTF_8)),
                        "bytes and the same text parse alike");
            } catch (EventFormatException e) {
                assertNamesWhere(e);
            }
        });
    }

    @Test
    @Timeout(120)
    void arraysAroundTheRecordCapParseWithinLimitsOrAreRefusedWithProblemsNamingWhere() throws IOException {
        List<HostileJson> generators = generators();

        SeededCases.run(11L, generators.size(), (random, i) -> {
            try {
                assertWithinLimits(EventParser.parse(generators.get(i % generators.size()).withHugeArray(random)));
            } catch (EventFormatException e) {
                assertNamesWhere(e);
            }
        });
    }

    @Test
    @Timeout(60)
    void randomBytesAreRefusedWithAProblemNeverAnotherException() {
        SeededCases.run(7L, 2000, (random, i) -> {
            byte[] input = new byte[random.nextInt(200)];
            random.nextBytes(input);
            try {
                assertWithinLimits(EventParser.parse(input));
            } catch (EventFormatException e) {
                assertNamesWhere(e);
            }
        });
    }

    private static void assertWithinLimits(List<EventRecord> records) {
        assertFalse(records.isEmpty(), "a parsed event has at least one record");
        assertTrue(records.size() <= EventParser.MAX_RECORDS, () -> records.size() + " records");
        for (EventRecord r : records) {
            assertTrue(BUCKET.matcher(r.bucket()).matches(), r::toString);
            assertFalse(r.key().isEmpty(), r::toString);
            assertTrue(r.key().getBytes(StandardCharsets.UTF_8).length <= EventParser.MAX_KEY_BYTES, r::toString);
            assertEquals(r.key(), new String(r.key().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                    "a key is valid Unicode (no lone surrogate)");
            assertTrue(VISIBLE_ASCII.matcher(r.eventName()).matches(), r::toString);
            assertFalse(r.eventName().startsWith("oss:"), r::toString);
            r.region().ifPresent(region -> assertTrue(REGION.matcher(region).matches(), r::toString));
            r.eTag().ifPresent(eTag -> assertTrue(VISIBLE_ASCII.matcher(eTag).matches(), r::toString));
            r.requestId().ifPresent(id -> assertTrue(VISIBLE_ASCII.matcher(id).matches(), r::toString));
            r.size().ifPresent(size -> assertTrue(size >= 0, r::toString));
        }
    }

    private static void assertNamesWhere(EventFormatException e) {
        assertTrue(e.getMessage().startsWith("invalid OSS event: "), e::getMessage);
        ReadableProblems.assertReadable(e.problems());
    }
}
