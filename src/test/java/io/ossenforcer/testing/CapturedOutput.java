package io.ossenforcer.testing;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * Everything the test run prints or logs: System.out and System.err, Log4j, java.util.logging (the OSS SDK's log),
 * and text that tests hand over with {@link #feed} (reports, in-memory CLI streams, exception messages).
 *
 * <p>Kept as bytes of UTF-8 shown as ISO-8859-1 characters, one char per byte: streams hand over bytes, loggers
 * strings, and a secret is found in both by searching for its UTF-8 bytes. Positions count every byte ever captured;
 * only the last {@value #MAX_RETAINED} are kept.
 */
public final class CapturedOutput {
    static final int MAX_RETAINED = 64 << 20;

    private static final StringBuilder retained = new StringBuilder();
    private static long dropped;
    private static boolean installed;
    /**
     * Held so it stays the context everyone logs to: Log4j keeps its contexts by weak reference, and one that nothing
     * refers to yet (no logger made) is collected and replaced by a fresh one without the capture.
     */
    private static LoggerContext log4jContext;

    private CapturedOutput() {
    }

    /** Starts capturing; idempotent. Log4j first, so its console appender keeps the original stream (no echo). */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        LoggerContext log4j = (LoggerContext) LogManager.getContext(false);
        log4jContext = log4j;
        Log4jCapture appender = new Log4jCapture();
        appender.start();
        // The root and every logger that does not pass its events up to the root (the outcome lines).
        log4j.getConfiguration().getRootLogger().addAppender(appender, null, null);
        log4j.getConfiguration().getLoggers().values().stream().filter(logger -> !logger.isAdditive())
                .forEach(logger -> logger.addAppender(appender, null, null));
        log4j.updateLoggers();
        java.util.logging.Logger.getLogger("").addHandler(new JulCapture());
        System.setOut(tee(System.out));
        System.setErr(tee(System.err));
    }

    /** Text a test produced somewhere other than the standard streams and logs. */
    public static void feed(String text) {
        append(text.getBytes(StandardCharsets.UTF_8), 0, -1);
    }

    private static synchronized void append(byte[] bytes, int offset, int length) {
        int n = length < 0 ? bytes.length : length;
        retained.append(new String(bytes, offset, n, StandardCharsets.ISO_8859_1));
        int excess = retained.length() - MAX_RETAINED;
        if (excess > 0) {
            retained.delete(0, excess);
            dropped += excess;
        }
    }

    /** The position just past everything captured so far. */
    public static synchronized long end() {
        return dropped + retained.length();
    }

    /** What was captured from {@code position} on (or from the oldest byte still kept). */
    public static synchronized String since(long position) {
        return retained.substring((int) Math.max(0, position - dropped));
    }

    /** How a secret looks in the captured text: its UTF-8 bytes, one char each. */
    static String asCaptured(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** Back from captured chars to readable text, for messages. */
    static String readable(String captured) {
        return new String(captured.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    private static PrintStream tee(PrintStream original) {
        OutputStream both = new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                append(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                append(b, off, len);
            }

            @Override
            public void flush() {
                original.flush();
            }
        };
        return new PrintStream(both, true, StandardCharsets.UTF_8);
    }

    private static final class Log4jCapture extends AbstractAppender {
        Log4jCapture() {
            super("credential-scan", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            feed(event.getMessage().getFormattedMessage() + "\n");
        }
    }

    private static final class JulCapture extends Handler {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                feed(format.format(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** For the summary at the end of the run. */
    static synchronized String describe() {
        return end() + " bytes captured" + (dropped > 0 ? " (the first " + dropped + " no longer kept)" : "");
    }
}
