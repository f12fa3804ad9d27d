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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private static ProcessBuilder jar(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(ENV);
        return builder;
    }

    /** {@code local-oss} with {@code options}, until it says where it listens; stopped by {@link Process#destroy}. */
    private static Map.Entry<Process, String> localOss(String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("local-oss", "--kms-key", "cmk-test-0001"));
        args.addAll(List.of(options));
        Process server = jar(args.toArray(new String[0])).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder printed = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            printed.append(line).append('\n');
            Matcher m = ENDPOINT.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "local-oss-output");
                drain.setDaemon(true);
                drain.start();
                return Map.entry(server, m.group(1));
            }
        }
        server.destroyForcibly();
        throw new AssertionError("local-oss did not start:\n" + printed);
    }

    /** Runs verify-deployment to its end: exit status, then stdout and stderr. */
    private static String[] verify(String endpoint, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("verify-deployment", "--rules", RULES, "--endpoint", endpoint,
                "--region", "cn-hangzhou"));
        args.addAll(List.of(options));
        Path out = Files.createTempFile("verify-out", ".txt");
        Path err = Files.createTempFile("verify-err", ".txt");
        Process run = jar(args.toArray(new String[0])).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(run.waitFor(3, TimeUnit.MINUTES), "verify-deployment did not finish in 3 minutes");
        String[] result = {String.valueOf(run.exitValue()), Files.readString(out), Files.readString(err)};
        CapturedOutput.feed(result[1] + result[2]);
        return result;
    }

    @Test
    void passesAgainstLocalOssEnforcingTheSameRules() throws Exception {
        Map.Entry<Process, String> server = localOss("--rules", RULES);
        try {
            String[] run = verify(server.getValue());

            assertEquals("0", run[0], run[1] + run[2]);
            assertTrue(run[1].contains("PASS: every canary ended as its rule says (6 of 6);"), run[1]);
            assertTrue(run[1].contains("cleaned up 6 canaries"), run[1]);
        } finally {
            server.getKey().destroy();
        }
    }

    @Test
    void stoppedWhileWaitingItDeletesItsCanariesBeforeExiting() throws Exception {
        Map.Entry<Process, String> server = localOss();
        OSS client = OssClients.build(server.getValue(), "cn-hangzhou", KEY);
        try {
            client.createBucket(VerifyDeploymentCommandTest.PLAIN);
            client.createBucket(VerifyDeploymentCommandTest.VERSIONED);
            Path output = Files.createTempFile("verify-stopped", ".txt");
            Process run = jar("verify-deployment", "--rules", RULES, "--endpoint", server.getValue(), "--region",
                    "cn-hangzhou", "--timeout", "600").redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            for (int i = 0; i < 600 && !Files.readString(output).contains("waiting up to"); i++) {
                Thread.sleep(100);
            }
            assertTrue(client.listObjects(VerifyDeploymentCommandTest.PLAIN).getObjectSummaries().size() > 0,
                    Files.readString(output));

            run.destroy(); // SIGTERM: the JVM shuts down as on Ctrl-C
            assertTrue(run.waitFor(1, TimeUnit.MINUTES), Files.readString(output));
            StringBuilder printed = new StringBuilder(Files.readString(output));
            CapturedOutput.feed(printed.toString());
            assertTrue(printed.toString().contains("stopped; the canaries uploaded were deleted"), printed.toString());
            assertEquals(List.of(), client.listObjects(VerifyDeploymentCommandTest.PLAIN).getObjectSummaries());
            assertEquals(List.of(), client.listObjects(VerifyDeploymentCommandTest.VERSIONED).getObjectSummaries());
        } finally {
            client.shutdown();
            server.getKey().destroy();
        }
    }

    @Test
    void failsNamingTheTimeoutAgainstLocalOssWithoutATrigger() throws Exception {
        Map.Entry<Process, String> server = localOss();
        OSS client = OssClients.build(server.getValue(), "cn-hangzhou", KEY);
        try {
            client.createBucket(VerifyDeploymentCommandTest.PLAIN);
            client.createBucket(VerifyDeploymentCommandTest.VERSIONED);

            String[] run = verify(server.getValue(), "--timeout", "2");

            assertEquals("1", run[0], run[1] + run[2]);
            assertTrue(run[1].contains("likely cause: not enforced within 2 s: still none; no canary in any bucket"
                    + " was rewritten"), run[1]);
            assertEquals(List.of(), client.listObjects(VerifyDeploymentCommandTest.PLAIN).getObjectSummaries());
        } finally {
            client.shutdown();
            server.getKey().destroy();
        }
    }
}
