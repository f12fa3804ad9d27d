package io.ossenforcer.cli;

import io.ossenforcer.event.EventFormatException;
import io.ossenforcer.event.EventParser;
import io.ossenforcer.event.EventRecord;
import io.ossenforcer.app.Application;
import io.ossenforcer.app.InvocationException;
import io.ossenforcer.app.Report;
import io.ossenforcer.localoss.OssEventListener;
import io.ossenforcer.oss.AccessKey;
import io.ossenforcer.sweep.Sleeper;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Plays the OSS trigger for the emulator: every event it emits is enforced, as FC would deliver it, and an
 * invocation that fails retryably is retried as FC retries asynchronous invocations.
 */
final class LocalTrigger implements OssEventListener {
    /** FC's {@code asyncInvokeConfig.maxAsyncRetryAttempts} default: a failed async invocation is retried 3 times. */
    static final int MAX_RETRIES = 3;
    /** The first pause before a retry, doubled each time (FC's own back-off is longer and not documented). */
    static final Duration RETRY_PAUSE = Duration.ofMillis(100);
    /** Invocations in flight at once under {@code local-oss --rules}: FC runs one instance per invocation. */
    static final int INSTANCES = 4;

    private final Application app;
    private final AccessKey key;
    private final Consumer<Report> reports;
    private final PrintStream err;
    private final Sleeper sleeper;
    private final AtomicLong invocations = new AtomicLong();

    LocalTrigger(Application app, AccessKey key, Consumer<Report> reports, PrintStream err) {
        this(app, key, reports, err, Sleeper.SYSTEM);
    }

    /** {@code sleeper} waits out the pause before each retry. */
    LocalTrigger(Application app, AccessKey key, Consumer<Report> reports, PrintStream err, Sleeper sleeper) {
        this.app = app;
        this.key = key;
        this.reports = reports;
        this.err = err;
        this.sleeper = sleeper;
    }

    /**
     * This trigger behind {@code instances} threads: each event is handed to one and the emulator goes on, so uploads
     * close together are enforced at the same time, as FC's instances would (and races can be tried by hand).
     */
    OssEventListener concurrently(int instances) {
        AtomicLong threads = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(instances, r -> {
            Thread t = new Thread(r, "local-trigger-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return event -> pool.execute(() -> onEvent(event));
    }

    @Override
    public void onEvent(String nativeEventJson) {
        String invocationId = "local-trigger-" + invocations.incrementAndGet();
        try {
            List<EventRecord> records = EventParser.parse(nativeEventJson);
            for (int attempt = 0; ; attempt++) {
                Report report = app.enforce(records, Optional.of(key), invocationId);
                reports.accept(report);
                if (!report.anyRetryable()) {
                    return;
                }
                if (attempt == MAX_RETRIES) {
                    err.println("local trigger: " + invocationId + " still failing after " + MAX_RETRIES
                            + " retries; FC would now send it to its on-failure destination");
                    return;
                }
                sleeper.sleep(RETRY_PAUSE.multipliedBy(1L << attempt));
            }
        } catch (EventFormatException | InvocationException e) {
            err.println("local trigger: " + invocationId + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
