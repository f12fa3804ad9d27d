package io.ossenforcer.json;

import com.google.gson.JsonElement;

/**
 * Reads a whole untrusted JSON document into a Gson tree, as strictly as {@link StrictJsonReader} reads it: strict
 * RFC 8259 syntax, strict UTF-8, no duplicate field names, bounded size and nesting.
 */
public final class StrictJson {
    private StrictJson() {
    }

    /** Reads UTF-8 bytes, as a file or Function Compute hands them over. */
    public static JsonElement parse(byte[] utf8, JsonLimits limits) throws JsonReadException {
        return whole(StrictJsonReader.of(utf8, limits));
    }

    public static JsonElement parse(String json, JsonLimits limits) throws JsonReadException {
        return whole(StrictJsonReader.of(json, limits));
    }

    private static JsonElement whole(StrictJsonReader reader) throws JsonReadException {
        JsonElement root = reader.nextTree();
        reader.endDocument();
        return root;
    }
}
