package io.ossenforcer.oss;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * When a rewrite must be a multipart copy, and how it is cut into parts. OSS refuses a CopyObject that changes
 * encryption above 1 GB; a multipart copy takes 1 to 10,000 parts of 100 KB to 5 GB each (the last may be smaller).
 */
public final class CopyLimits {
    public static final long GIB = 1L << 30;
    public static final long MIN_PART = 100L * 1024;
    public static final long MAX_PART = 5L * GIB;
    public static final int MAX_PARTS = 10_000;

    private final long singleCopyMaxBytes;
    private final long partBytes;
    private final int parallelism;
    private final Duration abandonedAfter;

    /**
     * @param singleCopyMaxBytes largest object rewritten by one CopyObject (OSS: 1 GiB)
     * @param partBytes preferred part size; raised automatically so no object needs more than 10,000 parts
     * @param parallelism part copies in flight at once for one object
     */
    public CopyLimits(long singleCopyMaxBytes, long partBytes, int parallelism) {
        this(singleCopyMaxBytes, partBytes, parallelism, DEFAULT_ABANDONED_AFTER);
    }

    /**
     * As above, with the age past which a multipart copy of a key, cut as this enforcer cuts it, is taken as
     * abandoned (its invocation timed out or died) and aborted by the next rewrite of that key: the function's timeout.
     */
    public CopyLimits(long singleCopyMaxBytes, long partBytes, int parallelism, Duration abandonedAfter) {
        if (abandonedAfter.isNegative()) {
            throw new IllegalArgumentException("the age of an abandoned upload cannot be negative: " + abandonedAfter);
        }
        this.abandonedAfter = abandonedAfter;
        if (singleCopyMaxBytes < 1 || singleCopyMaxBytes > 5 * GIB) {
            throw new IllegalArgumentException("the single-copy limit must be 1 byte to 5 GiB, not "
                    + singleCopyMaxBytes);
        }
        if (partBytes < MIN_PART || partBytes > MAX_PART) {
            throw new IllegalArgumentException("part size must be 100 KiB to 5 GiB, not " + partBytes);
        }
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("parallelism must be 1 to 64, not " + parallelism);
        }
        this.singleCopyMaxBytes = singleCopyMaxBytes;
        this.partBytes = partBytes;
        this.parallelism = parallelism;
    }

    /** s.yaml's function timeout: no invocation of the enforcer still works on an upload older than this. */
    public static final Duration DEFAULT_ABANDONED_AFTER = Duration.ofSeconds(300);

    public Duration abandonedAfter() {
        return abandonedAfter;
    }

    /** OSS's limits: one CopyObject up to 1 GiB, 64 MiB parts, 4 in flight. */
    public static CopyLimits oss() {
        return new CopyLimits(GIB, 64L << 20, 4);
    }

    public long singleCopyMaxBytes() {
        return singleCopyMaxBytes;
    }

    public long partBytes() {
        return partBytes;
    }

    public boolean needsMultipart(long size) {
        return size > singleCopyMaxBytes;
    }

    public int parallelism() {
        return parallelism;
    }

    /** The byte ranges {@code [first, size)} of each part, in order. */
    public List<Part> parts(long size) {
        long perPart = Math.max(partBytes, (size + MAX_PARTS - 1) / MAX_PARTS);
        if (perPart > MAX_PART) {
            throw new IllegalArgumentException("an object of " + size + " bytes cannot be copied in "
                    + MAX_PARTS + " parts of at most 5 GiB");
        }
        List<Part> parts = new ArrayList<>();
        for (long first = 0; first < size; first += perPart) {
            parts.add(new Part(parts.size() + 1, first, Math.min(perPart, size - first)));
        }
        return Collections.unmodifiableList(parts);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CopyLimits)) {
            return false;
        }
        CopyLimits that = (CopyLimits) o;
        return singleCopyMaxBytes == that.singleCopyMaxBytes && partBytes == that.partBytes
                && parallelism == that.parallelism && abandonedAfter.equals(that.abandonedAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(singleCopyMaxBytes, partBytes, parallelism, abandonedAfter);
    }

    @Override
    public String toString() {
        return "CopyLimits{singleCopyMax=" + singleCopyMaxBytes + ", part=" + partBytes + ", parallelism="
                + parallelism + ", abandonedAfter=" + abandonedAfter + '}';
    }

    /** One part of a multipart copy: its number (from 1), first byte and length. */
    public static final class Part {
        private final int number;
        private final long first;
        private final long size;

        Part(int number, long first, long size) {
            this.number = number;
            this.first = first;
            this.size = size;
        }

        public int number() {
            return number;
        }

        public long first() {
            return first;
        }

        public long size() {
            return size;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Part)) {
                return false;
            }
            Part p = (Part) o;
            return number == p.number && first == p.first && size == p.size;
        }

        @Override
        public int hashCode() {
            return Objects.hash(number, first, size);
        }

        @Override
        public String toString() {
            return "Part{" + number + ": " + first + "+" + size + '}';
        }
    }
}
