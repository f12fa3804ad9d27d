package io.ossenforcer.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SmallObjectTest {
    private static final byte[] RULES = "{\"buckets\":{}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void contentCannotBeChangedThroughTheBufferItGives() {
        SmallObject object = new SmallObject(RULES, "\"etag\"");

        assertThrows(ReadOnlyBufferException.class, () -> object.content().put(0, (byte) '['));
        assertEquals(ByteBuffer.wrap(RULES), object.content());
    }

    @Test
    void contentCannotBeChangedThroughTheArrayItWasMadeFrom() {
        byte[] bytes = RULES.clone();
        SmallObject object = new SmallObject(bytes, "\"etag\"");
        bytes[0] = '[';

        assertEquals(ByteBuffer.wrap(RULES), object.content());
    }

    @Test
    void readingTheContentLeavesItWholeForTheNextReader() {
        SmallObject object = new SmallObject(RULES, "\"etag\"");
        object.content().get(new byte[4]);

        assertEquals(RULES.length, object.content().remaining());
    }
}
