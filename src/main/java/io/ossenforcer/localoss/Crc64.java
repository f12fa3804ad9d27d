package io.ossenforcer.localoss;

/**
 * CRC-64/ECMA-182 as OSS reports it in {@code x-oss-hash-crc64ecma}: the reflected ECMA polynomial with all-ones
 * initial value and final xor (the parameters known as CRC-64/XZ). {@link #combine} lets a concatenation's checksum be
 * derived from its parts without reading the bytes again.
 */
final class Crc64 {
    private static final long POLY = 0xC96C5795D7870F42L;
    /** Slicing-by-8 tables: {@code TABLES[k][n]} is the CRC of byte n followed by k zero bytes. */
    private static final long[][] TABLES = new long[8][256];
    private static final long[] TABLE = TABLES[0];

    static {
        for (int n = 0; n < 256; n++) {
            long crc = n;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY : crc >>> 1;
            }
            TABLE[n] = crc;
        }
        for (int k = 1; k < 8; k++) {
            for (int n = 0; n < 256; n++) {
                long previous = TABLES[k - 1][n];
                TABLES[k][n] = (previous >>> 8) ^ TABLE[(int) (previous & 0xff)];
            }
        }
    }

    private Crc64() {
    }

    /** The checksum of {@code crc}'s data followed by {@code len} bytes of {@code bytes} from {@code offset}. */
    static long update(long crc, byte[] bytes, int offset, int len) {
        long c = ~crc;
        int i = offset;
        int end = offset + len;
        // Eight bytes per step (slicing-by-8): multi-GB generated objects are checksummed in seconds.
        for (; end - i >= 8; i += 8) {
            c ^= (bytes[i] & 0xffL) | (bytes[i + 1] & 0xffL) << 8 | (bytes[i + 2] & 0xffL) << 16
                    | (bytes[i + 3] & 0xffL) << 24 | (bytes[i + 4] & 0xffL) << 32 | (bytes[i + 5] & 0xffL) << 40
                    | (bytes[i + 6] & 0xffL) << 48 | (bytes[i + 7] & 0xffL) << 56;
            c = TABLES[7][(int) (c & 0xff)] ^ TABLES[6][(int) ((c >>> 8) & 0xff)]
                    ^ TABLES[5][(int) ((c >>> 16) & 0xff)] ^ TABLES[4][(int) ((c >>> 24) & 0xff)]
                    ^ TABLES[3][(int) ((c >>> 32) & 0xff)] ^ TABLES[2][(int) ((c >>> 40) & 0xff)]
                    ^ TABLES[1][(int) ((c >>> 48) & 0xff)] ^ TABLE[(int) (c >>> 56)];
        }
        for (; i < end; i++) {
            c = TABLE[(int) ((c ^ bytes[i]) & 0xff)] ^ (c >>> 8);
        }
        return ~c;
    }

    /** The checksum of A followed by B, from crc(A), crc(B) and the length of B (zlib's GF(2) matrix method). */
    static long combine(long crcA, long crcB, long lengthB) {
        if (lengthB <= 0) {
            return crcA;
        }
        long[] even = new long[64];
        long[] odd = new long[64];
        odd[0] = POLY;
        long row = 1;
        for (int n = 1; n < 64; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd);
        square(odd, even);
        long crc = crcA;
        long len = lengthB;
        do {
            square(even, odd);
            if ((len & 1) != 0) {
                crc = times(even, crc);
            }
            len >>>= 1;
            if (len == 0) {
                break;
            }
            square(odd, even);
            if ((len & 1) != 0) {
                crc = times(odd, crc);
            }
            len >>>= 1;
        } while (len != 0);
        return crc ^ crcB;
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        long v = vector;
        for (int i = 0; v != 0; i++, v >>>= 1) {
            if ((v & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(long[] result, long[] matrix) {
        for (int n = 0; n < 64; n++) {
            result[n] = times(matrix, matrix[n]);
        }
    }
}
