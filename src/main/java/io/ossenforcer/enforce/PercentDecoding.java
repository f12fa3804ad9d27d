package io.ossenforcer.enforce;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** Strict RFC 3986 percent-decoding of object keys: {@code +} stays {@code +}, and the result must be UTF-8. */
public final class PercentDecoding {
    private PercentDecoding() {
    }

    /** The decoded key; empty when {@code encoded} is not a valid percent-encoding of a UTF-8 key. */
    public static Optional<String> decode(String encoded) {
        if (encoded.indexOf('%') < 0) {
            return Optional.of(encoded);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        byte[] raw = encoded.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != '%') {
                bytes.write(raw[i]);
                continue;
            }
            if (i + 2 >= raw.length) {
                return Optional.empty();
            }
            int hi = Character.digit(raw[i + 1], 16);
            int lo = Character.digit(raw[i + 2], 16);
            if (hi < 0 || lo < 0) {
                return Optional.empty();
            }
            bytes.write(hi << 4 | lo);
            i += 2;
        }
        byte[] decoded = bytes.toByteArray();
        String text = new String(decoded, StandardCharsets.UTF_8);
        // A decoding that is not valid UTF-8 was not an encoding of a key.
        return Arrays.equals(text.getBytes(StandardCharsets.UTF_8), decoded) ? Optional.of(text)
                : Optional.empty();
    }
}
