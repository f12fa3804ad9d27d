package io.ossenforcer.localoss;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.http.Header;
import org.apache.http.HttpResponse;
import org.apache.http.io.HttpMessageWriter;
import org.apache.http.io.SessionOutputBuffer;
import org.apache.http.message.BasicLineFormatter;

/**
 * Writes a response head with header values as bytes. HttpCore hands request header values over one char per byte
 * (ISO-8859-1), and its own writer turns bytes 0x80-0x9F into {@code ?}, which mangles UTF-8 user metadata
 * ({@code 文} is E6 96 87). Here a char up to 0xFF is that byte again, so stored metadata returns exactly as it
 * arrived; a char above (a value set from Java, e.g. by {@code putGeneratedObject}) is written as UTF-8.
 */
final class RawHeadWriter implements HttpMessageWriter<HttpResponse> {
    private static final byte[] CRLF = {'\r', '\n'};

    private final SessionOutputBuffer out;

    RawHeadWriter(SessionOutputBuffer out) {
        this.out = out;
    }

    @Override
    public void write(HttpResponse response) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        ascii(head, BasicLineFormatter.formatStatusLine(response.getStatusLine(), null));
        head.writeBytes(CRLF);
        for (Header header : response.getAllHeaders()) {
            ascii(head, header.getName() + ": ");
            head.writeBytes(valueBytes(header.getValue() == null ? "" : header.getValue()));
            head.writeBytes(CRLF);
        }
        head.writeBytes(CRLF);
        out.write(head.toByteArray());
    }

    /** A header value as sent: a char up to 0xFF is that byte, a char above is its UTF-8. */
    static byte[] valueBytes(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0xFF) {
                bytes.write(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < value.length() ? i + 2 : i + 1;
                bytes.writeBytes(value.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return bytes.toByteArray();
    }

    private static void ascii(ByteArrayOutputStream head, String text) {
        head.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
