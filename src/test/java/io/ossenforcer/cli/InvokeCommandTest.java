package io.ossenforcer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ossenforcer.app.Settings;
import io.ossenforcer.localoss.Faults;
import io.ossenforcer.localoss.LocalOss;
import io.ossenforcer.testing.Emulator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** invoke speaks to a terminal: no endpoint is said at once, retryable failures are listed once each. */
class InvokeCommandTest {

    @Test
    void withoutAnEndpointItFailsAtOnceNamingTheWayOut() {
        MainTest.Run r = MainTest.run(Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI0000000000000001",
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "secret-secret-secret-0001"), "", "invoke", "--event",
                "events/put-object.json");

        assertEquals(2, r.status, r.err);
        assertTrue(r.err.contains("invoke: no OSS endpoint: give --endpoint URL or set $OSS_ENDPOINT"), r.err);
        assertEquals("", r.out);
    }

    @Test
    void retryableFailuresAreListedOncePerObjectInTheCommandLinesWords() {
        try (Emulator emulator = Emulator.start(LocalOss.builder().faults(Faults.parse("HeadObject:status=503")))
                .bucket("example-bucket")) {
            MainTest.Run r = MainTest.run(Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", emulator.key.id(),
                    "ALIBABA_CLOUD_ACCESS_KEY_SECRET", emulator.key.secret(), Settings.OSS_ENDPOINT,
                    emulator.oss.endpoint()), "", "invoke", "--event", "events/put-object.json", "--rules",
                    "src/main/resources/rules.json");

            assertEquals(1, r.status, r.err);
            String path = "oss://example-bucket/reports/2024/q2/revenue-summary.pdf";
            String line = r.err.lines().filter(l -> l.startsWith("invoke: ")).findFirst().orElseThrow();
            assertTrue(line.startsWith("invoke: retryable failures (Function Compute would retry this invocation): "
                    + path + ": HeadObject failed"), line);
            assertEquals(line.indexOf(path), line.lastIndexOf(path), line);
        }
    }
}
