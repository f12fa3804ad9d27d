package io.ossenforcer.localoss;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.http.entity.AbstractHttpEntity;

/**
 * Streams a blob as a response body, then runs an action once the bytes are flushed to the socket. For a HEAD the
 * server never calls {@link #writeTo}: the entity then only supplies Content-Length.
 */
final class BlobEntity extends AbstractHttpEntity {
    private final Blob blob;
    private final Runnable afterSent;

    BlobEntity(Blob blob, Runnable afterSent) {
        this.blob = blob;
        this.afterSent = afterSent;
    }

    @Override
    public boolean isRepeatable() {
        return true;
    }

    @Override
    public long getContentLength() {
        return blob.size();
    }

    @Override
    public InputStream getContent() {
        return blob.open(0, blob.size());
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        try (InputStream in = getContent()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
            out.flush();
        } finally {
            afterSent.run();
        }
    }

    @Override
    public boolean isStreaming() {
        return false;
    }
}
