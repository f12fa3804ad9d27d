package io.ossenforcer.localoss;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Immutable object content. Implementations share bytes instead of copying them: a copy reuses its source's blob, an
 * UploadPartCopy part is a {@link SliceBlob}, a completed multipart object is a {@link ConcatBlob}. Digests are
 * computed once, on first use, by streaming the content.
 */
abstract class Blob {
    private byte[] md5;
    private Long crc64;

    abstract long size();

    /** The bytes {@code [offset, offset + length)}; the caller closes the stream. */
    abstract InputStream open(long offset, long length);

    final synchronized byte[] md5() {
        if (md5 == null) {
            digest();
        }
        return md5.clone();
    }

    synchronized long crc64() {
        if (crc64 == null) {
            digest();
        }
        return crc64;
    }

    private void digest() {
        MessageDigest digest = newMd5();
        long crc = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = open(0, size())) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                crc = Crc64.update(crc, buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        md5 = digest.digest();
        crc64 = crc;
    }

    final Blob slice(long offset, long length) {
        if (offset == 0 && length == size()) {
            return this;
        }
        return new SliceBlob(this, offset, length);
    }

    static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    static void checkRange(long offset, long length, long size) {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " outside 0.." + size);
        }
    }
}
