package io.ossenforcer.handler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.logging.log4j.core.config.plugins.processor.PluginCache;
import org.apache.logging.log4j.core.config.plugins.processor.PluginEntry;
import org.apache.logging.log4j.core.config.plugins.processor.PluginProcessor;
import org.junit.jupiter.api.Test;

/**
 * Log4j loads every class its plugin cache lists when it starts (about 450 classes for log4j-core's own cache). The
 * shaded jar carries instead a cache of just the plugins the configuration built by {@link LogConfigurationFactory}
 * uses (it builds its appender and layout in code, so no other plugin category is needed), taken from log4j-core's.
 * After a Log4j upgrade, or when the configuration uses another plugin, regenerate it:
 * {@code mvn -B test -Dtest=Log4jPluginCacheTest -Dregenerate.plugin.cache=true}.
 */
class Log4jPluginCacheTest {
    private static final Path PACKAGED = Path.of("src/main/resources", PluginProcessor.PLUGIN_CACHE_FILE);

    /** Category to plugin keys; an empty set keeps the whole category. */
    private static final Map<String, Set<String>> USED = Map.of(
            // %m and %n, the throwable converter PatternLayout appends when the pattern has none, and those of
            // the default configuration Log4j builds before LogConfigurationFactory's.
            "converter", Set.of("messagepatternconverter", "lineseparatorpatternconverter",
                    "extendedthrowablepatternconverter", "throwablepatternconverter", "datepatternconverter",
                    "threadpatternconverter", "levelpatternconverter", "loggerpatternconverter"));

    @Test
    void thePackagedCacheHoldsExactlyThePluginsTheConfigurationUses() throws IOException {
        byte[] expected = trimmedLog4jCache();
        if (Boolean.getBoolean("regenerate.plugin.cache")) {
            Files.write(PACKAGED, expected);
        }

        assertArrayEquals(expected, Files.readAllBytes(PACKAGED),
                PACKAGED + " is stale: regenerate it (see " + getClass().getSimpleName() + ")");
    }

    @Test
    void everyPluginTheConfigurationUsesIsInLog4jsCache() throws IOException {
        PluginCache full = log4jCoreCache();
        USED.forEach((category, keys) -> keys.forEach(key -> assertTrue(full.getCategory(category).containsKey(key),
                "log4j-core has no " + category + " plugin " + key)));
    }

    private static PluginCache log4jCoreCache() throws IOException {
        List<URL> log4jCore = Collections.list(Thread.currentThread().getContextClassLoader()
                .getResources(PluginProcessor.PLUGIN_CACHE_FILE)).stream()
                .filter(url -> url.toString().contains("log4j-core")).collect(Collectors.toList());
        PluginCache full = new PluginCache();
        full.loadCacheFiles(Collections.enumeration(log4jCore));
        return full;
    }

    private static byte[] trimmedLog4jCache() throws IOException {
        PluginCache full = log4jCoreCache();
        PluginCache trimmed = new PluginCache();
        USED.keySet().stream().sorted().forEach(category -> {
            Set<String> keys = USED.get(category);
            Map<String, PluginEntry> kept = trimmed.getCategory(category);
            full.getCategory(category).forEach((key, entry) -> {
                if (keys.isEmpty() || keys.contains(key)) {
                    kept.put(key, entry);
                }
            });
        });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        trimmed.writeCache(bytes);
        return bytes.toByteArray();
    }
}
