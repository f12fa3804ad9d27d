package io.ossenforcer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ossenforcer.cli.MainTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check-rules on what rules validation warns about or refuses in a key id (issue 17). */
class CheckRulesWarningsTest {
    @Test
    void thePackagedPlaceholderKeyIdIsAWarningLineAndStillExits0() {
        Run r = MainTest.run(Map.of(), "", "check-rules", "src/main/resources/rules.json");

        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains("example-bucket"), r.out);
        assertEquals("warning: src/main/resources/rules.json: $.buckets.example-bucket.rules[0].encryption.kmsKeyId:"
                + " \"example-placeholder-cmk-id-replace-me\" is the placeholder the project ships, not a key: until it"
                + " names your CMK, every rewrite under this rule fails", r.err.strip());
    }

    @Test
    void aKeyIdWithALineBreakIsRefusedByPathAndExits2(@TempDir Path dir) throws IOException {
        Path rules = dir.resolve("rules.json");
        Files.writeString(rules, "{\"buckets\":{\"abc\":{\"rules\":[{\"id\":\"a\",\"encryption\":{\"algorithm\":\"KMS\","
                + "\"kmsKeyId\":\"key\\r\\n\"}}]}}}");

        Run r = MainTest.run(Map.of(), "", "check-rules", rules.toString());

        assertEquals(2, r.status);
        assertTrue(r.err.contains("$.buckets.abc.rules[0].encryption.kmsKeyId: kmsKeyId must be visible ASCII"), r.err);
    }
}
