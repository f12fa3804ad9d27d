package io.ossenforcer.handler;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.AbstractConfiguration;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Log4j's configuration, built in code (named by {@code log4j2.component.properties}): one console appender whose
 * layout adds only a line break, since each message is already one JSON line (see {@link OutcomeLog}). A
 * configuration file would cost a cold start the XML parser and Log4j's reflective plugin building, several hundred
 * classes, for these few objects.
 *
 * <p>The lines go to stdout, or to stderr when the system property {@value #TARGET} says {@code SYSTEM_ERR} (the CLI
 * keeps stdout for reports). The environment variable {@value #LEVEL} sets the threshold, {@code INFO} when unset;
 * a value that names no level means {@code ERROR}, as Log4j reads a level it cannot convert.
 */
public final class LogConfigurationFactory extends ConfigurationFactory {
    static final String TARGET = "ossenforcer.log.target";
    static final String LEVEL = "LOG_LEVEL";

    @Override
    protected String[] getSupportedTypes() {
        return new String[] {"*"}; // any: this factory needs no file
    }

    @Override
    public Configuration getConfiguration(LoggerContext context, ConfigurationSource source) {
        return new JsonLines(context);
    }

    @Override
    public Configuration getConfiguration(LoggerContext context, String name, URI location) {
        return new JsonLines(context);
    }

    private static final class JsonLines extends AbstractConfiguration {
        JsonLines(LoggerContext context) {
            super(context, ConfigurationSource.NULL_SOURCE);
            setName("ossenforcer");
        }

        @Override
        protected void doConfigure() {
            PrintStream stream = "SYSTEM_ERR".equalsIgnoreCase(System.getProperty(TARGET)) ? System.err : System.out;
            LineAppender lines = new LineAppender(stream,
                    PatternLayout.newBuilder().withPattern("%m%n").withCharset(StandardCharsets.UTF_8)
                            .withConfiguration(this).build());
            addAppender(lines);
            getRootLogger().addAppender(lines, null, null);
            getRootLogger().setLevel(Level.toLevel(Optional.ofNullable(System.getenv(LEVEL)).orElse("INFO"),
                    Level.ERROR));
        }
    }

    /**
     * Each event's line, written and flushed at once. Log4j's ConsoleAppender would do the same through its output
     * stream manager, but its builder validates itself by reflecting over its annotated fields, which costs a cold
     * start about 17 ms (annotation parsing and proxy classes) for one appender built in code.
     */
    private static final class LineAppender extends AbstractAppender {
        private final PrintStream stream;

        LineAppender(PrintStream stream, Layout<String> layout) {
            super("json", null, layout, true, Property.EMPTY_ARRAY);
            this.stream = stream;
        }

        @Override
        public void append(LogEvent event) {
            byte[] line = getLayout().toByteArray(event);
            synchronized (stream) { // one line at a time, whole, whatever else writes to the stream
                stream.write(line, 0, line.length);
                stream.flush();
            }
        }
    }
}
