package io.ossenforcer.json;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads untrusted JSON into a Gson tree: strict RFC 8259 syntax, strict UTF-8, no duplicate field names, and bounded
 * size and nesting. The structure is checked with a streaming pass first, so a hostile document is refused before
 * any tree is built from it.
 */
public final class StrictJson {
    private static final Pattern GSON_LOCATION =
            Pattern.compile("(.*?) at line (\\d+) column (\\d+) path .*");

    private StrictJson() {
    }

    /** Reads UTF-8 bytes, as a file or Function Compute hands them over. */
    public static JsonElement parse(byte[] utf8, JsonLimits limits) throws JsonReadException {
        if (utf8.length > limits.maxBytes()) {
            throw tooLarge(limits);
        }
        return parseChecked(decodeUtf8(utf8), limits);
    }

    public static JsonElement parse(String json, JsonLimits limits) throws JsonReadException {
        if (utf8Length(json, limits.maxBytes()) > limits.maxBytes()) {
            throw tooLarge(limits);
        }
        return parseChecked(json, limits);
    }

    private static JsonReadException tooLarge(JsonLimits limits) {
        return new JsonReadException("input is larger than the limit of " + limits.describeMaxBytes());
    }

    /** Counts UTF-8 bytes, stopping as soon as the count passes {@code max}: the caller only needs to know that much. */
    private static long utf8Length(String s, int max) {
        long bytes = 0;
        for (int i = 0; i < s.length() && bytes <= max; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static String decodeUtf8(byte[] bytes) throws JsonReadException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never needs more UTF-16 units than bytes, so the output cannot overflow.
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new JsonReadException("invalid UTF-8 at byte offset " + in.position());
        }
        out.flip();
        return out.toString();
    }

    private static JsonElement parseChecked(String json, JsonLimits limits) throws JsonReadException {
        checkStructure(json, limits);
        // The text is now known to be strict, shallow JSON without duplicate names: Gson's tree builder is safe on it.
        return JsonParser.parseString(json);
    }

    private static void checkStructure(String json, JsonLimits limits) throws JsonReadException {
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        // The open objects and arrays, innermost first; the size is the current depth.
        Deque<Container> open = new ArrayDeque<>();
        try {
            do {
                JsonToken token = reader.peek();
                switch (token) {
                    case BEGIN_OBJECT:
                        open.push(opening(open, true, limits));
                        reader.beginObject();
                        break;
                    case BEGIN_ARRAY:
                        open.push(opening(open, false, limits));
                        reader.beginArray();
                        break;
                    case END_OBJECT:
                        reader.endObject();
                        open.pop();
                        break;
                    case END_ARRAY:
                        reader.endArray();
                        open.pop();
                        break;
                    case NAME:
                        open.element().name(reader.nextName());
                        break;
                    case BOOLEAN:
                        skipPrimitive(open);
                        reader.nextBoolean();
                        break;
                    case NULL:
                        skipPrimitive(open);
                        reader.nextNull();
                        break;
                    default:
                        skipPrimitive(open);
                        reader.nextString(); // strings and numbers: reading checks escapes and number syntax
                        break;
                }
            } while (!open.isEmpty());
            reader.peek(); // anything after the top-level value is a syntax error in strict mode
        } catch (IOException e) {
            throw new JsonReadException(describeSyntaxError(e));
        }
    }

    /** The object or array about to open, refused when it would nest too deep. */
    private static Container opening(Deque<Container> open, boolean object, JsonLimits limits)
            throws JsonReadException {
        Container opened = new Container(open.peek(), object);
        if (open.size() == limits.maxDepth()) {
            throw new JsonReadException(
                    opened.path() + ": nested deeper than " + limits.maxDepth() + " levels of objects and arrays");
        }
        return opened;
    }

    private static void skipPrimitive(Deque<Container> open) {
        if (!open.isEmpty()) {
            open.element().skipValue();
        }
    }

    /**
     * An open object (with the names seen so far) or array (with the index of its next element). Paths are built
     * here rather than taken from Gson's reader, which writes names raw: a hostile name with a line break would
     * forge a line of the problem report. A path is only built for a problem: valid input, the usual case, never
     * needs one.
     */
    private static final class Container {
        private final Container parent; // null for the top-level value
        private final String nameInParent; // when the parent is an object
        private final int indexInParent; // when the parent is an array
        private final Set<String> names; // null for an array
        private String name = "";
        private int nextIndex;

        Container(Container parent, boolean object) {
            this.parent = parent;
            this.nameInParent = parent == null ? "" : parent.name;
            this.indexInParent = parent == null ? 0 : parent.takeIndex();
            this.names = object ? new HashSet<>() : null;
        }

        String path() {
            if (parent == null) {
                return "$";
            }
            return parent.names == null ? Fields.element(parent.path(), indexInParent)
                    : Fields.child(parent.path(), nameInParent);
        }

        void name(String fieldName) throws JsonReadException {
            name = fieldName;
            if (!names.add(fieldName)) {
                throw new JsonReadException(Fields.child(path(), fieldName) + ": duplicate field "
                        + Problems.quote(fieldName));
            }
        }

        /** The index of the value being read, for an array; a value read inside an object has none. */
        private int takeIndex() {
            return names == null ? nextIndex++ : -1;
        }

        void skipValue() {
            takeIndex();
        }
    }

    /** Gson's messages carry a location and a link to its troubleshooting guide: keep the location, reword the rest. */
    private static String describeSyntaxError(IOException e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        Matcher m = GSON_LOCATION.matcher(newline < 0 ? message : message.substring(0, newline));
        if (!m.matches()) {
            return "invalid JSON: " + message;
        }
        String reason = m.group(1);
        int column = Integer.parseInt(m.group(3));
        if (!isEndOfInput(reason)) {
            column = Math.max(1, column - 1); // Gson counts the offending character as already read
        }
        return "invalid JSON at line " + m.group(2) + " column " + column + ": " + reason(reason);
    }

    private static boolean isEndOfInput(String gsonReason) {
        return gsonReason.startsWith("End of input");
    }

    private static String reason(String gsonReason) {
        if (gsonReason.startsWith("Use JsonReader.setStrictness")) {
            return "not strict JSON (no comments, single quotes, unquoted names, NaN, leading zeros or trailing data)";
        }
        if (isEndOfInput(gsonReason)) {
            return "unexpected end of input";
        }
        return gsonReason.substring(0, 1).toLowerCase(Locale.ROOT) + gsonReason.substring(1);
    }
}
