package io.ossenforcer.cli;

import io.ossenforcer.event.EventFormatException;
import io.ossenforcer.event.EventParser;
import io.ossenforcer.handler.EnforcerHandler;
import io.ossenforcer.handler.InvocationException;
import io.ossenforcer.handler.Report;
import io.ossenforcer.localoss.OssEventListener;
import io.ossenforcer.oss.AccessKey;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Plays the OSS trigger for the emulator: every event it emits goes to the handler, as FC would deliver it. */
final class LocalTrigger implements OssEventListener {
    private final EnforcerHandler handler;
    private final AccessKey key;
    private final Consumer<Report> reports;
    private final PrintStream err;
    private final AtomicLong invocations = new AtomicLong();

    LocalTrigger(EnforcerHandler handler, AccessKey key, Consumer<Report> reports, PrintStream err) {
        this.handler = handler;
        this.key = key;
        this.reports = reports;
        this.err = err;
    }

    @Override
    public void onEvent(String nativeEventJson) {
        String invocationId = "local-trigger-" + invocations.incrementAndGet();
        try {
            reports.accept(handler.handle(EventParser.parse(nativeEventJson), Optional.of(key), invocationId));
        } catch (EventFormatException | InvocationException e) {
            err.println("local trigger: " + invocationId + " failed: " + e.getMessage());
        }
    }
}
