package io.ossenforcer.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The byte reader behind {@link StrictJson} against the Gson-based reading it replaced ({@link GsonStrictJsonOracle}):
 * every JSON file of the project and seeded mutations of each, through both entry points (bytes and String). Both
 * must accept or refuse alike; accepted input must give equal trees, numbers with the same text; refused input the
 * same message, except for the deliberate differences listed in {@link #expectedMessage} and tested apart below.
 */
class StrictJsonDifferentialTest {
    private static final long SEED = 20261127L;
    private static final int MUTANTS_PER_FILE = 330;
    private static final List<String> FULLY_TRUNCATED =
            List.of("events/put-object.json", "events/multi-record.json", "test-fixtures/rules/valid/demo.json");
    private static final JsonLimits LIMITS = JsonLimits.of(1 << 20, 24);
    private static final JsonLimits TIGHT_LIMITS = JsonLimits.of(700, 4);
    /** Gson's raw message, which the oracle passed on whole when a line break kept it from matching its pattern. */
    private static final Pattern RAW_GSON_MESSAGE =
            Pattern.compile("invalid JSON: (.*?) at line (\\d+) column (\\d+) path .*", Pattern.DOTALL);

    private static final Pattern CONTROL_CHARACTER = Pattern.compile(
            "invalid JSON at line (\\d+) column (\\d+): unescaped control characters \\(.*");

    private static final String[] STRUCTURE = {"\"", "\\", "{", "}", "[", "]", ":", ",", " ", "\n", "\r\n", "\t",
        "\f", ";", "=", "=>", "/* c */", "// c\n", "#", "'a'", "/", "x", "\u00e9", "\u20ac", "\ud83d\ude00", "\u2028",
        " trailing", "{}", "[]", ""};
    private static final String[] VALUES = {"0", "-0", "1", "-1", "01", "-01", "00", "1e5", "1E+5", "1e-5", "1E5",
        ".5", "1.", "-", "1e", "1e+", "1.5e", "+1", "0x1F", "1.0", "1.25e-7", "-0.0", "1e999999", "-1e-999999",
        "123456789012345678901234567890", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "-9223372036854775809", "1.2.3", "1e5e5", "1-2", "--1", "1x", "1/", "1;", "1#", "1=", "1\\", "1\f",
        "NaN", "-NaN", "Infinity", "-Infinity", "true", "false", "null", "TRUE", "True", "tRue", "nul", "tru", "truex",
        "true/", "nullnull", "\"\"", "\"a\"", "\"\\u0041\"", "\"\\u00e9\\uD83D\\uDE00\"", "\"\\uD800\"", "\"\\uDC00x\"",
        "\"\\u12\"", "\"\\u12", "\"\\uZZZZ\"", "\"\\u00G0\"", "\"\\u\"", "\"\\x\"", "\"\\'\"", "\"\\\n\"", "\"\\/\"",
        "\"\\b\\f\\n\\r\\t\\\"\\\\\"", "\"a\u0000b\"", "\"a\u001fb\"", "\"a\u007fb\"", "\"a\tb\"", "\"\\u1\n23\"",
        "\"\\u1\u202823\"", "\"\\u12\ud83d\ude00\"", "\"\\u123\ud83d\ude00\"", "\"\\\u00e9\"", "\"\\\ud83d\ude00\"",
        "'single'", "\"unterminated", "{\"a\":1,\"a\":2}", "{\"a\":{\"b\":[1,{\"b\":1,\"b\":2}]}}",
        "{\"a\\u2028b\":x}", "{\"a\\rb\":1,\"a\\rb\":2}", "{\"x\":1,}", "[1,]", "[,1]", "[1 2]", "{\"a\" 1}",
        "{\"a\"=1}", "{a:1}", "{'a':1}", "{\"a\":}", "[", "{", "]", "}", "[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]",
        "{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{}}}}}}", digits(1023), digits(1024), "-" + digits(1023), "1." + digits(1100),
        "\"\\u0000\"", "\"\ud83d\ude00\u00e9\u20ac\"", "[1e5,-0,0.5,1E+5,-1.5e-5]"};
    /** String content good and bad: escapes, control characters, non-BMP characters, a quote. */
    private static final String[] INVALID_CONTENT = {"\\u12", "\\uXYZW", "\\u", "\\", "\\q", "\\'", "\\\n",
        "\\0", "\u0001", "\u001f", "\t", "\n", "\"", "a\\u1\u00e9\u00e9", "\\u12\ud83d\ude00", "\\\u00e9"};
    /** Values that are valid, so that mutants with them are accepted and their trees compared. */
    private static final String[] VALID_VALUES = {"0", "-0", "1e5", "1E+5", "-1.25e-7", "0.5", "1e999999",
        "123456789012345678901234567890", "-9223372036854775808", "9223372036854775808", "true", "false", "null",
        "\"\"", "\"\\u00e9\\uD83D\\uDE00\\u0000\"", "\"\\uD800 lone\"", "\"\\uDC00\"",
        "\"\\b\\f\\n\\r\\t\\\"\\\\\\/\"", "\"\u00e9\u20ac\ud83d\ude00\u2028\u007f\"", "[]", "{}",
        "[1,[2,[3,{\"a\":[]}]]]", "{\"\":1,\"a b\":{\"\\u0000\":2}}", digits(1023), "1." + digits(1000)};
    /** String content that is valid, for the same reason. */
    private static final String[] VALID_CONTENT = {"\\u0041", "\\u00e9", "\\uD83D\\uDE00", "\\uD800",
        "\\uDFFF", "\\n", "\\\"", "\\\\", "\\/", "\ud83d\ude00", "\u00e9", "\u2028", "\u007f", "\ufeff",
        "plain ascii", "\u4e2d\u6587"};

    /** Byte sequences that UTF-8 forbids: overlong, encoded surrogates (CESU-8 too), above U+10FFFF, stray, cut. */
    private static final byte[][] INVALID_UTF8 = {bytes(0xC0, 0xAF), bytes(0xC1, 0xBF), bytes(0xE0, 0x80, 0xAF),
        bytes(0xF0, 0x80, 0x80, 0xAF), bytes(0xED, 0xA0, 0x80), bytes(0xED, 0xBF, 0xBF),
        bytes(0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80), bytes(0xF4, 0x90, 0x80, 0x80), bytes(0xF5, 0x80, 0x80, 0x80),
        bytes(0xFF), bytes(0xFE), bytes(0x80), bytes(0xBF), bytes(0xE4, 0xB8), bytes(0xF0, 0x9F, 0x98),
        bytes(0xC3), bytes(0xE2, 0x82, 0x41)};
    private static final byte[] BOM = bytes(0xEF, 0xBB, 0xBF);

    private int compared;
    private int rejected;
    private int placedAtTheControlCharacter;
    private int rawGsonMessageWorded;

    @Test
    void readsEveryProjectFileAndItsMutationsAsTheGsonReaderDid() throws IOException {
        Random random = new Random(SEED);
        List<Path> files = jsonFiles();
        assertTrue(files.size() > 50, "project JSON files found: " + files.size());
        for (Path file : files) {
            byte[] original = Files.readAllBytes(file);
            compare(original, LIMITS);
            if (FULLY_TRUNCATED.contains(file.toString().replace('\\', '/'))) {
                for (int length = 0; length < original.length; length++) {
                    compare(java.util.Arrays.copyOf(original, length), LIMITS);
                }
            }
            for (int i = 0; i < MUTANTS_PER_FILE; i++) {
                byte[] mutant = original;
                int mutations = random.nextInt(3) == 0 ? 2 : 1;
                for (int m = 0; m < mutations; m++) {
                    mutant = mutate(random, mutant);
                }
                compare(mutant, i % 25 == 0 ? TIGHT_LIMITS : LIMITS);
                if (i % 4 == 0) {
                    compare(withUnpairedSurrogate(random, new String(mutant, StandardCharsets.UTF_8)), LIMITS);
                }
            }
        }
        System.out.printf("StrictJsonDifferentialTest: %d inputs compared, %d refused by both; deliberately different:"
                + " %d control characters placed at their own column, %d raw Gson messages worded on one line%n",
                compared, rejected, placedAtTheControlCharacter, rawGsonMessageWorded);
        assertTrue(compared >= 20_000, "inputs compared: " + compared);
        assertTrue(rejected > compared / 2 && rejected < compared * 4 / 5, "a useful mix: " + rejected + " refused");
    }

    @Test
    void agreesOnHandPickedValuesInEveryPosition() {
        for (String value : VALUES) {
            for (String document : new String[] {value, "[" + value + "]", "{\"k\":" + value + "}",
                "[1,\n  " + value + "\n]", "\ufeff" + value, " " + value + " ", "{\"k\":[" + value + ",2]}"}) {
                compare(document.getBytes(StandardCharsets.UTF_8), LIMITS);
                compare(document, LIMITS);
            }
        }
        for (byte[] invalid : INVALID_UTF8) {
            compare(concat("[\"a".getBytes(StandardCharsets.UTF_8), invalid, "\"]".getBytes(StandardCharsets.UTF_8)),
                    LIMITS);
            compare(concat("[1,,".getBytes(StandardCharsets.UTF_8), invalid, "]".getBytes(StandardCharsets.UTF_8)),
                    LIMITS);
        }
    }

    // --- the deliberate differences, each pinned ---

    /**
     * Where Gson's message held a line terminator (a field name in its path, or the text of a malformed escape), the
     * oracle could not find the location in it and passed Gson's whole message on, line breaks, JSON path and link
     * included. The byte reader words these like every other problem, on one line, at the same line and column.
     */
    @Test
    void wordsAProblemWhoseGsonMessageHeldALineBreakLikeAnyOther() throws JsonReadException {
        String nameWithLineSeparator = "{\"a\\u2028b\":x}";
        assertTrue(oracleProblem(nameWithLineSeparator).startsWith("invalid JSON: Use JsonReader.setStrictness"));
        assertEquals("invalid JSON at line 1 column 12: not strict JSON (no comments, single quotes, unquoted names,"
                + " NaN, leading zeros or trailing data)", problem(nameWithLineSeparator));

        String escapeWithLineBreak = "[\"\\u1\n23\"]";
        assertTrue(oracleProblem(escapeWithLineBreak).startsWith("invalid JSON: Malformed Unicode escape \\u1\n23"));
        assertEquals("invalid JSON at line 1 column 4: malformed Unicode escape \"\\\\u1\\n23\"",
                problem(escapeWithLineBreak));
    }

    /**
     * Gson named the column where the string's current run of plain characters began (after its opening quote, its
     * last escape, or wherever its 1,024-character buffer happened to be refilled); the byte reader names the control
     * character's own.
     */
    @Test
    void placesAControlCharacterInAStringAtItsOwnColumn() {
        String json = "{\"k\": \"ab\\ncd\u0001ef\"}";
        assertEquals("invalid JSON at line 1 column 11: unescaped control characters (\\u0000-\\u001F) are not"
                + " allowed in strict mode", oracleProblem(json));
        assertEquals("invalid JSON at line 1 column 14: unescaped control characters (\\u0000-\\u001F) are not"
                + " allowed in strict mode", problem(json));
    }

    /**
     * Gson tells a leading zero by the integer read so far being 0, which also holds after a long run of digits wraps
     * around to a multiple of 2^64: it refused such a number; the byte reader reads it, as RFC 8259 allows.
     */
    @Test
    void readsAnIntegerWhoseDigitsWrapALongToZero() throws JsonReadException {
        String twoToThe64Times10 = "[184467440737095516160]";
        assertTrue(oracleProblem(twoToThe64Times10).contains("not strict JSON"));
        assertEquals("184467440737095516160",
                StrictJson.parse(twoToThe64Times10, LIMITS).getAsJsonArray().get(0).getAsString());
    }

    // --- comparison ---

    private void compare(byte[] input, JsonLimits limits) {
        compare(String.valueOf(input.length), () -> GsonStrictJsonOracle.parse(input, limits),
                () -> StrictJson.parse(input, limits), input);
    }

    private void compare(String input, JsonLimits limits) {
        compare(String.valueOf(input.length()), () -> GsonStrictJsonOracle.parse(input, limits),
                () -> StrictJson.parse(input, limits), input);
    }

    private interface Read {
        JsonElement read() throws JsonReadException;
    }

    private void compare(String size, Read oracle, Read reader, Object input) {
        compared++;
        Object expected = outcome(oracle);
        Object actual = outcome(reader);
        if (expected instanceof JsonElement) {
            if (!(actual instanceof JsonElement)) {
                fail("the oracle accepts, the byte reader says " + actual + ", for " + shown(input));
            }
            assertEquals(expected, actual, () -> "trees differ for " + shown(input));
            assertSameNumberText((JsonElement) expected, (JsonElement) actual, input);
            return;
        }
        rejected++;
        String expectedMessage = expectedMessage((String) expected, String.valueOf(actual), input);
        if (CONTROL_CHARACTER.matcher((String) expected).matches() && !expected.equals(actual)) {
            placedAtTheControlCharacter++;
        } else if (RAW_GSON_MESSAGE.matcher((String) expected).matches()) {
            rawGsonMessageWorded++;
        }
        assertEquals(expectedMessage, actual, () -> "for " + size + " bytes/chars: " + shown(input));
    }

    /**
     * The message the byte reader must give where the oracle gave {@code oracleMessage}: the same, except where the
     * oracle passed Gson's raw message on (see {@link #wordsAProblemWhoseGsonMessageHeldALineBreakLikeAnyOther}) and
     * for a control character in a string (see {@link #placesAControlCharacterInAStringAtItsOwnColumn}).
     */
    private static String expectedMessage(String oracleMessage, String actualMessage, Object input) {
        Matcher control = CONTROL_CHARACTER.matcher(oracleMessage);
        if (control.matches()) {
            Matcher actual = CONTROL_CHARACTER.matcher(actualMessage);
            boolean pointsAtIt = actual.matches() && actual.group(1).equals(control.group(1))
                    && Integer.parseInt(actual.group(2)) >= Integer.parseInt(control.group(2))
                    && charAt(input, Integer.parseInt(actual.group(1)), Integer.parseInt(actual.group(2))) < 0x20;
            return pointsAtIt ? actualMessage : oracleMessage + " (the byte reader must name the same line, and the"
                    + " column of the control character itself)";
        }
        Matcher raw = RAW_GSON_MESSAGE.matcher(oracleMessage);
        if (!raw.matches()) {
            return oracleMessage;
        }
        String reason = raw.group(1);
        int column = Math.max(1, Integer.parseInt(raw.group(3)) - 1);
        String worded;
        if (reason.startsWith("End of input")) {
            column = Integer.parseInt(raw.group(3));
            worded = "unexpected end of input";
        } else if (reason.startsWith("Malformed Unicode escape ")) {
            worded = "malformed Unicode escape " + Problems.quote(reason.substring("Malformed Unicode escape ".length()));
        } else if (reason.startsWith("Use JsonReader.setStrictness")) {
            worded = "not strict JSON (no comments, single quotes, unquoted names, NaN, leading zeros or trailing data)";
        } else {
            worded = reason.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + reason.substring(1);
        }
        return "invalid JSON at line " + raw.group(2) + " column " + column + ": " + worded;
    }

    /** The UTF-16 unit at a line and column as Gson counts them (columns on line 1 start after a byte order mark). */
    private static char charAt(Object input, int line, int column) {
        String text = input instanceof byte[] ? new String((byte[]) input, StandardCharsets.UTF_8) : (String) input;
        int lineStart = text.startsWith("\ufeff") ? 1 : 0;
        for (int l = 1; l < line; l++) {
            lineStart = text.indexOf('\n', lineStart) + 1;
        }
        return text.charAt(lineStart + column - 1);
    }

    private static Object outcome(Read read) {
        try {
            return read.read();
        } catch (JsonReadException e) {
            return e.problem();
        }
    }

    /** Equal Gson numbers may be written differently (1.0, 1); the tree keeps the text, so must the reader. */
    private static void assertSameNumberText(JsonElement expected, JsonElement actual, Object input) {
        if (expected.isJsonPrimitive()) {
            JsonPrimitive e = expected.getAsJsonPrimitive();
            JsonPrimitive a = actual.getAsJsonPrimitive();
            assertEquals(e.isNumber(), a.isNumber(), () -> "kind of " + e + " in " + shown(input));
            assertEquals(e.isString(), a.isString(), () -> "kind of " + e + " in " + shown(input));
            assertEquals(e.getAsString(), a.getAsString(), () -> "text of " + e + " in " + shown(input));
        } else if (expected.isJsonArray()) {
            for (int i = 0; i < expected.getAsJsonArray().size(); i++) {
                assertSameNumberText(expected.getAsJsonArray().get(i), actual.getAsJsonArray().get(i), input);
            }
        } else if (expected.isJsonObject()) {
            for (Map.Entry<String, JsonElement> field : expected.getAsJsonObject().entrySet()) {
                assertSameNumberText(field.getValue(), actual.getAsJsonObject().get(field.getKey()), input);
            }
        }
    }

    private static String oracleProblem(String json) {
        return (String) outcome(() -> GsonStrictJsonOracle.parse(json, LIMITS));
    }

    private static String problem(String json) {
        return (String) outcome(() -> StrictJson.parse(json, LIMITS));
    }

    private static String shown(Object input) {
        String text = input instanceof byte[] ? new String((byte[]) input, StandardCharsets.ISO_8859_1) + " (as Latin-1)"
                : (String) input;
        return text.length() > 3000 ? text.substring(0, 3000) + "..." : text;
    }

    // --- mutations ---

    private static byte[] mutate(Random random, byte[] in) {
        int at = in.length == 0 ? 0 : random.nextInt(in.length + 1);
        switch (random.nextInt(20)) {
            case 0:
                return replace(in, at, 1, new byte[] {(byte) random.nextInt(256)});
            case 1:
                return replace(in, at, 1, new byte[] {(byte) (at < in.length ? in[at] ^ 1 << random.nextInt(8) : 0)});
            case 2:
                return java.util.Arrays.copyOf(in, random.nextInt(in.length + 1));
            case 3:
                return replace(in, at, 1 + random.nextInt(8), new byte[0]);
            case 4:
                return replace(in, at, 0, utf8(STRUCTURE[random.nextInt(STRUCTURE.length)]));
            case 5:
                return replace(in, at, 0, new byte[] {(byte) (random.nextInt(8) == 0 ? 0x7F : random.nextInt(0x20))});
            case 6:
                return replace(in, at, 0, INVALID_UTF8[random.nextInt(INVALID_UTF8.length)]);
            case 7:
                return random.nextInt(4) == 0 ? concat(BOM, in) : replace(in, at, 0, BOM);
            case 8:
            case 9:
                return replacedValue(random, in, VALUES);
            case 10:
                return insertedInString(random, in, INVALID_CONTENT);
            case 11:
                return nested(random, in);
            case 12:
            case 13:
            case 14:
                return insertedInString(random, in, VALID_CONTENT);
            default:
                return replacedValue(random, in, VALID_VALUES);
        }
    }

    /** The scalar after a random colon (a field's value) replaced by one of {@link #VALUES}. */
    private static byte[] replacedValue(Random random, byte[] in, String[] values) {
        List<Integer> colons = positionsOf(in, (byte) ':');
        if (colons.isEmpty()) {
            return concat(in, utf8(values[random.nextInt(values.length)]));
        }
        int start = colons.get(random.nextInt(colons.size())) + 1;
        while (start < in.length && (in[start] == ' ' || in[start] == '\n')) {
            start++;
        }
        int stop = start;
        if (stop < in.length && in[stop] == '"') {
            stop++;
            while (stop < in.length && in[stop] != '"') {
                stop += in[stop] == '\\' ? 2 : 1;
            }
            stop = Math.min(in.length, stop + 1);
        } else {
            while (stop < in.length && ",}] \n".indexOf(in[stop]) < 0 && in[stop] != '{' && in[stop] != '[') {
                stop++;
            }
        }
        return replace(in, start, stop - start, utf8(values[random.nextInt(values.length)]));
    }

    /** Content inserted just after a random quote, mostly into a string (or, after a closing quote, outside one). */
    private static byte[] insertedInString(Random random, byte[] in, String[] contents) {
        List<Integer> quotes = positionsOf(in, (byte) '"');
        // Every other quote opens a string, unless the document escapes one.
        int at = quotes.isEmpty() ? 0 : quotes.get(random.nextInt((quotes.size() + 1) / 2) * 2) + 1;
        if (contents == INVALID_CONTENT && random.nextInt(5) == 0) {
            return replace(in, at, 0, INVALID_UTF8[random.nextInt(INVALID_UTF8.length)]);
        }
        return replace(in, at, 0, utf8(contents[random.nextInt(contents.length)]));
    }

    /** The document wrapped in arrays or objects, around the depth limits. */
    private static byte[] nested(Random random, byte[] in) {
        int levels = 1 + random.nextInt(26);
        boolean objects = random.nextBoolean();
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            open.append(objects ? "{\"n\":" : "[");
            close.append(objects ? "}" : "]");
        }
        return concat(utf8(open.toString()), in, utf8(close.toString()));
    }

    /** Java strings can hold what UTF-8 cannot: an unpaired surrogate, here put in at random. */
    private static String withUnpairedSurrogate(Random random, String s) {
        if (random.nextBoolean()) {
            return s;
        }
        int at = random.nextInt(s.length() + 1);
        int quote = s.indexOf('"', at);
        int where = quote >= 0 && random.nextInt(4) > 0 ? quote + 1 : at;
        char surrogate = random.nextBoolean() ? '\ud800' : '\udfff';
        return s.substring(0, where) + surrogate + s.substring(where);
    }

    private static List<Integer> positionsOf(byte[] in, byte b) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < in.length; i++) {
            if (in[i] == b) {
                positions.add(i);
            }
        }
        return positions;
    }

    private static byte[] replace(byte[] in, int at, int length, byte[] with) {
        int from = Math.min(at, in.length);
        int to = Math.min(in.length, from + length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + with.length);
        out.write(in, 0, from);
        out.write(with, 0, with.length);
        out.write(in, to, in.length - to);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part, 0, part.length);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static String digits(int count) {
        StringBuilder s = new StringBuilder("1");
        while (s.length() < count) {
            s.append((char) ('0' + s.length() % 10));
        }
        return s.toString();
    }

    private static List<Path> jsonFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String root : new String[] {"test-fixtures", "events"}) {
            try (Stream<Path> walk = Files.walk(Path.of(root))) {
                files.addAll(walk.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList()));
            }
        }
        assertFalse(files.isEmpty());
        return files;
    }
}
