package io.ossenforcer.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Log4j's start begins when a handler is made, on a thread of its own, before anything is logged (LogStart). */
class LogStartTest {
    @Test
    void makingAHandlerStartsLog4jOnItsOwnThreadBeforeAnyLine() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process probe = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LogStartProbe.class.getName(), "test-fixtures/rules/valid/minimal.json").redirectErrorStream(true)
                .start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(probe.waitFor(1, TimeUnit.MINUTES), output);

        assertEquals(0, probe.exitValue(), output);
        assertEquals("configured on log4j-start", output.strip(), output);
    }
}
