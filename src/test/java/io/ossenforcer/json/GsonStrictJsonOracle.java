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
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The strict JSON reading {@link StrictJson} did before it read bytes itself: the whole input decoded by the JDK's
 * strict UTF-8 decoder, then read by Gson's {@code JsonReader} in strict mode into the same tree, Gson's problem
 * messages reworded. Kept as the oracle the byte reader is tested against ({@code StrictJsonDifferentialTest}).
 */
final class GsonStrictJsonOracle {
    private static final Pattern GSON_LOCATION =
            Pattern.compile("(.*?) at line (\\d+) column (\\d+) path .*");

    private GsonStrictJsonOracle() {
    }

    /** Reads UTF-8 bytes, as a file or Function Compute hands them over. */
    static JsonElement parse(byte[] utf8, JsonLimits limits) throws JsonReadException {
        if (utf8.length > limits.maxBytes()) {
            throw StrictJson.tooLarge(limits);
        }
        return parseChecked(decodeUtf8(utf8), limits);
    }

    static JsonElement parse(String json, JsonLimits limits) throws JsonReadException {
        if (StrictJson.utf8Length(json, limits.maxBytes()) > limits.maxBytes()) {
            throw StrictJson.tooLarge(limits);
        }
        return parseChecked(json, limits);
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
        JsonTreeBuilder tree = new JsonTreeBuilder(limits);
        try {
            do {
                JsonToken token = reader.peek();
                switch (token) {
                    case BEGIN_OBJECT:
                        tree.open(new JsonObject());
                        reader.beginObject();
                        break;
                    case BEGIN_ARRAY:
                        tree.open(new JsonArray());
                        reader.beginArray();
                        break;
                    case END_OBJECT:
                        reader.endObject();
                        tree.close();
                        break;
                    case END_ARRAY:
                        reader.endArray();
                        tree.close();
                        break;
                    case NAME:
                        tree.name(reader.nextName());
                        break;
                    case BOOLEAN:
                        tree.value(new JsonPrimitive(reader.nextBoolean()));
                        break;
                    case NULL:
                        reader.nextNull();
                        tree.value(JsonNull.INSTANCE);
                        break;
                    case NUMBER:
                        // As Gson's own tree holds a number: its text, converted only when asked for.
                        tree.value(new JsonPrimitive(new LazilyParsedNumber(reader.nextString())));
                        break;
                    default:
                        tree.value(new JsonPrimitive(reader.nextString()));
                        break;
                }
            } while (!tree.isClosed());
            reader.peek(); // anything after the top-level value is a syntax error in strict mode
        } catch (IOException e) {
            throw new JsonReadException(describeSyntaxError(e));
        }
        return tree.root();
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
