package io.ossenforcer.enforce;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/** A small object read whole (a rules file), with the ETag it had when read. */
public final class SmallObject {
    private final byte[] content;
    private final String eTag;

    public SmallObject(byte[] content, String eTag) {
        this.content = content.clone();
        this.eTag = Objects.requireNonNull(eTag);
    }

    /**
     * The content, read-only and not copied: a rules file can be tens of megabytes, and a reload parses it while the
     * rules in force are still held, so a copy there is what a small instance cannot spare.
     */
    public ByteBuffer content() {
        return ByteBuffer.wrap(content).asReadOnlyBuffer();
    }

    public String eTag() {
        return eTag;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SmallObject && Arrays.equals(content, ((SmallObject) o).content)
                && eTag.equals(((SmallObject) o).eTag);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(content) + eTag.hashCode();
    }

    @Override
    public String toString() {
        return "SmallObject{etag=" + eTag + ", " + content.length + " bytes}";
    }
}
