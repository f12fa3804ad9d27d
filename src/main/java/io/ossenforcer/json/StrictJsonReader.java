package io.ossenforcer.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.ToNumberPolicy;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Untrusted JSON, read with Gson's {@link JsonReader} in strict mode (RFC 8259: no comments, single quotes, unquoted
 * names, NaN, trailing data or unpaired surrogates) plus the checks Gson leaves out: strict UTF-8, no duplicate field
 * names, a size limit and a nesting limit. Every problem is a {@link JsonReadException} worded for people: a syntax
 * error names its line and column; a string that is not valid Unicode, and the other checks, name the JSON path.
 *
 * <p>A caller reads the whole document as one tree ({@link StrictJson}), or streams through its outer levels and
 * takes each inner value as a tree of its own ({@link #nextTree}), so that a large document is never held whole.
 */
public final class StrictJsonReader {
    private static final String NOT_STRICT =
            "not strict JSON (no comments, single quotes, unquoted names, NaN, leading zeros or trailing data)";
    /** Gson's message: what is wrong, where, then the path and a link to its troubleshooting guide. */
    private static final Pattern GSON_MESSAGE =
            Pattern.compile("(.*?) at line (\\d+) column (\\d+) path .*", Pattern.DOTALL);
    /**
     * How Gson's strict reader (2.15 on) refuses a string or name holding an unpaired surrogate, which only a JSON
     * escape or text not decoded from UTF-8 can hold, once it has read it whole. The message is all that tells this
     * refusal from the others; it is reworded by JSON path, as every problem with a value is.
     */
    private static final String GSON_UNPAIRED_SURROGATE = "Unpaired surrogate characters are not allowed";
    private static final String NOT_UNICODE = "not valid Unicode (an unpaired surrogate)";

    private final JsonReader in;
    /** The document's bytes, when it came as bytes: checked for bad UTF-8 when there is a problem. */
    private final Optional<ByteBuffer> utf8;
    private final int maxDepth;
    /** The open objects and arrays, innermost first; the size is the current depth. */
    private final Deque<Scope> open = new ArrayDeque<>();

    private StrictJsonReader(Reader text, Optional<ByteBuffer> utf8, JsonLimits limits) {
        this.in = new JsonReader(text);
        this.in.setStrictness(Strictness.STRICT);
        // Gson (2.12 on) stops at 255 levels of its own; ours is checked first, so it must never be the lower one.
        this.in.setNestingLimit(limits.maxDepth());
        this.utf8 = utf8;
        this.maxDepth = limits.maxDepth();
    }

    /**
     * UTF-8 bytes, as a file or Function Compute hands them over, decoded as strictly as the JDK's decoder decodes
     * (no overlong forms, encoded surrogates, values above U+10FFFF or cut sequences).
     */
    public static StrictJsonReader of(byte[] utf8, JsonLimits limits) throws JsonReadException {
        return of(ByteBuffer.wrap(utf8), limits);
    }

    /**
     * UTF-8 bytes from the buffer's position to its limit, read in place (a read-only buffer too) rather than copied:
     * a document of megabytes held twice costs a small heap dearly. The buffer's own position is left as it is.
     */
    public static StrictJsonReader of(ByteBuffer utf8, JsonLimits limits) throws JsonReadException {
        if (utf8.remaining() > limits.maxBytes()) {
            throw tooLarge(limits);
        }
        ByteBuffer bytes = utf8.slice();
        Reader text = new InputStreamReader(inputStream(bytes.duplicate()), StandardCharsets.UTF_8.newDecoder());
        return new StrictJsonReader(text, Optional.of(bytes), limits);
    }

    /** The buffer's remaining bytes as a stream, for the JDK's decoding reader; the JDK has no such stream itself. */
    private static InputStream inputStream(ByteBuffer bytes) {
        return new InputStream() {
            @Override
            public int read() {
                return bytes.hasRemaining() ? bytes.get() & 0xff : -1;
            }

            @Override
            public int read(byte[] into, int offset, int length) {
                if (length == 0) {
                    return 0;
                }
                if (!bytes.hasRemaining()) {
                    return -1;
                }
                int n = Math.min(length, bytes.remaining());
                bytes.get(into, offset, n);
                return n;
            }
        };
    }

    /**
     * Text, its size counted in bytes of UTF-8. An unpaired surrogate in it, written as such or as an escape, is
     * refused by JSON path, as in bytes.
     */
    public static StrictJsonReader of(String json, JsonLimits limits) throws JsonReadException {
        if (utf8Length(json, limits.maxBytes()) > limits.maxBytes()) {
            throw tooLarge(limits);
        }
        return new StrictJsonReader(new StringReader(json), Optional.empty(), limits);
    }

    private static JsonReadException tooLarge(JsonLimits limits) {
        return new JsonReadException("input is larger than the limit of " + limits.describeMaxBytes());
    }

    /** Counts UTF-8 bytes, stopping once the count passes {@code max}: the caller only needs to know that much. */
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

    /**
     * A problem with the document. Bad UTF-8 anywhere in it outranks any other problem, as if the whole document had
     * been decoded before it was read: the one problem a person then fixes is the one that spoils the rest.
     */
    private JsonReadException problem(String message) {
        OptionalInt badByte = utf8.isPresent() ? firstMalformedByte(utf8.get()) : OptionalInt.empty();
        return badByte.isPresent()
                ? new JsonReadException("invalid UTF-8 at byte offset " + badByte.getAsInt())
                : new JsonReadException(message);
    }

    private static OptionalInt firstMalformedByte(ByteBuffer utf8) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder(); // reports malformed input by default
        ByteBuffer bytes = utf8.duplicate();
        CharBuffer chars = CharBuffer.allocate(8192);
        CoderResult result;
        do {
            chars.clear(); // only where decoding fails matters here
            result = decoder.decode(bytes, chars, true);
            if (result.isError()) {
                return OptionalInt.of(bytes.position());
            }
        } while (result.isOverflow());
        return OptionalInt.empty();
    }

    public JsonToken peek() throws JsonReadException {
        return gson(in::peek);
    }

    public boolean hasNext() throws JsonReadException {
        return gson(in::hasNext);
    }

    public void beginObject() throws JsonReadException {
        opening(new Scope(true));
        gsonStep(in::beginObject);
    }

    public void beginArray() throws JsonReadException {
        opening(new Scope(false));
        gsonStep(in::beginArray);
    }

    public void endObject() throws JsonReadException {
        gsonStep(in::endObject);
        open.pop();
    }

    public void endArray() throws JsonReadException {
        gsonStep(in::endArray);
        open.pop();
    }

    /** The next field's name in the innermost open object; refused when the object already has a field so named. */
    public String nextName() throws JsonReadException {
        String name;
        try {
            name = in.nextName();
        } catch (IOException e) {
            throw isUnpairedSurrogate(e)
                    ? problem(path(open.size() - 1) + ": a field name is " + NOT_UNICODE) // the name cannot be shown
                    : syntaxError(e);
        }
        Scope object = open.element();
        object.name = name;
        if (!object.names.add(name)) {
            throw problem(path() + ": duplicate field " + Problems.quote(name));
        }
        return name;
    }

    /** The next value whole, as a Gson tree: numbers kept as written, the way Gson's own tree keeps them. */
    public JsonElement nextTree() throws JsonReadException {
        try {
            switch (peek()) {
                case BEGIN_OBJECT:
                    JsonObject object = new JsonObject();
                    beginObject();
                    while (hasNext()) {
                        String name = nextName();
                        object.add(name, nextTree()); // recursion no deeper than the nesting limit
                    }
                    endObject();
                    return object;
                case BEGIN_ARRAY:
                    JsonArray array = new JsonArray();
                    beginArray();
                    while (hasNext()) {
                        array.add(nextTree());
                    }
                    endArray();
                    return array;
                case NUMBER:
                    elementStarts();
                    return new JsonPrimitive(ToNumberPolicy.LAZILY_PARSED_NUMBER.readNumber(in));
                case BOOLEAN:
                    elementStarts();
                    return new JsonPrimitive(in.nextBoolean());
                case NULL:
                    elementStarts();
                    in.nextNull();
                    return JsonNull.INSTANCE;
                default:
                    elementStarts();
                    return new JsonPrimitive(in.nextString());
            }
        } catch (IOException e) {
            throw syntaxError(e);
        }
    }

    /** A read from Gson's reader; its exceptions as problems worded for people. */
    private interface GsonRead<T> {
        T read() throws IOException;
    }

    private interface GsonStep {
        void step() throws IOException;
    }

    private <T> T gson(GsonRead<T> read) throws JsonReadException {
        try {
            return read.read();
        } catch (IOException e) {
            throw syntaxError(e);
        }
    }

    private void gsonStep(GsonStep step) throws JsonReadException {
        try {
            step.step();
        } catch (IOException e) {
            throw syntaxError(e);
        }
    }

    /** After the top-level value: nothing but whitespace may follow. */
    public void endDocument() throws JsonReadException {
        peek(); // in strict mode Gson refuses anything but the end here
    }

    /** An object or array about to open as the next value, refused when it would nest too deep. */
    private void opening(Scope scope) throws JsonReadException {
        elementStarts();
        if (open.size() == maxDepth) {
            throw problem(path() + ": nested deeper than " + maxDepth + " levels of objects and arrays");
        }
        open.push(scope);
    }

    /** A value is about to be read: in an array, that is its next element. */
    private void elementStarts() {
        Scope innermost = open.peek();
        if (innermost != null && !innermost.isObject) {
            innermost.index++;
        }
    }

    /**
     * The JSON path of the value being read. Built here rather than taken from Gson, which writes names raw: a hostile
     * name with a line break would forge a line of the problem report.
     */
    private String path() {
        return path(open.size());
    }

    /** The path through the outermost {@code levels} open objects and arrays; one level less names the innermost. */
    private String path(int levels) {
        String path = "$";
        Iterator<Scope> outermostFirst = open.descendingIterator();
        for (int level = 0; level < levels; level++) {
            Scope scope = outermostFirst.next();
            path = scope.isObject ? Fields.child(path, scope.name) : Fields.element(path, scope.index);
        }
        return path;
    }

    /** An open object, with the names read so far and the current one, or an array, with the current index. */
    private static final class Scope {
        final boolean isObject;
        final Set<String> names;
        String name = "";
        int index = -1;

        Scope(boolean isObject) {
            this.isObject = isObject;
            this.names = isObject ? new HashSet<>() : Set.of();
        }
    }

    /**
     * Gson's message, reworded: its line and column kept, its path and link left out. (Bad UTF-8 comes as the
     * decoder's exception without a place; {@link #problem} finds it.) A string value that is not valid Unicode is
     * named by its path instead, like every other problem with a value.
     */
    private JsonReadException syntaxError(IOException e) {
        if (isUnpairedSurrogate(e)) {
            return problem(path() + ": " + NOT_UNICODE);
        }
        Matcher m = GSON_MESSAGE.matcher(String.valueOf(e.getMessage()));
        if (!m.matches()) {
            return problem("invalid JSON: " + oneLine(String.valueOf(e.getMessage())));
        }
        boolean endOfInput = m.group(1).startsWith("End of input");
        int column = Integer.parseInt(m.group(3));
        if (!endOfInput) {
            column = Math.max(1, column - 1); // Gson counts the offending character as already read
        }
        return problem("invalid JSON at line " + m.group(2) + " column " + column + ": "
                + reason(m.group(1), endOfInput));
    }

    private static boolean isUnpairedSurrogate(IOException e) {
        return e instanceof MalformedJsonException
                && String.valueOf(e.getMessage()).startsWith(GSON_UNPAIRED_SURROGATE);
    }

    private static String reason(String gsonReason, boolean endOfInput) {
        if (gsonReason.startsWith("Use JsonReader.setStrictness")) {
            return NOT_STRICT;
        }
        if (endOfInput) {
            return "unexpected end of input";
        }
        return oneLine(gsonReason.substring(0, 1).toLowerCase(Locale.ROOT) + gsonReason.substring(1));
    }

    /** A problem is one line: a line break from the document (a malformed escape's text) is shown escaped. */
    private static String oneLine(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                s.append("\\n");
            } else if (c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }
}
