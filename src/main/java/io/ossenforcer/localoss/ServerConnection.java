package io.ossenforcer.localoss;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.http.HttpConnectionFactory;
import org.apache.http.impl.DefaultBHttpServerConnection;

/**
 * A server connection whose response heads go out byte for byte (see {@link RawHeadWriter}), that is counted while open and that a fault can break: reset (RST, nothing sent) or cut short
 * (raw bytes written past HttpCore, then FIN).
 */
final class ServerConnection extends DefaultBHttpServerConnection {
    private static final int BUFFER_SIZE = 8 * 1024;

    private final OpenConnections open;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ServerConnection(OpenConnections open) {
        super(BUFFER_SIZE, BUFFER_SIZE, null, null, null, null, null, null, RawHeadWriter::new);
        this.open = open;
    }

    /** A factory whose connections keep {@code open} counting those not yet closed. */
    static HttpConnectionFactory<ServerConnection> factory(OpenConnections open) {
        return socket -> {
            ServerConnection connection = new ServerConnection(open);
            connection.bind(socket);
            open.opened();
            return connection;
        };
    }

    /** Closes the socket with an RST, so the client sees a reset instead of a response. */
    void reset() throws IOException {
        shutdown();
    }

    /** Writes {@code bytes} straight to the socket, bypassing HttpCore, then closes the connection (FIN). */
    void cut(byte[] bytes, Blob bodyPrefix) throws IOException {
        Socket socket = getSocket();
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        new BlobEntity(bodyPrefix, () -> { }).writeTo(out);
        close();
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            closed();
        }
    }

    @Override
    public void shutdown() throws IOException {
        try {
            super.shutdown();
        } finally {
            closed();
        }
    }

    private void closed() {
        if (closed.compareAndSet(false, true)) {
            open.closed();
        }
    }
}
