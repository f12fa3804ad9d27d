package io.ossenforcer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSS;
import io.ossenforcer.oss.AccessKey;
import io.ossenforcer.oss.OssClients;
import io.ossenforcer.testing.CapturedOutput;
import io.ossenforcer.testing.Secrets;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What DEPLOY.md step 6 tells users to run, with the emulator in place of their account: {@code local-oss} and
 * {@code verify-deployment}, each {@code java -jar} in its own JVM.
 */
class VerifyDeploymentIT {
    private static final Path JAR = Path.of("target/oss-sse-enforcer.jar");
    private static final String RULES = VerifyDeploymentCommandTest.RULES;
    private static final AccessKey KEY = new AccessKey("LTAIverifydeploymentit", "verify-deployment-it-secret-0001",
            Optional.empty());
    private static final Map<String, String> ENV = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", KEY.id(),
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET", KEY.secret());
    private static final Pattern ENDPOINT = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    static {
        Secrets.used(KEY.secret());
    }

    private static ProcessBuilder jar(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(ENV);
        return builder;
    }

    /** {@code local-oss}, enforcing the rules or not (then with the rule buckets created by hand), until closed. */
    private static final class LocalOss implements AutoCloseable {
        final Process process;
        final String endpoint;
        final OSS client;

        LocalOss(boolean enforcing) throws IOException {
            List<String> args = new ArrayList<>(List.of("local-oss", "--kms-key", "cmk-test-0001"));
            if (enforcing) {
                args.addAll(List.of("--rules", RULES));
            }
            process = jar(args).redirectErrorStream(true).start();
            endpoint = endpointPrinted(process);
            client = OssClients.build(endpoint, "cn-hangzhou", KEY);
            if (!enforcing) {
                client.createBucket(VerifyDeploymentCommandTest.PLAIN);
                client.createBucket(VerifyDeploymentCommandTest.VERSIONED);
            }
        }

        private static String endpointPrinted(Process server) throws IOException {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            StringBuilder printed = new StringBuilder();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                printed.append(line).append('\n');
                Matcher m = ENDPOINT.matcher(line);
                if (m.find()) {
                    Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "local-oss-output");
                    drain.setDaemon(true);
                    drain.start();
                    return m.group(1);
                }
            }
            server.destroyForcibly();
            throw new AssertionError("local-oss did not start:\n" + printed);
        }

        int objectsIn(String bucket) {
            return client.listObjects(bucket).getObjectSummaries().size();
        }

        @Override
        public void close() {
            client.shutdown();
            process.destroy();
        }
    }

    /** verify-deployment against {@code oss}, its stdout and stderr in one file; not waited for. */
    private static Process verify(LocalOss oss, Path output, String... options) throws IOException {
        return verify(oss, options).redirectOutput(output.toFile()).start();
    }

    /** verify-deployment against {@code oss}, its stdout and stderr in one stream. */
    private static ProcessBuilder verify(LocalOss oss, String... options) {
        List<String> args = new ArrayList<>(List.of("verify-deployment", "--rules", RULES, "--endpoint",
                oss.endpoint, "--region", "cn-hangzhou"));
        args.addAll(List.of(options));
        return jar(args).redirectErrorStream(true);
    }

    /** Reads {@code out} into {@code printed} up to the first line containing {@code ready}; fails after a minute. */
    private static void readUntil(BufferedReader out, StringBuilder printed, String ready) throws Exception {
        boolean seen = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    printed.append(line).append('\n');
                    if (line.contains(ready)) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).get(1, TimeUnit.MINUTES);
        assertTrue(seen, "ended before printing \"" + ready + "\":\n" + printed);
    }

    /** Its exit status, once it has ended, and what it printed. */
    private static Map.Entry<Integer, String> ended(Process run, Path output) throws Exception {
        assertTrue(run.waitFor(3, TimeUnit.MINUTES), "verify-deployment did not end:\n" + Files.readString(output));
        String printed = Files.readString(output);
        CapturedOutput.feed(printed);
        return Map.entry(run.exitValue(), printed);
    }

    @Test
    void passesAgainstLocalOssEnforcingTheSameRules() throws Exception {
        try (LocalOss oss = new LocalOss(true)) {
            Path output = Files.createTempFile("verify", ".txt");

            Map.Entry<Integer, String> run = ended(verify(oss, output), output);

            assertEquals(0, run.getKey(), run.getValue());
            assertTrue(run.getValue().contains("PASS: every canary ended as its rule says (6 of 6);"), run.getValue());
            assertTrue(run.getValue().contains("cleaned up 6 canaries"), run.getValue());
        }
    }

    @Test
    void failsNamingTheTimeoutAgainstLocalOssWithoutATrigger() throws Exception {
        try (LocalOss oss = new LocalOss(false)) {
            Path output = Files.createTempFile("verify", ".txt");

            Map.Entry<Integer, String> run = ended(verify(oss, output, "--timeout", "2"), output);

            assertEquals(1, run.getKey(), run.getValue());
            assertTrue(run.getValue().contains("likely cause: not enforced within 2 s: still none; no canary in any"
                    + " bucket was rewritten"), run.getValue());
            assertEquals(0, oss.objectsIn(VerifyDeploymentCommandTest.PLAIN));
        }
    }

    @Test
    void stoppedWhileWaitingItDeletesItsCanariesBeforeExiting() throws Exception {
        try (LocalOss oss = new LocalOss(false)) {
            Process run = verify(oss, "--timeout", "600").start();
            BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(),
                    StandardCharsets.UTF_8));
            StringBuilder printed = new StringBuilder();
            readUntil(out, printed, "waiting up to");
            assertTrue(oss.objectsIn(VerifyDeploymentCommandTest.PLAIN) > 0, printed.toString());

            // SIGTERM: the JVM shuts down as on Ctrl-C. Through the handle, which leaves the output open to read.
            run.toHandle().destroy();

            assertTrue(run.waitFor(3, TimeUnit.MINUTES), "verify-deployment did not end:\n" + printed);
            out.lines().forEach(line -> printed.append(line).append('\n'));
            CapturedOutput.feed(printed.toString());
            assertTrue(printed.toString().contains("stopped; the canaries uploaded were deleted"), printed.toString());
            assertEquals(0, oss.objectsIn(VerifyDeploymentCommandTest.PLAIN));
            assertEquals(0, oss.objectsIn(VerifyDeploymentCommandTest.VERSIONED));
        }
    }
}
