package io.ossenforcer.handler;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** JSON text written with Gson's streaming writer: compact, no HTML escaping, as Gson writes a tree. */
final class JsonText {
    /** Writes a value, or fields into an object the caller opened. */
    @FunctionalInterface
    interface Body {
        void write(JsonWriter json) throws IOException;
    }

    private JsonText() {
    }

    static String of(Body body) {
        StringWriter text = new StringWriter(512);
        try (JsonWriter json = new JsonWriter(text)) {
            json.setHtmlSafe(false);
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: a StringWriter does no I/O", e);
        }
        return text.toString();
    }
}
