package io.ossenforcer.localoss;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The parts of a completed multipart upload, in order; shares their bytes. */
final class ConcatBlob extends Blob {
    private final List<Blob> parts;
    private final long size;
    private Long crc64;

    ConcatBlob(List<Blob> parts) {
        this.parts = Collections.unmodifiableList(new ArrayList<>(parts));
        long total = 0;
        for (Blob part : parts) {
            total += part.size();
        }
        this.size = total;
    }

    @Override
    long size() {
        return size;
    }

    /** Combined from the parts' checksums: completing a multi-GB upload does not reread it. */
    @Override
    synchronized long crc64() {
        if (crc64 == null) {
            long crc = 0;
            for (Blob part : parts) {
                crc = Crc64.combine(crc, part.crc64(), part.size());
            }
            crc64 = crc;
        }
        return crc64;
    }

    @Override
    InputStream open(long offset, long length) {
        checkRange(offset, length, size);
        List<InputStream> streams = new ArrayList<>();
        long partStart = 0;
        long end = offset + length;
        for (Blob part : parts) {
            long partEnd = partStart + part.size();
            long from = Math.max(offset, partStart);
            long to = Math.min(end, partEnd);
            if (from < to) {
                streams.add(part.open(from - partStart, to - from));
            }
            partStart = partEnd;
        }
        return streams.isEmpty() ? InputStream.nullInputStream() : sequence(streams);
    }

    private static InputStream sequence(List<InputStream> streams) {
        return new SequenceInputStream(Collections.enumeration(streams)) {
            @Override
            public void close() throws IOException {
                super.close();
                for (InputStream stream : streams) {
                    stream.close();
                }
            }
        };
    }
}
