package io.ossenforcer.localoss;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The server connections accepted and not yet closed; a test can wait for the last one to close. */
final class OpenConnections {
    private int open;

    synchronized void opened() {
        open++;
    }

    synchronized void closed() {
        open--;
        notifyAll();
    }

    synchronized int count() {
        return open;
    }

    synchronized boolean awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (open > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
