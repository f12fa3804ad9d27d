package io.ossenforcer.json;

/** How much untrusted JSON a reader accepts before it refuses to look further. */
public final class JsonLimits {
    private final int maxBytes;
    private final int maxDepth;

    private JsonLimits(int maxBytes, int maxDepth) {
        this.maxBytes = maxBytes;
        this.maxDepth = maxDepth;
    }

    /**
     * @param maxBytes the largest accepted document, in bytes of UTF-8
     * @param maxDepth the deepest accepted nesting of objects and arrays (the top-level value is depth 1)
     */
    public static JsonLimits of(int maxBytes, int maxDepth) {
        if (maxBytes < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("limits must be positive: " + maxBytes + " bytes, depth " + maxDepth);
        }
        return new JsonLimits(maxBytes, maxDepth);
    }

    public int maxBytes() {
        return maxBytes;
    }

    public int maxDepth() {
        return maxDepth;
    }

    /** The byte limit for people, e.g. {@code 6291456 bytes (6 MiB)}. */
    String describeMaxBytes() {
        return maxBytes % (1024 * 1024) == 0
                ? maxBytes + " bytes (" + maxBytes / (1024 * 1024) + " MiB)"
                : maxBytes + " bytes";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonLimits && ((JsonLimits) o).maxBytes == maxBytes && ((JsonLimits) o).maxDepth == maxDepth;
    }

    @Override
    public int hashCode() {
        return 31 * maxBytes + maxDepth;
    }

    @Override
    public String toString() {
        return "JsonLimits{" + describeMaxBytes() + ", depth " + maxDepth + '}';
    }
}
