package io.ossenforcer.localoss;

import java.io.InputStream;

/** A byte range of another blob (an UploadPartCopy with {@code x-oss-copy-source-range}); shares its bytes. */
final class SliceBlob extends Blob {
    private final Blob source;
    private final long offset;
    private final long length;

    SliceBlob(Blob source, long offset, long length) {
        checkRange(offset, length, source.size());
        this.source = source;
        this.offset = offset;
        this.length = length;
    }

    @Override
    long size() {
        return length;
    }

    @Override
    InputStream open(long from, long count) {
        checkRange(from, count, length);
        return source.open(offset + from, count);
    }
}
