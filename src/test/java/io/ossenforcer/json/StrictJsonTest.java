package io.ossenforcer.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StrictJsonTest {
    private static final JsonLimits LIMITS = JsonLimits.of(1 << 20, 8);
    private static final String NOT_STRICT =
            "not strict JSON (no comments, single quotes, unquoted names, NaN, leading zeros or trailing data)";

    private static String problem(String json) {
        return assertThrows(JsonReadException.class, () -> StrictJson.parse(json, LIMITS)).problem();
    }

    private static String problem(byte[] json) {
        return assertThrows(JsonReadException.class, () -> StrictJson.parse(json, LIMITS)).problem();
    }

    private static byte[] bytes(String before, int[] raw, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        for (int b : raw) {
            out.write(b);
        }
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    // --- what is read ---

    @Test
    void readsEveryJsonFileOfTheProjectIntoTheTreeGsonBuilds() throws Exception {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("events", "test-fixtures/events/valid", "test-fixtures/rules/valid")) {
            try (Stream<Path> list = Files.list(Path.of(dir))) {
                list.filter(f -> f.toString().endsWith(".json")).forEach(files::add);
            }
        }
        JsonLimits roomy = JsonLimits.of(8 << 20, 64);
        for (Path file : files) {
            byte[] json = Files.readAllBytes(file);
            JsonElement expected = JsonParser.parseString(new String(json, StandardCharsets.UTF_8));

            assertEquals(expected, StrictJson.parse(json, roomy), file::toString);
            assertEquals(expected, StrictJson.parse(new String(json, StandardCharsets.UTF_8), roomy), file::toString);
        }
    }

    @Test
    void keepsNumbersAsWritten() throws JsonReadException {
        JsonElement numbers = StrictJson.parse("[1e5, -0, 0.50, 123456789012345678901234567890]", LIMITS);

        assertEquals(List.of("1e5", "-0", "0.50", "123456789012345678901234567890"),
                List.of(numbers.getAsJsonArray().get(0).getAsString(), numbers.getAsJsonArray().get(1).getAsString(),
                        numbers.getAsJsonArray().get(2).getAsString(), numbers.getAsJsonArray().get(3).getAsString()));
    }

    @Test
    void readsASurrogatePairWrittenAsTwoEscapes() throws JsonReadException {
        assertEquals("\ud83d\ude00", StrictJson.parse("\"\\ud83d\\ude00\"", LIMITS).getAsString());
    }

    @Test
    void skipsALeadingByteOrderMark() throws JsonReadException {
        assertEquals(JsonParser.parseString("{\"a\":1}"), StrictJson.parse(bytes("", new int[] {0xEF, 0xBB, 0xBF},
                "{\"a\":1}"), LIMITS));
    }

    @Test
    void streamsOuterLevelsAndReadsInnerValuesAsTrees() throws JsonReadException {
        StrictJsonReader in = StrictJsonReader.of("{\"rules\": [{\"id\": 1}, [2], \"three\"]}", LIMITS);
        List<JsonElement> elements = new ArrayList<>();

        in.beginObject();
        assertEquals("rules", in.nextName());
        in.beginArray();
        while (in.hasNext()) {
            elements.add(in.nextTree());
        }
        in.endArray();
        in.endObject();
        in.endDocument();

        assertEquals(List.of(JsonParser.parseString("{\"id\": 1}"), JsonParser.parseString("[2]"),
                JsonParser.parseString("\"three\"")), elements);
    }

    @Test
    void peeksAtTheNextValuesKind() throws JsonReadException {
        assertEquals(JsonToken.BEGIN_ARRAY, StrictJsonReader.of("[]", LIMITS).peek());
    }

    // --- what is refused, and how it is named ---

    @Test
    void refusesADuplicateFieldNamingItsPath() {
        assertEquals("$.a[1].b: duplicate field \"b\"", problem("{\"a\": [{}, {\"b\": 1, \"c\": 2, \"b\": 3}]}"));
    }

    @Test
    void refusesADuplicateFieldInAStreamedObject() throws JsonReadException {
        StrictJsonReader in = StrictJsonReader.of("{\"rules\": [], \"rules\": []}", LIMITS);
        in.beginObject();
        in.nextName();
        in.nextTree();

        assertEquals("$.rules: duplicate field \"rules\"",
                assertThrows(JsonReadException.class, in::nextName).problem());
    }

    @Test
    void quotesAFieldNameThatWouldSplitTheProblemsLine() {
        assertEquals("$[\"a\\nb\"]: duplicate field \"a\\nb\"", problem("{\"a\\nb\": 1, \"a\\nb\": 2}"));
    }

    @Test
    void refusesAnUnpairedSurrogateInTextNamingItsPath() {
        assertEquals("$: not valid Unicode (an unpaired surrogate)", problem("\"a\\ud800b\""));
    }

    @Test
    void namesTheUnpairedSurrogatesPathInTextAndInBytesAlike() {
        String json = "{\"k\": [\"ok\", \"\\udc00\"]}";
        String expected = "$.k[1]: not valid Unicode (an unpaired surrogate)";

        assertEquals(expected, problem(json));
        assertEquals(expected, problem(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesAnUnpairedSurrogateThatTextHoldsUnescaped() {
        assertEquals("$[0]: not valid Unicode (an unpaired surrogate)", problem("[\"a\ud800b\"]"));
    }

    @Test
    void refusesAFieldNameWithAnUnpairedSurrogateNamingTheObjectItIsIn() {
        assertEquals("$.a: a field name is not valid Unicode (an unpaired surrogate)",
                problem("{\"a\": {\"b\": 1, \"c\\ud800\": 2}}"));
    }

    @Test
    void refusesNestingDeeperThanTheLimitNamingWhere() {
        assertEquals("$.a[0][0][0][0][0][0][0]: nested deeper than 8 levels of objects and arrays",
                problem("{\"a\": [[[[[[[[]]]]]]]]}"));
    }

    @Test
    void acceptsNestingUpToTheLimit() throws JsonReadException {
        StrictJson.parse("{\"a\": [[[[[[[]]]]]]]}", LIMITS);
    }

    @Test
    void acceptsNestingBeyondGsonsOwnDefaultLimitWhenTheLimitsAllowIt() throws JsonReadException {
        StrictJson.parse("[".repeat(300) + "]".repeat(300), JsonLimits.of(1 << 20, 300));
    }

    @Test
    void refusesDeepNestingWithoutOverflowingTheStack() {
        assertEquals("$[0][0][0][0][0][0][0][0]: nested deeper than 8 levels of objects and arrays",
                problem("[".repeat(1_000_000)));
    }

    @Test
    void refusesInputOverTheLimitCountingBytesOfUtf8() {
        JsonLimits small = JsonLimits.of(10, 8);
        String elevenBytes = "\"\u00e9\u00e9\u00e9\u00e9\"  "; // 4 two-byte characters, quotes and two spaces

        assertEquals("input is larger than the limit of 10 bytes",
                assertThrows(JsonReadException.class, () -> StrictJson.parse(elevenBytes, small)).problem());
        assertEquals("input is larger than the limit of 10 bytes", assertThrows(JsonReadException.class,
                () -> StrictJson.parse(elevenBytes.getBytes(StandardCharsets.UTF_8), small)).problem());
    }

    @Test
    void refusesBytesThatAreNotUtf8NamingTheFirstBadOne() {
        int[][] notUtf8 = {{0xC0, 0xAF}, {0xE0, 0x80, 0xAF}, {0xED, 0xA0, 0x80}, {0xF4, 0x90, 0x80, 0x80}, {0xFF},
            {0x80}, {0xE4, 0xB8}};
        for (int[] sequence : notUtf8) {
            assertEquals("invalid UTF-8 at byte offset 7", problem(bytes("{\"k\": \"", sequence, "\"}")));
        }
        assertEquals("invalid UTF-8 at byte offset 7", problem(bytes("{\"k\": \"", new int[] {0xE4, 0xB8}, "")));
    }

    @Test
    void readsABufferFromItsPositionInPlaceLeavingThePositionAlone() throws Exception {
        ByteBuffer buffer = ByteBuffer.wrap("xx{\"a\": [1, \"\u00e9\"]}".getBytes(StandardCharsets.UTF_8)).position(2);
        StrictJsonReader reader = StrictJsonReader.of(buffer.asReadOnlyBuffer(), LIMITS);

        assertEquals(JsonParser.parseString("{\"a\": [1, \"\u00e9\"]}"), reader.nextTree());
        reader.endDocument();
        assertEquals(2, buffer.position());
    }

    @Test
    void badUtf8InABufferIsPlacedFromItsPosition() {
        ByteBuffer buffer = ByteBuffer.wrap(bytes("xx{\"k\": \"", new int[] {0xFF}, "\"}")).position(2);

        assertEquals("invalid UTF-8 at byte offset 7", assertThrows(JsonReadException.class,
                () -> StrictJsonReader.of(buffer, LIMITS).nextTree()).problem());
    }

    @Test
    void badUtf8OutranksAProblemBeforeIt() {
        assertEquals("invalid UTF-8 at byte offset 23",
                problem(bytes("{\"a\": 1, \"a\": 2, \"b\": \"", new int[] {0xFF}, "\"}")));
        assertEquals("invalid UTF-8 at byte offset 14", problem(bytes("{\"a\": 1 \"b\": \"", new int[] {0xFF}, "\"}")));
    }

    @Test
    void refusesLenientSyntaxAtItsLineAndColumn() {
        assertEquals("invalid JSON at line 1 column 2: " + NOT_STRICT, problem("{a: 1}"));
        assertEquals("invalid JSON at line 1 column 7: " + NOT_STRICT, problem("{\"a\": 'b'}"));
        assertEquals("invalid JSON at line 2 column 3: " + NOT_STRICT, problem("{\n  // comment\n}"));
        assertEquals("invalid JSON at line 1 column 6: " + NOT_STRICT, problem("{\"a\": NaN}"));
        assertEquals("invalid JSON at line 1 column 6: " + NOT_STRICT, problem("{\"a\": 01}"));
        assertEquals("invalid JSON at line 1 column 4: " + NOT_STRICT, problem("{} []"));
    }

    @Test
    void namesTheLineAndColumnOfASyntaxError() {
        assertEquals("invalid JSON at line 3 column 7: expected ':'", problem("{\n  \"a\": 1,\n  \"b\" 2\n}"));
        assertEquals("invalid JSON at line 1 column 9: unterminated object", problem("{\"a\": 1 \"b\": 2}"));
        assertEquals("invalid JSON at line 1 column 8: unexpected end of input", problem("{\"a\": 1"));
    }

    @Test
    void refusesAControlCharacterInAString() {
        assertEquals("invalid JSON at line 1 column 7: unescaped control characters (\\u0000-\\u001F) are not allowed"
                + " in strict mode", problem("{\"k\": \"a\u0001b\"}"));
    }

    @Test
    void aProblemStaysOnOneLineWhenTheTextItQuotesHoldsALineBreak() {
        assertEquals("invalid JSON at line 1 column 4: malformed Unicode escape \\u1\\n23", problem("[\"\\u1\n23\"]"));
    }

    @Test
    void refusesAnEmptyDocument() {
        assertEquals("invalid JSON at line 1 column 1: unexpected end of input", problem(""));
    }

    @Test
    void refusesAStreamedDocumentWithTrailingData() throws IOException, JsonReadException {
        StrictJsonReader in = StrictJsonReader.of("[] x", LIMITS);
        in.nextTree();

        assertEquals("invalid JSON at line 1 column 4: " + NOT_STRICT,
                assertThrows(JsonReadException.class, in::endDocument).problem());
    }
}
