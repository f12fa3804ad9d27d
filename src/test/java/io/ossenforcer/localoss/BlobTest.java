package io.ossenforcer.localoss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.aliyun.oss.common.utils.CRC64;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlobTest {
    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static byte[] read(Blob blob, long offset, long length) throws IOException {
        try (InputStream in = blob.open(offset, length)) {
            return in.readAllBytes();
        }
    }

    private static long sdkCrc(byte[] data) {
        CRC64 crc = new CRC64();
        crc.update(data, data.length);
        return crc.getValue();
    }

    @Test
    void crc64EqualsTheSdkImplementation() {
        for (int size : new int[] {0, 1, 7, 8, 100, 65_537}) {
            byte[] data = random(size, size);
            assertEquals(sdkCrc(data), Crc64.update(0, data, 0, data.length), "size " + size);
            assertEquals(sdkCrc(data), new BytesBlob(data).crc64(), "size " + size);
        }
    }

    @Test
    void crc64CombineEqualsTheChecksumOfTheConcatenation() {
        byte[] a = random(1000, 1);
        byte[] b = random(12_345, 2);
        byte[] ab = new byte[a.length + b.length];
        System.arraycopy(a, 0, ab, 0, a.length);
        System.arraycopy(b, 0, ab, a.length, b.length);
        assertEquals(sdkCrc(ab), Crc64.combine(sdkCrc(a), sdkCrc(b), b.length));
        assertEquals(CRC64.combine(sdkCrc(a), sdkCrc(b), b.length), Crc64.combine(sdkCrc(a), sdkCrc(b), b.length));
    }

    @Test
    void sliceSharesItsSourceAndReadsTheRange() throws Exception {
        byte[] data = random(1000, 3);
        Blob source = new BytesBlob(data);
        Blob slice = source.slice(100, 50);
        assertArrayEquals(Arrays.copyOfRange(data, 100, 150), read(slice, 0, 50));
        assertArrayEquals(Arrays.copyOfRange(data, 110, 120), read(slice, 10, 10));
        assertArrayEquals(MessageDigest.getInstance("MD5").digest(Arrays.copyOfRange(data, 100, 150)), slice.md5());
        assertSame(source, source.slice(0, 1000));
    }

    @Test
    void concatenationReadsAcrossPartsAndCombinesChecksums() throws Exception {
        byte[] a = random(300, 4);
        byte[] b = random(500, 5);
        byte[] all = new byte[800];
        System.arraycopy(a, 0, all, 0, 300);
        System.arraycopy(b, 0, all, 300, 500);
        Blob concat = new ConcatBlob(List.of(new BytesBlob(a), new BytesBlob(b).slice(0, 500)));
        assertEquals(800, concat.size());
        assertArrayEquals(all, read(concat, 0, 800));
        assertArrayEquals(Arrays.copyOfRange(all, 250, 350), read(concat, 250, 100));
        assertEquals(sdkCrc(all), concat.crc64());
        assertArrayEquals(MessageDigest.getInstance("MD5").digest(all), concat.md5());
    }

    @Test
    void generatedContentIsDeterministicPerSeedAndRangeReadable() throws Exception {
        Blob one = new GeneratedBlob(10_000, 7);
        byte[] all = read(one, 0, 10_000);
        assertArrayEquals(all, read(new GeneratedBlob(10_000, 7), 0, 10_000));
        assertArrayEquals(Arrays.copyOfRange(all, 1234, 5678), read(one, 1234, 4444));
        assertEquals(sdkCrc(all), one.crc64());
    }
}
