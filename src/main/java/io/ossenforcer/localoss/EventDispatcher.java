package io.ossenforcer.localoss;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Delivers events to listeners on one daemon thread, in emission order, after the response that caused them has been
 * sent: OSS triggers are asynchronous, and a client must never be able to rely on an event arriving before its reply.
 */
final class EventDispatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());

    private final List<OssEventListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "local-oss-events");
        t.setDaemon(true);
        return t;
    });
    private long emitted;
    private long delivered;

    void addListener(OssEventListener listener) {
        listeners.add(listener);
    }

    /**
     * Counts an event as emitted now and returns the action that queues it; the router runs that action once the
     * response is on the wire.
     */
    Runnable emitAfterSent(String eventJson) {
        synchronized (this) {
            emitted++;
        }
        return () -> thread.execute(() -> deliver(eventJson));
    }

    private void deliver(String eventJson) {
        try {
            for (OssEventListener listener : listeners) {
                try {
                    listener.onEvent(eventJson);
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.WARNING, "OSS event listener " + listener + " failed; delivery continues", e);
                }
            }
        } finally {
            synchronized (this) {
                delivered++;
                notifyAll();
            }
        }
    }

    /**
     * Waits until no event is pending, including events that listeners caused while handling earlier ones (a
     * listener that writes objects emits more), so a caller sees the whole cascade settle.
     */
    synchronized boolean awaitDelivered(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (delivered < emitted) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
