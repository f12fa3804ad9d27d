package io.ossenforcer.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.internal.LazilyParsedNumber;
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
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads untrusted JSON into a Gson tree: strict RFC 8259 syntax, strict UTF-8, no duplicate field names, and bounded
 * size and nesting. Checked and built in one streaming pass, without Gson's tree parser, whose type adapters a cold
 * start would otherwise load.
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

    /**
     * One streaming pass that checks the text and builds the tree as it goes: a problem stops the pass before the rest
     * of a hostile document is read, and valid input, the usual case, is read once.
     */
    private static JsonElement parseChecked(String json, JsonLimits limits) throws JsonReadException {
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        // The open objects and arrays, innermost first; the size is the current depth.
        Deque<Container> open = new ArrayDeque<>();
        JsonElement root = null;
        try {
            do {
                JsonToken token = reader.peek();
                switch (token) {
                    case BEGIN_OBJECT:
                        root = opening(open, new JsonObject(), limits);
                        reader.beginObject();
                        break;
                    case BEGIN_ARRAY:
                        root = opening(open, new JsonArray(), limits);
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
                        root = value(open, new JsonPrimitive(reader.nextBoolean()));
                        break;
                    case NULL:
                        reader.nextNull();
                        root = value(open, JsonNull.INSTANCE);
                        break;
                    case NUMBER:
                        // As Gson's own tree holds a number: its text, converted only when asked for.
                        root = value(open, new JsonPrimitive(new LazilyParsedNumber(reader.nextString())));
                        break;
                    default:
                        root = value(open, new JsonPrimitive(reader.nextString()));
                        break;
                }
            } while (!open.isEmpty());
            reader.peek(); // anything after the top-level value is a syntax error in strict mode
        } catch (IOException e) {
            throw new JsonReadException(describeSyntaxError(e));
        }
        return root;
    }

    /**
     * Adds the object or array about to open to its parent and makes it the innermost open one, refused when it would
     * nest too deep. Returns the outermost value, which is this one at the top level.
     */
    private static JsonElement opening(Deque<Container> open, JsonElement opened, JsonLimits limits)
            throws JsonReadException {
        Container container = new Container(open.peek(), opened);
        if (open.size() == limits.maxDepth()) {
            throw new JsonReadException(
                    container.path() + ": nested deeper than " + limits.maxDepth() + " levels of objects and arrays");
        }
        JsonElement outermost = value(open, opened);
        open.push(container);
        return outermost;
    }

    /** Adds a value to the innermost open object or array; returns the outermost value read so far. */
    private static JsonElement value(Deque<Container> open, JsonElement value) {
        if (open.isEmpty()) {
            return value;
        }
        open.element().add(value);
        return open.getLast().element;
    }

    /**
     * An open object (with the name of the field being read) or array (with the index of its next element). Paths are
     * built here rather than taken from Gson's reader, which writes names raw: a hostile name with a line break would
     * forge a line of the problem report. A path is only built for a problem: valid input, the usual case, never
     * needs one.
     */
    private static final class Container {
        private final Container parent; // null for the top-level value
        private final String nameInParent; // when the parent is an object
        private final int indexInParent; // when the parent is an array
        private final JsonElement element;
        private String name = "";

        Container(Container parent, JsonElement element) {
            this.parent = parent;
            this.nameInParent = parent == null ? "" : parent.name;
            this.indexInParent = parent == null || parent.isObject() ? -1 : parent.element.getAsJsonArray().size();
            this.element = element;
        }

        private boolean isObject() {
            return element.isJsonObject();
        }

        String path() {
            if (parent == null) {
                return "$";
            }
            return parent.isObject() ? Fields.child(parent.path(), nameInParent)
                    : Fields.element(parent.path(), indexInParent);
        }

        void name(String fieldName) throws JsonReadException {
            if (element.getAsJsonObject().has(fieldName)) {
                throw new JsonReadException(Fields.child(path(), fieldName) + ": duplicate field "
                        + Problems.quote(fieldName));
            }
            name = fieldName;
        }

        void add(JsonElement value) {
            if (isObject()) {
                element.getAsJsonObject().add(name, value);
            } else {
                element.getAsJsonArray().add(value);
            }
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
