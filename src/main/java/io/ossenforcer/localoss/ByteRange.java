package io.ossenforcer.localoss;

import java.util.Optional;

/**
 * The {@code Range: bytes=first-last} of a GET. As OSS documents: a malformed, multi-part or unsatisfiable range is
 * ignored and the whole object is returned with 200, unless {@code x-oss-range-behavior: standard} asks for 416.
 */
final class ByteRange {
    private ByteRange() {
    }

    /** The inclusive {@code [first, last]} to return, or empty for the whole object. */
    static Optional<long[]> parse(String header, long size, boolean standard) {
        String spec = header.trim();
        if (!spec.startsWith("bytes=") || spec.contains(",")) {
            return Optional.empty();
        }
        String[] bounds = spec.substring("bytes=".length()).split("-", -1);
        if (bounds.length != 2) {
            return Optional.empty();
        }
        long first;
        long last;
        try {
            if (bounds[0].isEmpty()) {
                long suffix = Long.parseLong(bounds[1]);
                if (suffix == 0) {
                    // The last zero bytes: OSS answers 416 whatever x-oss-range-behavior says.
                    throw new OssError(416, "InvalidRange", "The requested range cannot be satisfied")
                            .with("RangeRequested", header).with("ActualObjectSize", String.valueOf(size));
                }
                first = Math.max(0, size - suffix);
                last = size - 1;
            } else {
                first = Long.parseLong(bounds[0]);
                last = bounds[1].isEmpty() ? size - 1 : Math.min(Long.parseLong(bounds[1]), size - 1);
                if (bounds[1].length() > 0 && Long.parseLong(bounds[1]) < first) {
                    return Optional.empty();
                }
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (first < 0 || first >= size) {
            if (standard) {
                throw new OssError(416, "InvalidRange", "The requested range cannot be satisfied")
                        .with("RangeRequested", header).with("ActualObjectSize", String.valueOf(size));
            }
            return Optional.empty();
        }
        return Optional.of(new long[] {first, last});
    }
}
