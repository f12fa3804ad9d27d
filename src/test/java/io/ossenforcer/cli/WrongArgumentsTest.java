package io.ossenforcer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ossenforcer.testing.CapturedOutput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command, given wrong arguments, says what is wrong on stderr and exits 2 — never a stack trace. */
class WrongArgumentsTest {
    private static final String EVENT = "events/put-object.json";
    private static final String RULES = "test-fixtures/rules/handler-it.json";
    private static final Path BAD_JSON = fixture("bad.json", "{\"buckets\":");
    private static final Path NOT_UTF8 = fixture("latin1.json", "{\"events\":[\"caf\u00e9\"]}", StandardCharsets.ISO_8859_1);
    private static final Path DIRECTORY = BAD_JSON.getParent();

    private static Path fixture(String name, String content) {
        return fixture(name, content, StandardCharsets.UTF_8);
    }

    private static Path fixture(String name, String content, java.nio.charset.Charset charset) {
        try {
            Path dir = Files.createTempDirectory("wrong-args");
            return Files.write(dir.resolve(name), content.getBytes(charset));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Arguments wrong(String expected, String... argv) {
        return Arguments.of(String.join(" ", argv), Arrays.asList(argv), expected);
    }

    static Stream<Arguments> wrongArguments() {
        String bad = BAD_JSON.toString();
        String dir = DIRECTORY.toString();
        return Stream.of(
                wrong("unknown option --fast", "demo", "--fast"),
                wrong("expected no arguments, got extra", "demo", "extra"),

                wrong("--event FILE|- is required", "invoke"),
                wrong("unknown option --evnt", "invoke", "--evnt", EVENT),
                wrong("--event needs a value", "invoke", "--event"),
                wrong("--event needs a value", "invoke", "--event="),
                wrong("--event given 2 times", "invoke", "--event", EVENT, "--event", EVENT),
                wrong("expected no positional arguments, got extra", "invoke", "--event", EVENT, "extra"),
                wrong("--dry-run takes no value", "invoke", "--event", EVENT, "--dry-run=yes"),
                wrong("no such file: no/such.json", "invoke", "--event", "no/such.json"),
                wrong("cannot read " + dir, "invoke", "--event", dir),
                wrong("invalid JSON at line 1", "invoke", "--event", bad),
                wrong("invalid UTF-8 at byte offset", "invoke", "--event", NOT_UTF8.toString()),
                wrong("file not found", "invoke", "--event", EVENT, "--rules", "no/such-rules.json"),
                wrong("invalid JSON at line 1", "invoke", "--event", EVENT, "--rules", bad),
                wrong("cannot read the file", "invoke", "--event", EVENT, "--rules", dir),
                wrong("--region must be a region id such as cn-hangzhou", "invoke", "--event", EVENT, "--region", "cn-hangzhou.evil.com"),
                wrong("--region must be a region id such as cn-hangzhou", "invoke", "--event", EVENT, "--region", "CN-HANGZHOU"),
                wrong("--endpoint must be an http:// or https:// URL", "invoke", "--event", EVENT,
                        "--endpoint", "oss-cn-hangzhou.aliyuncs.com/x"),
                wrong("--endpoint must be an http:// or https:// URL", "invoke", "--event", EVENT,
                        "--endpoint", "ftp://127.0.0.1:9000"),

                wrong("expected one rules file or oss:// URI, got nothing", "check-rules"),
                wrong("expected one rules file or oss:// URI, got a.json b.json", "check-rules", "a.json", "b.json"),
                wrong("\"oss://config\" names no object key", "check-rules", "oss://config"),
                wrong("needs --region or $FC_REGION", "check-rules", "oss://config/rules.json"),
                wrong("--region must be a region id such as cn-hangzhou", "check-rules", "oss://config/rules.json",
                        "--region", "cn-hangzhou.evil.com"),
                wrong("needs ALIBABA_CLOUD_ACCESS_KEY_ID", "check-rules", "oss://config/rules.json", "--region",
                        "cn-hangzhou"),

                wrong("--rules FILE|oss://BUCKET/KEY is required", "check-buckets"),
                wrong("unknown option --bucket", "check-buckets", "--bucket", "b"),
                wrong("expected no positional arguments, got extra", "check-buckets", "--rules", RULES, "extra"),
                wrong("file not found", "check-buckets", "--rules", "no/such-rules.json"),
                wrong("needs --region or $FC_REGION", "check-buckets", "--rules", RULES),
                wrong("--endpoint must be an http:// or https:// URL", "check-buckets", "--rules", RULES, "--region",
                        "cn-hangzhou", "--endpoint", "ftp://127.0.0.1:9000"),
                wrong("needs ALIBABA_CLOUD_ACCESS_KEY_ID", "check-buckets", "--rules", RULES, "--region",
                        "cn-hangzhou"),
                wrong("unknown option --strict", "check-rules", "--strict", RULES),
                wrong("file not found", "check-rules", "no/such-rules.json"),
                wrong("cannot read the file", "check-rules", dir),
                wrong("invalid JSON at line 1", "check-rules", bad),

                wrong("--rules FILE is required", "audit"),
                wrong("unknown option --dry-run", "audit", "--rules", RULES, "--dry-run"),
                wrong("expected no positional arguments, got extra", "audit", "--rules", RULES, "extra"),
                wrong("file not found", "audit", "--rules", "no/such-rules.json"),
                wrong("--concurrency must be", "audit", "--rules", RULES, "--concurrency", "0"),
                wrong("--rules FILE is required", "backfill"),
                wrong("--dry-run takes no value", "backfill", "--rules", RULES, "--dry-run=yes"),
                wrong("--max-rps must be a positive number", "backfill", "--rules", RULES, "--max-rps", "-5"),
                wrong("--concurrency must be", "backfill", "--rules", RULES, "--concurrency", "many"),
                wrong("needs --region or $FC_REGION", "backfill", "--rules", RULES),

                wrong("--port must be a number from 0 to 65535, not \"http\"", "local-oss", "--port", "http"),
                wrong("--port must be a number from 0 to 65535, not \"70000\"", "local-oss", "--port", "70000"),
                wrong("--port must be a number from 0 to 65535, not \"-1\"", "local-oss", "--port", "-1"),
                wrong("--port needs a value", "local-oss", "--port"),
                wrong("--port given 2 times", "local-oss", "--port", "1", "--port", "2"),
                wrong("unknown option --host", "local-oss", "--host", "0.0.0.0"),
                wrong("expected no positional arguments, got extra", "local-oss", "extra"),
                wrong("--region must be a region id such as cn-hangzhou", "local-oss", "--region", "../evil"),
                wrong("--kms-key needs a value", "local-oss", "--kms-key="),
                wrong("--copy-limit must be a whole number of bytes above 0, not \"0\"", "local-oss",
                        "--copy-limit", "0"),
                wrong("file not found", "local-oss", "--rules", "no/such-rules.json"),
                wrong("invalid JSON at line 1", "local-oss", "--rules", bad),

                wrong("--rules FILE|oss://BUCKET/KEY is required", "verify-deployment"),
                wrong("refused: bucket not-a-rule-bucket is not named in " + RULES, "verify-deployment", "--rules",
                        RULES, "--bucket", "not-a-rule-bucket"),
                wrong("--timeout must be a whole number of seconds from 1 to 3600, not \"0\"", "verify-deployment",
                        "--rules", RULES, "--timeout", "0"),
                wrong("--timeout must be a whole number of seconds from 1 to 3600, not \"2m\"", "verify-deployment",
                        "--rules", RULES, "--timeout", "2m"),
                wrong("--prefix must not start with /", "verify-deployment", "--rules", RULES, "--prefix", "/canary/"),
                wrong("--keep takes no value", "verify-deployment", "--rules", RULES, "--keep=yes"),
                wrong("expected no positional arguments, got extra", "verify-deployment", "--rules", RULES, "extra"),
                wrong("invalid JSON at line 1", "verify-deployment", "--rules", bad),
                wrong("needs --region or $FC_REGION", "verify-deployment", "--rules", RULES));
    }

    private static String[] run(List<String> argv, int[] status) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        status[0] = Main.run(argv, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());
        String[] streams = {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
        CapturedOutput.feed(streams[0] + streams[1]);
        return streams;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongArguments")
    @Timeout(30) // local-oss serves until interrupted: a case it wrongly accepts must not hang the build
    void wrongArgumentsExit2NamingTheProblem(String name, List<String> argv, String expected) {
        int[] status = new int[1];

        String[] streams = run(argv, status);

        assertEquals(2, status[0], "stdout: " + streams[0] + "\nstderr: " + streams[1]);
        assertTrue(streams[1].contains(expected), streams[1]);
        assertFalse(streams[1].contains("\tat "), "a stack trace: " + streams[1]);
    }

    @Test
    void everyRegisteredCommandIsCoveredByTheTable() {
        List<String> covered = new ArrayList<>();
        wrongArguments().forEach(a -> covered.add(((List<?>) a.get()[1]).get(0).toString()));
        int[] status = new int[1];

        String usage = run(List.of("--help"), status)[0];

        for (String line : usage.split("\n")) {
            if (line.startsWith("  ")) {
                String command = line.trim().split(" ")[0];
                assertTrue(covered.contains(command), "no wrong-argument cases for " + command);
            }
        }
    }
}
