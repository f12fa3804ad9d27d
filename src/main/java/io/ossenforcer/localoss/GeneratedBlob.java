package io.ossenforcer.localoss;

import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Deterministic pseudo-random content of any size, generated on read and never held in memory: lets tests create
 * multi-GB objects. Byte {@code i} depends only on the seed and {@code i}, so any range can be opened directly.
 */
final class GeneratedBlob extends Blob {
    private static final VarHandle LITTLE_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long size;
    private final long seed;

    GeneratedBlob(long size, long seed) {
        if (size < 0) {
            throw new IllegalArgumentException("size < 0: " + size);
        }
        this.size = size;
        this.seed = seed;
    }

    @Override
    long size() {
        return size;
    }

    @Override
    InputStream open(long offset, long length) {
        checkRange(offset, length, size);
        return new InputStream() {
            private long position = offset;
            private final long end = offset + length;

            @Override
            public int read() {
                return position < end ? byteAt(position++) : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (position >= end) {
                    return -1;
                }
                int n = (int) Math.min(len, end - position);
                int i = 0;
                while (i < n && (position & 7) != 0) {
                    b[off + i++] = (byte) byteAt(position++);
                }
                // Whole 8-byte words: one mix per word instead of one per byte (multi-GB reads stay quick).
                while (n - i >= 8) {
                    LITTLE_ENDIAN_LONG.set(b, off + i, mix(seed + (position >>> 3)));
                    i += 8;
                    position += 8;
                }
                while (i < n) {
                    b[off + i++] = (byte) byteAt(position++);
                }
                return n;
            }
        };
    }

    private int byteAt(long index) {
        return (int) (mix(seed + (index >>> 3)) >>> ((index & 7) * 8)) & 0xff;
    }

    /** SplitMix64's finaliser: a cheap, well-distributed function of a counter. */
    private static long mix(long x) {
        long z = x * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
