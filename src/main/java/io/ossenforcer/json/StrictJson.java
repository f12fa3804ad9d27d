package io.ossenforcer.json;

import com.google.gson.JsonElement;

/**
 * Reads untrusted JSON into a Gson tree: strict RFC 8259 syntax, strict UTF-8, no duplicate field names, and bounded
 * size and nesting. Checked and built in one pass over the bytes ({@link Utf8JsonReader}), without Gson's tree
 * parser, whose type adapters a cold start would otherwise load, and without decoding the input to a String first.
 */
public final class StrictJson {
    private StrictJson() {
    }

    /** Reads UTF-8 bytes, as a file or Function Compute hands them over. */
    public static JsonElement parse(byte[] utf8, JsonLimits limits) throws JsonReadException {
        if (utf8.length > limits.maxBytes()) {
            throw tooLarge(limits);
        }
        return Utf8JsonReader.read(utf8, limits);
    }

    public static JsonElement parse(String json, JsonLimits limits) throws JsonReadException {
        long utf8Length = utf8Length(json, limits.maxBytes());
        if (utf8Length > limits.maxBytes()) {
            throw tooLarge(limits);
        }
        return Utf8JsonReader.read(json, (int) utf8Length, limits);
    }

    static JsonReadException tooLarge(JsonLimits limits) {
        return new JsonReadException("input is larger than the limit of " + limits.describeMaxBytes());
    }

    /**
     * Counts UTF-8 bytes (an unpaired surrogate as 3), stopping as soon as the count passes {@code max}: the caller
     * only needs to know that much.
     */
    static long utf8Length(String s, int max) {
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
}
