package io.ossenforcer.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An object far larger than the heap is rewritten by a multipart copy inside OSS: the enforcer (and the emulator
 * with it) runs in a JVM capped at 64 MiB of heap, so any object bytes held in memory would fail it.
 */
class LargeObjectRewriteTest {
    private static final long SIZE = 2_684_354_560L + 12_345;

    @Test
    @Timeout(600)
    void aMultiGigabyteObjectIsRewrittenWithA64MiBHeap() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process probe = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                LargeRewriteProbe.class.getName(), Long.toString(SIZE), "test-fixtures/rules/large-object.json")
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(probe.waitFor(10, TimeUnit.MINUTES));
        System.out.println("large-object probe: " + output.lines().filter(l -> !l.startsWith("{")).reduce("",
                (a, b) -> a + b + " "));

        assertEquals(0, probe.exitValue(), output);
        assertTrue(output.contains("outcome=ENCRYPTED"), output);
    }
}
