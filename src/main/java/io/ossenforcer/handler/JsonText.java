package io.ossenforcer.handler;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

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
        Text text = new Text();
        try (JsonWriter json = new JsonWriter(text)) {
            json.setHtmlSafe(false);
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: the text is written to memory", e);
        }
        return text.chars.toString();
    }

    /**
     * A writer into a StringBuilder. A StringWriter appends to a StringBuffer, which takes a lock on every write: a
     * fifth of the warm handler's time went to those locks (HandlerBenchmark).
     */
    private static final class Text extends Writer {
        final StringBuilder chars = new StringBuilder(512);

        @Override
        public void write(int c) {
            chars.append((char) c);
        }

        @Override
        public void write(char[] buffer, int offset, int length) {
            chars.append(buffer, offset, length);
        }

        @Override
        public void write(String s, int offset, int length) {
            chars.append(s, offset, offset + length);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
