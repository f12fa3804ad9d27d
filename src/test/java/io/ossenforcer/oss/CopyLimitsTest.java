package io.ossenforcer.oss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CopyLimitsTest {
    private static final long MIB = 1L << 20;

    @Test
    void objectsUpToTheSingleCopyLimitAreCopiedInOnePiece() {
        CopyLimits limits = CopyLimits.oss();

        assertFalse(limits.needsMultipart(CopyLimits.GIB));
        assertTrue(limits.needsMultipart(CopyLimits.GIB + 1));
    }

    @Test
    void partsCoverTheObjectContiguouslyWithASmallerLastPart() {
        List<CopyLimits.Part> parts = new CopyLimits(CopyLimits.GIB, 64 * MIB, 4).parts(150 * MIB);

        assertEquals(3, parts.size());
        assertEquals(new CopyLimits.Part(1, 0, 64 * MIB), parts.get(0));
        assertEquals(new CopyLimits.Part(2, 64 * MIB, 64 * MIB), parts.get(1));
        assertEquals(new CopyLimits.Part(3, 128 * MIB, 22 * MIB), parts.get(2));
    }

    @Test
    void partsGrowSoThatNoObjectNeedsMoreThan10000() {
        long size = 10_000L * 64 * MIB + 1;

        List<CopyLimits.Part> parts = CopyLimits.oss().parts(size);

        assertTrue(parts.size() <= CopyLimits.MAX_PARTS, "parts: " + parts.size());
        assertEquals(size, parts.stream().mapToLong(CopyLimits.Part::size).sum());
    }

    @Test
    void anObjectBeyond10000PartsOf5GibCannotBeCopied() {
        assertThrows(IllegalArgumentException.class,
                () -> CopyLimits.oss().parts(CopyLimits.MAX_PARTS * CopyLimits.MAX_PART + 1));
    }

    @Test
    void limitsOutsideWhatOssAcceptsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new CopyLimits(CopyLimits.GIB, 1024, 4));
        assertThrows(IllegalArgumentException.class, () -> new CopyLimits(CopyLimits.GIB, 64 * MIB, 0));
        assertThrows(IllegalArgumentException.class, () -> new CopyLimits(0, 64 * MIB, 4));
    }
}
