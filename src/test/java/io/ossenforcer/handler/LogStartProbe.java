package io.ossenforcer.handler;

import io.ossenforcer.rules.RulesParser;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.apache.logging.log4j.core.config.ConfigurationSource;

/**
 * Run in a JVM of its own, where nothing has touched Log4j: makes a handler, logs nothing, and prints the name of the
 * thread on which Log4j read its configuration (through {@link Recording}, which hands over to the project's
 * {@link LogConfigurationFactory}), or that it was not configured within 30 seconds.
 */
public final class LogStartProbe {
    private static final CountDownLatch CONFIGURED = new CountDownLatch(1);
    private static volatile String configuredOn = "";

    private LogStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty(ConfigurationFactory.CONFIGURATION_FACTORY_PROPERTY, Recording.class.getName());
        new EnforcerHandler(RulesParser.load(Path.of(args[0])),
                new Settings(Optional.empty(), Optional.empty(), Optional.empty(), false), Map.of());
        System.out.println(CONFIGURED.await(30, TimeUnit.SECONDS) ? "configured on " + configuredOn
                : "not configured");
    }

    /** The project's configuration, noting which thread asked for it. */
    public static final class Recording extends ConfigurationFactory {
        private final LogConfigurationFactory configurations = new LogConfigurationFactory();

        @Override
        protected String[] getSupportedTypes() {
            return new String[] {"*"};
        }

        @Override
        public Configuration getConfiguration(LoggerContext context, ConfigurationSource source) {
            return recorded(configurations.getConfiguration(context, source));
        }

        @Override
        public Configuration getConfiguration(LoggerContext context, String name, URI location) {
            return recorded(configurations.getConfiguration(context, name, location));
        }

        private static Configuration recorded(Configuration configuration) {
            configuredOn = Thread.currentThread().getName();
            CONFIGURED.countDown();
            return configuration;
        }
    }
}
