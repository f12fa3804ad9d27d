package io.ossenforcer.handler;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts Log4j on a thread of its own when the first handler is made. On a cold JVM Log4j's start is about 100 ms of
 * class loading and configuration (docs/PERFORMANCE.md, section 1) that the first log line would otherwise pay after
 * the first event's work; started here, it runs beside the rules load, the SDK client's build and the first event on
 * a second processor where the instance has one (with one, it costs and saves nothing). Whoever logs first waits for
 * it: {@link OutcomeLog} makes its logger in its class initializer, which the JVM runs once while holding back every
 * other thread that uses the class.
 */
final class LogStart implements Runnable {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private LogStart() {
    }

    static void inBackground() {
        if (STARTED.compareAndSet(false, true)) {
            Thread thread = new Thread(new LogStart(), "log4j-start");
            thread.setDaemon(true); // never what keeps a JVM alive; an exit before any line has nothing to wait for
            thread.start();
        }
    }

    @Override
    public void run() {
        OutcomeLog.start();
    }
}
