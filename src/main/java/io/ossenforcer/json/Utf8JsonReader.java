package io.ossenforcer.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.internal.LazilyParsedNumber;
import java.nio.charset.StandardCharsets;

/**
 * Strict RFC 8259 JSON read straight from UTF-8 bytes into a Gson tree, in one pass that checks the encoding, the
 * syntax and the tree's rules ({@link JsonTreeBuilder}) together. A string of plain ASCII, most of an event, is
 * copied into a Latin-1 {@code String} without decoding.
 *
 * <p>What it accepts, and how it reports a problem (reason, line and column), are those of the Gson {@code
 * JsonReader} in strict mode that this replaces, quirks included (a leading byte order mark is skipped; a number of
 * 1,024 characters or more is refused; a column counts UTF-16 units and, for most problems, names the character
 * before the offending one), so that the messages people have seen stay the same. StrictJsonDifferentialTest holds
 * the two side by side and lists the few deliberate differences: a control character in a string is placed at its
 * own column, a problem whose Gson message held a line break is worded on one line like any other, and an integer
 * whose digits wrap a {@code long} to zero is not taken for a leading zero. A problem with the encoding anywhere in
 * the input is reported in preference to any other, as when the whole input was decoded first.
 */
final class Utf8JsonReader {
    private static final String NOT_STRICT =
            "not strict JSON (no comments, single quotes, unquoted names, NaN, leading zeros or trailing data)";
    private static final String UNESCAPED_CONTROL =
            "unescaped control characters (\\u0000-\\u001F) are not allowed in strict mode";
    /** Gson's number reader gives up at its buffer's size and calls the text an unquoted (lenient) literal. */
    private static final int MAX_NUMBER_LENGTH = 1024;
    private static final int NONE = -1;

    private final byte[] in;
    private final int end;
    /** Input encoded from a Java {@code String}, which may hold unpaired surrogates (as 3-byte sequences). */
    private final boolean fromString;
    private final JsonTreeBuilder tree;
    private final int bomLength;
    private int pos;
    private char[] chars; // strings that need decoding, grown as needed

    private Utf8JsonReader(byte[] in, boolean fromString, JsonLimits limits) {
        this.in = in;
        this.end = in.length;
        this.fromString = fromString;
        this.tree = new JsonTreeBuilder(limits);
        this.bomLength = end >= 3 && in[0] == (byte) 0xEF && in[1] == (byte) 0xBB && in[2] == (byte) 0xBF ? 3 : 0;
        this.pos = bomLength;
    }

    /** Reads UTF-8 bytes, strictly: no overlong forms, no encoded surrogates, nothing above U+10FFFF. */
    static JsonElement read(byte[] utf8, JsonLimits limits) throws JsonReadException {
        return new Utf8JsonReader(utf8, false, limits).document();
    }

    /** Reads a Java string, unpaired surrogates included (they are the caller's to judge, as in any string). */
    static JsonElement read(String json, int encodedLength, JsonLimits limits) throws JsonReadException {
        return new Utf8JsonReader(encode(json, encodedLength), true, limits).document();
    }

    private JsonElement document() throws JsonReadException {
        try {
            value(nextToken(), false);
            while (!tree.isClosed()) {
                if (tree.inObject()) {
                    member();
                } else {
                    element();
                }
            }
            if (nextNonWhitespace() != NONE) {
                throw problemAfter(NOT_STRICT, pos - 1);
            }
            return tree.root();
        } catch (JsonReadException e) {
            // The input used to be decoded whole before it was read: bad UTF-8 anywhere outranks any other problem.
            int invalid = fromString ? NONE : firstInvalidUtf8();
            if (invalid != NONE) {
                throw new JsonReadException("invalid UTF-8 at byte offset " + invalid);
            }
            throw e;
        }
    }

    /** The next field of the innermost open object, or its end. */
    private void member() throws JsonReadException {
        boolean first = tree.innermostIsEmpty();
        int c;
        if (!first) {
            c = nextToken();
            if (c == '}') {
                tree.close();
                return;
            }
            separator(c, "unterminated object");
        }
        c = nextToken();
        if (c == '"') {
            tree.name(string());
        } else if (c == '}' && first) {
            tree.close();
            return;
        } else {
            throw problemAfter(c == '}' ? "expected name" : NOT_STRICT, pos - 1);
        }
        c = nextToken();
        if (c != ':') {
            throw problemAfter(c == '=' ? NOT_STRICT : "expected ':'", pos - 1);
        }
        value(nextToken(), false);
    }

    /** The next element of the innermost open array, or its end. */
    private void element() throws JsonReadException {
        boolean first = tree.innermostIsEmpty();
        int c = nextToken();
        if (c == ']') {
            tree.close();
            return;
        }
        if (!first) {
            separator(c, "unterminated array");
            c = nextToken();
        }
        value(c, true);
    }

    /** The comma between two members or elements. */
    private void separator(int c, String unterminated) throws JsonReadException {
        if (c != ',') {
            throw problemAfter(c == ';' ? NOT_STRICT : unterminated, pos - 1);
        }
    }

    /** A value whose first byte {@code c} has just been read. */
    private void value(int c, boolean inArray) throws JsonReadException {
        switch (c) {
            case '"':
                tree.value(new JsonPrimitive(string()));
                break;
            case '{':
                tree.open(new JsonObject());
                break;
            case '[':
                tree.open(new JsonArray());
                break;
            case ']':
            case ',':
            case ';':
                throw problemAfter(inArray ? NOT_STRICT : "unexpected value", pos - 1);
            case '\'':
                throw problemAfter(NOT_STRICT, pos - 1);
            default:
                pos--;
                literal();
        }
    }

    /** {@code true}, {@code false}, {@code null} or a number, starting at {@code pos}. */
    private void literal() throws JsonReadException {
        int start = pos;
        int c = in[start];
        if (c == 't') {
            keyword("true", new JsonPrimitive(Boolean.TRUE));
        } else if (c == 'f') {
            keyword("false", new JsonPrimitive(Boolean.FALSE));
        } else if (c == 'n') {
            keyword("null", JsonNull.INSTANCE);
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            number();
        } else if (c == '}' || c == ':' || c == '\f') {
            throw problemAt("expected value", start);
        } else {
            throw problemAt(NOT_STRICT, start);
        }
    }

    private void keyword(String word, JsonElement value) throws JsonReadException {
        int length = word.length();
        if (end - pos < length) {
            throw problemAt(NOT_STRICT, pos);
        }
        for (int i = 1; i < length; i++) {
            if (in[pos + i] != word.charAt(i)) {
                throw problemAt(NOT_STRICT, pos);
            }
        }
        endOfLiteral(pos + length);
        pos += length;
        tree.value(value);
    }

    /** A literal must be followed by the end of input or a byte that ends a token (not {@code trues}, {@code 1x}). */
    private void endOfLiteral(int after) throws JsonReadException {
        if (after < end && !endsLiteral(in[after])) {
            throw problemAt(NOT_STRICT, pos);
        }
    }

    private static boolean endsLiteral(byte b) {
        switch (b) {
            case '{':
            case '}':
            case '[':
            case ']':
            case ':':
            case ',':
            case ' ':
            case '\t':
            case '\f':
            case '\r':
            case '\n':
                return true;
            default:
                return false;
        }
    }

    /**
     * A number in RFC 8259's grammar: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}, kept as its text
     * the way Gson's own tree keeps one.
     */
    private void number() throws JsonReadException {
        int start = pos;
        int i = start;
        if (in[i] == '-') {
            i++;
        }
        int integerStart = i;
        i = digits(i);
        if (i == integerStart || (in[integerStart] == '0' && i - integerStart > 1)) {
            throw problemAt(NOT_STRICT, start);
        }
        if (i < end && in[i] == '.') {
            int fractionStart = ++i;
            i = digits(i);
            if (i == fractionStart) {
                throw problemAt(NOT_STRICT, start);
            }
        }
        if (i < end && (in[i] == 'e' || in[i] == 'E')) {
            i++;
            if (i < end && (in[i] == '+' || in[i] == '-')) {
                i++;
            }
            int exponentStart = i;
            i = digits(i);
            if (i == exponentStart) {
                throw problemAt(NOT_STRICT, start);
            }
        }
        if (i - start >= MAX_NUMBER_LENGTH) {
            throw problemAt(NOT_STRICT, start);
        }
        endOfLiteral(i);
        pos = i;
        tree.value(new JsonPrimitive(new LazilyParsedNumber(new String(in, start, i - start,
                StandardCharsets.ISO_8859_1))));
    }

    private int digits(int from) {
        int i = from;
        while (i < end && in[i] >= '0' && in[i] <= '9') {
            i++;
        }
        return i;
    }

    /** A string's text; {@code pos} is just after its opening quote and ends just after its closing one. */
    private String string() throws JsonReadException {
        int start = pos;
        // Plain ASCII without escapes, the usual case, is copied into a Latin-1 string as it is.
        int i = start;
        while (i < end) {
            byte b = in[i];
            if (b == '"') {
                pos = i + 1;
                return new String(in, start, i - start, StandardCharsets.ISO_8859_1);
            }
            if (b < 0x20 || b == '\\') { // negative: the lead byte of a multi-byte character
                break;
            }
            i++;
        }
        pos = i;
        return decodedString(start);
    }

    /** The rest of a string that needs decoding: its start up to {@code pos} is plain ASCII. */
    private String decodedString(int start) throws JsonReadException {
        int length = pos - start;
        ensureChars(length + 16);
        for (int i = 0; i < length; i++) {
            chars[i] = (char) in[start + i];
        }
        while (true) {
            if (pos == end) {
                throw problemAt("unterminated string", end);
            }
            int b = in[pos] & 0xFF;
            ensureChars(length + 2);
            if (b == '"') {
                pos++;
                return new String(chars, 0, length);
            } else if (b == '\\') {
                pos++;
                chars[length++] = escaped();
            } else if (b < 0x20) {
                // At the character itself, even a line break (Gson named where the string's current run began).
                throw problem(UNESCAPED_CONTROL, pos, 1, false);
            } else if (b < 0x80) {
                chars[length++] = (char) b;
                pos++;
            } else {
                int sequence = Utf8.sequenceLength(in, pos, end, fromString);
                if (sequence == 0) {
                    throw problemAt("invalid UTF-8", pos); // reported as such by document()
                }
                int codePoint = Utf8.codePoint(in, pos, sequence);
                length += Character.toChars(codePoint, chars, length);
                pos += sequence;
            }
        }
    }

    private void ensureChars(int size) {
        if (chars == null || chars.length < size) {
            char[] grown = new char[Math.max(size, chars == null ? 64 : chars.length * 2)];
            if (chars != null) {
                System.arraycopy(chars, 0, grown, 0, chars.length);
            }
            chars = grown;
        }
    }

    /** The character an escape stands for; {@code pos} is just after the backslash. */
    private char escaped() throws JsonReadException {
        if (pos == end) {
            throw problemAt("unterminated escape sequence", end);
        }
        int at = pos++;
        switch (in[at]) {
            case 'u':
                return unicodeEscape();
            case 't':
                return '\t';
            case 'b':
                return '\b';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 'f':
                return '\f';
            case '"':
            case '\\':
            case '/':
                return (char) in[at];
            case '\n':
                // Gson reports this before counting the line break, so the column runs on along the line before it.
                throw problem("cannot escape a newline character in strict mode", at, 1, false);
            case '\'':
                throw problemAt("invalid escaped character \"'\" in strict mode", at + 1);
            default:
                throw problemAfter("invalid escape sequence", at);
        }
    }

    private char unicodeEscape() throws JsonReadException {
        if (end - pos >= 4) {
            int value = hex(in[pos]) << 12 | hex(in[pos + 1]) << 8 | hex(in[pos + 2]) << 4 | hex(in[pos + 3]);
            if (value >= 0) {
                pos += 4;
                return (char) value;
            }
        }
        String text = Utf8.firstUnits(in, pos, end, 4);
        if (text.length() < 4) {
            throw problemAt("unterminated escape sequence", pos);
        }
        throw problemAt("malformed Unicode escape " + shownEscape("\\u" + text), pos);
    }

    /** A hex digit's value, or a negative number (all bits set) for anything else. */
    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /** The escape as written, quoted when it holds a line break that would split the problem's line. */
    private static String shownEscape(String escape) {
        for (int i = 0; i < escape.length(); i++) {
            char c = escape.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return Problems.quote(escape);
            }
        }
        return escape;
    }

    /** The next byte that is not whitespace (RFC 8259's four), or {@link #NONE} at the end; refuses comments. */
    private int nextNonWhitespace() throws JsonReadException {
        while (pos < end) {
            int b = in[pos++] & 0xFF;
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                continue;
            }
            if (b == '#' || (b == '/' && pos < end)) {
                throw problemAt(NOT_STRICT, pos);
            }
            return b;
        }
        return NONE;
    }

    private int nextToken() throws JsonReadException {
        int c = nextNonWhitespace();
        if (c == NONE) {
            throw problem("unexpected end of input", end, 0, true);
        }
        return c;
    }

    /** A problem located just after the character that starts at {@code charStart}, as Gson locates most. */
    private JsonReadException problemAfter(String reason, int charStart) {
        return in[charStart] >= 0 ? problemAt(reason, charStart + 1) : problem(reason, charStart, 1, false);
    }

    private JsonReadException problemAt(String reason, int offset) {
        return problem(reason, offset, 0, false);
    }

    /**
     * A syntax problem at the line and column Gson would name. Gson's position is {@code offset} bytes plus
     * {@code extraUnits} UTF-16 units into the input; for anything but the end of input it has already read the
     * offending character, so the column it names is one less (and at least 1).
     */
    private JsonReadException problem(String reason, int offset, int extraUnits, boolean endOfInput) {
        int line = 1;
        int lineStart = bomLength;
        for (int i = 0; i < offset; i++) {
            if (in[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int units = extraUnits + Utf8.units(in, lineStart, offset);
        int column = endOfInput ? units + 1 : Math.max(1, units);
        return new JsonReadException("invalid JSON at line " + line + " column " + column + ": " + reason);
    }

    private int firstInvalidUtf8() {
        int i = 0;
        while (i < end) {
            if (in[i] >= 0) {
                i++;
            } else {
                int sequence = Utf8.sequenceLength(in, i, end, false);
                if (sequence == 0) {
                    return i;
                }
                i += sequence;
            }
        }
        return NONE;
    }

    /**
     * A string as UTF-8 ({@code length} bytes of it), except that an unpaired surrogate is kept, in the 3-byte form
     * UTF-8 forbids.
     */
    private static byte[] encode(String s, int length) {
        byte[] out = new byte[length];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[n++] = (byte) c;
            } else if (c < 0x800) {
                out[n++] = (byte) (0xC0 | c >> 6);
                out[n++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, s.charAt(++i));
                out[n++] = (byte) (0xF0 | codePoint >> 18);
                out[n++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                out[n++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | codePoint & 0x3F);
            } else {
                out[n++] = (byte) (0xE0 | c >> 12);
                out[n++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return out;
    }
}
