package io.ossenforcer.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventParserTest {
    private static final Path FIXTURES = Path.of("test-fixtures/events");

    private static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(FIXTURES.resolve(name));
    }

    private static List<String> problemsOf(byte[] json) {
        return assertThrows(EventFormatException.class, () -> EventParser.parse(json)).problems();
    }

    private static List<String> problemsOf(String json) {
        return assertThrows(EventFormatException.class, () -> EventParser.parse(json)).problems();
    }

    private static String nativeEvent(String recordJson) {
        return "{\"events\":[" + recordJson + "]}";
    }

    private static String record(String objectJson) {
        return "{\"eventName\":\"ObjectCreated:PutObject\",\"oss\":{\"bucket\":{\"name\":\"testbucket\"},\"object\":"
                + objectJson + "}}";
    }

    // --- the shapes that are accepted ---

    @Test
    void readsTheNativeTemplateRecordWithEveryField() throws Exception {
        List<EventRecord> records = EventParser.parse(fixture("valid/native-template.json"));

        assertEquals(List.of(new EventRecord("ObjectCreated:PutObject", "testbucket", "image/a.jpg",
                Optional.of("688A7BF4F233DC9C88A80BF985AB7329"), OptionalLong.of(122539), Optional.of("cn-shanghai"),
                Optional.of("58F9FF2D3DF792092E12044C"), Optional.of("123456789"))), records);
    }

    @Test
    void readsEveryNativeRecordInOrderIgnoringUnknownFields() throws Exception {
        List<EventRecord> records = EventParser.parse(fixture("valid/native-many-records.json"));

        assertEquals(List.of("image/a.jpg", "docs/b.pdf", "old.txt"), records.stream().map(EventRecord::key).toList());
    }

    @Test
    void stripsTheOssPrefixFromANativeEventName() throws Exception {
        EventRecord record = EventParser.parse(fixture("valid/native-many-records.json")).get(1);

        assertEquals("ObjectCreated:CompleteMultipartUpload", record.eventName());
    }

    @Test
    void readsAbsentOptionalFieldsAsEmpty() throws Exception {
        EventRecord record = EventParser.parse(fixture("valid/native-many-records.json")).get(2);

        assertEquals(new EventRecord("ObjectRemoved:DeleteObject", "testbucket", "old.txt", Optional.empty(),
                OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.of("123456789")), record);
    }

    @Test
    void readsNullOptionalFieldsAsAbsent() throws Exception {
        EventRecord record = EventParser.parse(nativeEvent(
                "{\"eventName\":\"ObjectCreated:PutObject\",\"region\":null,\"responseElements\":null,"
                        + "\"oss\":{\"bucket\":{\"name\":\"testbucket\"},\"object\":{\"key\":\"a\",\"eTag\":null,"
                        + "\"size\":null}}}")).get(0);

        assertEquals(new EventRecord("ObjectCreated:PutObject", "testbucket", "a", Optional.empty(),
                OptionalLong.empty(), Optional.empty(), Optional.empty()), record);
    }

    @Test
    void readsACloudEventTakingTheNameFromTypeAndTheFieldsFromData() throws Exception {
        List<EventRecord> records = EventParser.parse(fixture("valid/cloudevent.json"));

        assertEquals(List.of(new EventRecord("ObjectCreated:PutObject", "finance-docs",
                "reports/2024/q1 summary+final.pdf", Optional.of("688A7BF4F233DC9C88A80BF985AB7329"),
                OptionalLong.of(122539), Optional.of("cn-hangzhou"), Optional.of("58F9FF2D3DF792092E12044C"),
                Optional.of("123456789"))), records);
    }

    @Test
    void readsABatchOfCloudEventsInOrder() throws Exception {
        List<EventRecord> records = EventParser.parse(fixture("valid/cloudevent-batch.json"));

        assertEquals(List.of("ObjectCreated:PutObject", "ObjectCreated:CopyObject"),
                records.stream().map(EventRecord::eventName).toList());
        assertEquals(List.of("reports/2024/q1 summary+final.pdf", "reports/copy.pdf"),
                records.stream().map(EventRecord::key).toList());
    }

    @Test
    void acceptsACloudEventTypeWithoutTheOssPrefix() throws Exception {
        String event = "{\"specversion\":\"1.0\",\"source\":\"acs.oss\",\"type\":\"ObjectCreated:AppendObject\","
                + "\"data\":" + record("{\"key\":\"a\"}") + "}";

        assertEquals("ObjectCreated:AppendObject", EventParser.parse(event).get(0).eventName());
    }

    @Test
    void keepsHardKeysExactlyAsDeliveredWithoutDecoding() throws Exception {
        List<EventRecord> records = EventParser.parse(fixture("valid/hard-keys.json"));

        assertEquals(List.of("my photo.jpg", "a+b=c.txt", "100%.txt", "file%20name.txt", "报告/二〇二四年.pdf",
                "emoji/🎉 party 🎂.png", "runs///of////slashes/", "/leading-slash", "mixed +%2B%25 %.txt",
                "tab\there.txt"), records.stream().map(EventRecord::key).toList());
    }

    @Test
    void acceptsAKeyOfExactly1023BytesOfUtf8() throws Exception {
        String key = EventParser.parse(fixture("valid/key-1023-bytes.json")).get(0).key();

        assertEquals(1023, key.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void readsBytesAndTheSameTextAlike() throws Exception {
        byte[] bytes = fixture("valid/hard-keys.json");

        assertEquals(EventParser.parse(bytes), EventParser.parse(new String(bytes, StandardCharsets.UTF_8)));
    }

    @Test
    void acceptsSizesFromZeroToTheLargestLong() throws Exception {
        assertEquals(OptionalLong.of(0), EventParser.parse(nativeEvent(record("{\"key\":\"a\",\"size\":0}")))
                .get(0).size());
        assertEquals(OptionalLong.of(Long.MAX_VALUE), EventParser.parse(nativeEvent(
                record("{\"key\":\"a\",\"size\":" + Long.MAX_VALUE + "}"))).get(0).size());
    }

    @Test
    void acceptsAMultipartStyleETag() throws Exception {
        assertEquals(Optional.of("6D09F2A4B5C8E1F0A3B2C1D0E9F8A7B6-3"), EventParser.parse(nativeEvent(
                record("{\"key\":\"a\",\"eTag\":\"6D09F2A4B5C8E1F0A3B2C1D0E9F8A7B6-3\"}"))).get(0).eTag());
    }

    // --- what is refused, and how it is reported ---

    @Test
    void reportsBadJsonWithLineAndColumn() throws Exception {
        assertEquals(List.of("invalid JSON at line 3 column 45: unterminated object"),
                problemsOf(fixture("invalid/bad-json.json")));
    }

    @Test
    void reportsEveryMissingRequiredFieldByPath() throws Exception {
        assertEquals(List.of("$.events[1].oss.object.key: missing", "$.events[2].eventName: missing",
                "$.events[2].oss.bucket.name: missing"), problemsOf(fixture("invalid/missing-fields.json")));
    }

    @Test
    void reportsWrongTypesNamingExpectedAndFound() throws Exception {
        assertEquals(List.of("$.events[0].region: expected a string, found array",
                "$.events[0].oss.object.key: expected a string, found number",
                "$.events[0].oss.object.size: expected a number, found string"),
                problemsOf(fixture("invalid/wrong-types.json")));
    }

    @Test
    void refusesARegionThatCouldChangeTheHostName() throws Exception {
        assertEquals(List.of("$.events[0].region: \"cn-hangzhou.evil.com\" is not a region (expected ^[a-z0-9-]+$)"),
                problemsOf(fixture("invalid/bad-region.json")));
    }

    @Test
    void refusesACloudEventFromAnotherSource() throws Exception {
        assertEquals(List.of("$.source: \"acs.ecs\" is not an OSS event source (expected \"acs.oss\")"),
                problemsOf(fixture("invalid/unknown-source-cloudevent.json")));
    }

    @Test
    void refusesAnEmptyEventList() throws Exception {
        assertEquals(List.of("$.events: empty, expected at least one record"),
                problemsOf(fixture("invalid/empty-events.json")));
    }

    @Test
    void refusesAnEmptyCloudEventBatch() {
        assertEquals(List.of("$: empty, expected at least one record"), problemsOf("[]"));
    }

    @Test
    void refusesJsonThatIsNeitherShape() throws Exception {
        List<String> expected =
                List.of("$: not an OSS event (expected {\"events\":[...]} or a CloudEvent with specversion)");
        assertEquals(expected, problemsOf(fixture("invalid/not-an-event.json")));
        assertEquals(expected, problemsOf("\"events\""));
        assertEquals(expected, problemsOf("null"));
    }

    @Test
    void refusesABatchElementThatIsNotACloudEvent() throws Exception {
        assertEquals(List.of("$[0]: not a CloudEvent (expected an object with specversion)"),
                problemsOf("[" + new String(fixture("valid/native-template.json"), StandardCharsets.UTF_8) + "]"));
    }

    @Test
    void refusesInvalidBucketNamesAndKeys() throws Exception {
        String bucketRule = " is not a bucket name (3 to 63 lowercase letters, digits and hyphens, not starting or"
                + " ending with a hyphen)";
        assertEquals(List.of("$.events[0].oss.bucket.name: \"Bad_Bucket\"" + bucketRule,
                "$.events[0].oss.object.key: empty",
                "$.events[1].oss.object.key: 1026 bytes of UTF-8, over the 1023 OSS allows",
                "$.events[2].oss.bucket.name: \"-abc\"" + bucketRule),
                problemsOf(fixture("invalid/bad-bucket-and-key.json")));
    }

    @Test
    void refusesSizesThatAreNotNonNegativeIntegers() throws Exception {
        assertEquals(List.of("$.events[0].oss.object.size: -1 is not a size (expected a non-negative integer)",
                "$.events[1].oss.object.size: 1.5 is not a size (expected a non-negative integer)"),
                problemsOf(fixture("invalid/bad-sizes.json")));
    }

    @Test
    void refusesASizeBeyondTheLargestLong() {
        assertEquals(List.of("$.events[0].oss.object.size: 9223372036854775808 is not a size (expected a"
                + " non-negative integer)"), problemsOf(nativeEvent(record("{\"key\":\"a\",\"size\":9223372036854775808}"))));
    }

    @Test
    void reportsTheOffsetOfInvalidUtf8() throws Exception {
        byte[] json = fixture("invalid/invalid-utf8.json");

        assertEquals(List.of("invalid UTF-8 at byte offset " + new String(json, StandardCharsets.ISO_8859_1)
                .indexOf('\u00e9')), problemsOf(json));
    }

    @Test
    void refusesAKeyWithAnUnpairedSurrogate() {
        assertEquals(List.of("$.events[0].oss.object.key: not valid Unicode (an unpaired surrogate)"),
                problemsOf(nativeEvent(record("{\"key\":\"a\\ud800b\"}"))));
    }

    @Test
    void refusesAnETagThatCouldSplitAHeader() {
        assertEquals(List.of("$.events[0].oss.object.eTag: \"abc\\r\\nX-Injected: 1\" is not an ETag (expected"
                + " visible ASCII characters)"), problemsOf(nativeEvent(record(
                        "{\"key\":\"a\",\"eTag\":\"abc\\r\\nX-Injected: 1\"}"))));
    }

    /** The region and visible-ASCII checks accept exactly what their documented patterns match. */
    @Test
    void regionAndVisibleAsciiChecksAcceptExactlyWhatTheirPatternsMatch() {
        String[] pieces = {"", "a", "z", "0", "9", "-", "A", "!", "~", " ", "\t", "\u007f", ".", "\u00e9",
            "\ud83d\ude00"};
        Random random = new Random(42);
        for (int i = 0; i < 3000; i++) {
            StringBuilder value = new StringBuilder();
            for (int n = random.nextInt(5); n > 0; n--) {
                value.append(pieces[random.nextInt(pieces.length)]);
            }
            String v = value.toString();
            String quoted = new JsonPrimitive(v).toString();
            String withETag = nativeEvent(record("{\"key\":\"a\",\"eTag\":" + quoted + "}"));
            assertEquals(v.matches("[!-~]+"), accepts(withETag), "eTag " + quoted);
            assertEquals(v.matches("[a-z0-9-]+"), accepts(nativeEvent("{\"eventName\":\"ObjectCreated:PutObject\","
                    + "\"region\":" + quoted + ",\"oss\":{\"bucket\":{\"name\":\"testbucket\"},\"object\":{\"key\":"
                    + "\"a\"}}}")), "region " + quoted);
        }
    }

    private static boolean accepts(String json) {
        try {
            EventParser.parse(json);
            return true;
        } catch (EventFormatException e) {
            return false;
        }
    }

    @Test
    void refusesDuplicateFieldNames() {
        assertEquals(List.of("$.events: duplicate field \"events\""), problemsOf("{\"events\":[],\"events\":[]}"));
    }

    @Test
    void refusesLenientJson() {
        assertEquals(List.of("invalid JSON at line 1 column 2: not strict JSON (no comments, single quotes, unquoted"
                + " names, NaN, leading zeros or trailing data)"), problemsOf("{events:[]}"));
        assertTrue(problemsOf("{\"events\":[]} trailing").get(0).startsWith("invalid JSON at line 1 column 15: "));
    }

    @Test
    void saysHowManyProblemsInTheMessage() {
        EventFormatException e = assertThrows(EventFormatException.class, () -> EventParser.parse("{\"events\":[]}"));

        assertEquals("invalid OSS event: 1 problem:\n  $.events: empty, expected at least one record", e.getMessage());
    }

    // --- hostile input ---

    @Test
    void refusesInputOverSixMebibytesNamingTheLimit() {
        byte[] huge = new byte[EventParser.LIMITS.maxBytes() + 1];
        java.util.Arrays.fill(huge, (byte) ' ');

        List<String> expected = List.of("input is larger than the limit of 6291456 bytes (6 MiB)");
        assertEquals(expected, problemsOf(huge));
        assertEquals(expected, problemsOf(new String(huge, StandardCharsets.US_ASCII)));
    }

    @Test
    void countsTheLimitInUtf8BytesForTextInput() {
        String threeBytesEach = "\u4e2d".repeat(EventParser.LIMITS.maxBytes() / 3 + 1);

        assertEquals(List.of("input is larger than the limit of 6291456 bytes (6 MiB)"), problemsOf(threeBytesEach));
    }

    @Test
    void refusesDeepNestingWithoutOverflowingTheStack() {
        String deep = "[".repeat(1_000_000) + "]".repeat(1_000_000);

        List<String> problems = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> problemsOf(deep));

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).endsWith(": nested deeper than 64 levels of objects and arrays"), problems.get(0));
    }

    @Test
    void acceptsNestingUpToTheLimit() {
        String deepest = "{\"events\":[" + "[".repeat(62) + "]".repeat(62) + "]}";

        assertEquals(List.of("$.events[0]: expected an object, found array"), problemsOf(deepest));
    }

    @Test
    void refusesMoreThanTenThousandRecords() {
        String records = "{\"events\":[" + "{},".repeat(EventParser.MAX_RECORDS) + "{}]}";

        assertEquals(List.of("$.events: 10001 records, over the limit of 10000"), problemsOf(records));
    }

    @Test
    void listsAtMostOneHundredProblemsButCountsThemAll() {
        String records = "{\"events\":[" + "{},".repeat(99) + "{}]}"; // three problems per empty record

        EventFormatException e = assertThrows(EventFormatException.class, () -> EventParser.parse(records));

        assertEquals(100, e.problems().size());
        assertTrue(e.getMessage().startsWith("invalid OSS event: 200 problems:\n"), e.getMessage());
        assertTrue(e.getMessage().endsWith("\n  ... and 100 more"), e.getMessage());
    }

    @Test
    void mutatedEventsAreEitherParsedOrRefusedWithProblemsNeverAnotherException() throws Exception {
        byte[] original = fixture("valid/cloudevent-batch.json");
        Random random = new Random(4);
        for (int i = 0; i < 3000; i++) {
            byte[] mutated = original.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            try {
                EventParser.parse(mutated);
            } catch (EventFormatException e) {
                assertTrue(!e.problems().isEmpty(), e::getMessage);
            }
        }
    }
}
