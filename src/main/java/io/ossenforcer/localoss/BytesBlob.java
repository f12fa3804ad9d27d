package io.ossenforcer.localoss;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** Content received in a request body. Owns its array: callers hand it over and never touch it again. */
final class BytesBlob extends Blob {
    private final byte[] bytes;

    BytesBlob(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    long size() {
        return bytes.length;
    }

    @Override
    InputStream open(long offset, long length) {
        checkRange(offset, length, bytes.length);
        return new ByteArrayInputStream(bytes, (int) offset, (int) length);
    }
}
