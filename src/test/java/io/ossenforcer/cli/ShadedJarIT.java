package io.ossenforcer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.ossenforcer.testing.Emulator;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Both jars as they are used, each in a fresh JVM: the tool jar with {@code java -jar}, nothing on the classpath but
 * the jar; the function artifact with nothing but itself and a stand-in for FC's runtime. Runs in the failsafe
 * execution of {@code mvn verify}, after {@code package}, whose classpath is also the tool jar.
 */
class ShadedJarIT {
    private static final Path JAR = Path.of("target/oss-sse-enforcer.jar");
    private static final Path FUNCTION_JAR = Path.of("target/oss-sse-enforcer-function.jar");
    /** The function artifact's budget (issue 16): what FC loads on every cold start. */
    private static final long FUNCTION_JAR_MAX_BYTES = 4L << 20;
    private static final String RULES = "test-fixtures/rules/handler-it.json";

    /** Dependencies of the SDK (and one test dependency's slf4j) the enforcer never loads: kept out of the jar. */
    private static final List<String> EXCLUDED = List.of("com/aliyuncs/", "com/aliyun/core/", "io/opentelemetry/",
            "io/opentracing/", "org/slf4j/", "javax/xml/bind/", "javax/servlet/", "org/jacoco/", "org/ini4j/",
            "org/dom4j/", "org/codehaus/jettison/", "org/apache/logging/log4j/core/appender/rolling/RollingFile",
            "org/apache/logging/log4j/core/appender/db/");

    private static final class Exit {
        final int status;
        final String out;
        final String err;

        Exit(int status, String out, String err) {
            this.status = status;
            this.out = out;
            this.err = err;
        }
    }

    private static Exit java(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        return run(env, command);
    }

    /** A fresh JVM with a 64 MiB heap, as small as the smallest FC instance's. */
    private static Exit run(Map<String, String> env, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx64m");
        command.addAll(args);
        Path out = Files.createTempFile("jar-out", ".txt");
        Path err = Files.createTempFile("jar-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", args) + " did not finish in 2 minutes");
        }
        return new Exit(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /**
     * The function artifact run as FC runs it (see {@link io.ossenforcer.handler.FcRuntimeProbe}): nothing on the
     * classpath but the jar and the stand-in runtime, so a class the jar lacks fails the run. Returns the answer.
     */
    private static String function(Exit[] exit, Map<String, String> env, String handler, String payload)
            throws IOException, InterruptedException {
        Path in = Files.createTempFile("payload", ".json");
        Path answer = Files.createTempFile("answer", ".json");
        Files.writeString(in, payload, StandardCharsets.UTF_8);
        String classpath = FUNCTION_JAR + File.pathSeparator + Path.of("target/test-classes");
        exit[0] = run(env, List.of("-cp", classpath, "io.ossenforcer.handler.FcRuntimeProbe", handler,
                in.toString(), answer.toString()));
        assertEquals(0, exit[0].status, exit[0].out + exit[0].err);
        return Files.readString(answer, StandardCharsets.UTF_8);
    }

    /** Every line is one JSON object; returns them. */
    private static List<JsonObject> jsonLines(String output) {
        return output.lines().map(line -> {
            try {
                return JsonParser.parseString(line).getAsJsonObject();
            } catch (RuntimeException e) {
                throw new AssertionError("not a JSON object: " + line + "\nin:\n" + output, e);
            }
        }).collect(Collectors.toList());
    }

    @Test
    void theDemoPassesInAFreshJvmWithA64MegabyteHeap() throws Exception {
        Exit demo = java(Map.of(), "demo");

        assertEquals(0, demo.status, demo.out + demo.err);
        assertTrue(demo.out.contains("PASS"), demo.out);
        assertFalse(jsonLines(demo.err).isEmpty(), "the demo logs its outcomes to stderr");
    }

    @Test
    void invokeEncryptsAnUploadInAFreshJvm() throws Exception {
        try (Emulator emulator = Emulator.start().bucket("enforced")) {
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            emulator.oss.addEventListener(events::add);
            emulator.put("enforced", "reports/jar.pdf", "hello");
            assertTrue(emulator.oss.awaitEventsDelivered(Duration.ofSeconds(10)));
            Path event = Files.createTempFile("event", ".json");
            Files.writeString(event, events.get(0), StandardCharsets.UTF_8);

            Exit invoke = java(credentials(emulator), "invoke", "--event", event.toString(), "--rules", RULES,
                    "--endpoint", emulator.oss.endpoint());

            assertEquals(0, invoke.status, invoke.err);
            JsonObject result = JsonParser.parseString(invoke.out).getAsJsonObject().getAsJsonArray("results").get(0)
                    .getAsJsonObject();
            assertEquals("ENCRYPTED", result.get("outcome").getAsString(), invoke.out);
            assertEquals(Emulator.CMK, emulator.client.getObjectMetadata("enforced", "reports/jar.pdf")
                    .getServerSideEncryptionKeyId());
            // log4j2.xml and the JSON Template Layout in effect, with the merged plugin cache: one JSON object a line.
            assertEquals(List.of("outcome"), jsonLines(invoke.err).stream().map(line -> line.get("type")
                    .getAsString()).collect(Collectors.toList()), invoke.err);
        }
    }

    /** The earliest line a handler logs. */
    @Test
    void badRulesAreLoggedFromTheInitializerInAFreshJvm() throws Exception {
        Exit invoke = java(Map.of(), "invoke", "--event", "test-fixtures/events/valid/cloudevent.json", "--rules",
                "test-fixtures/rules/invalid/bad-json.json");

        assertEquals(2, invoke.status, invoke.err);
        assertEquals("", invoke.out);
        JsonObject line = JsonParser.parseString(invoke.err.lines().findFirst().orElseThrow()).getAsJsonObject();
        assertEquals("bad rules", line.get("error").getAsString(), invoke.err);
        assertTrue(line.get("message").getAsString().contains("bad-json.json"), invoke.err);
        assertTrue(invoke.err.contains("invoke: bad rules: "), invoke.err);
    }

    @Test
    void theJarLeavesOutTheDependenciesTheEnforcerNeverLoads() throws IOException {
        for (Path jar : List.of(JAR, FUNCTION_JAR)) {
            assertEquals(List.of(), entries(jar, EXCLUDED), jar.toString());
        }
    }

    @Test
    void theFunctionArtifactHoldsOnlyWhatFunctionComputeRunsWithinItsBudget() throws IOException {
        assertEquals(List.of(), entries(FUNCTION_JAR, List.of("io/ossenforcer/cli/", "io/ossenforcer/localoss/", "io/ossenforcer/canary/",
                "org/apache/http/impl/bootstrap/", "org/apache/http/protocol/HttpService", "demo/")));
        assertEquals(2, entries(FUNCTION_JAR, List.of("io/ossenforcer/handler/EnforcerHandler.class",
                "io/ossenforcer/handler/SweepHandler.class")).size());
        long size = Files.size(FUNCTION_JAR);
        System.out.println("function artifact: " + size + " bytes (" + String.format("%.2f", size / 1048576.0)
                + " MiB of a " + (FUNCTION_JAR_MAX_BYTES >> 20) + " MiB budget)");
        assertTrue(size <= FUNCTION_JAR_MAX_BYTES, FUNCTION_JAR + " is " + size + " bytes");
    }

    @Test
    void theFunctionArtifactAloneEnforcesAnUploadAndSweepsABucketLoggingOnlyJsonLines() throws Exception {
        try (Emulator emulator = Emulator.start().bucket("enforced")) {
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            emulator.oss.addEventListener(events::add);
            emulator.put("enforced", "reports/uploaded.pdf", "hello");
            assertTrue(emulator.oss.awaitEventsDelivered(Duration.ofSeconds(10)));
            emulator.put("enforced", "reports/already-there.pdf", "older");
            Map<String, String> env = new HashMap<>(credentials(emulator));
            env.put("RULES_FILE", RULES);
            env.put("OSS_ENDPOINT", emulator.oss.endpoint());
            env.put("FC_REGION", emulator.oss.region());
            Exit[] exit = new Exit[1];

            JsonObject report = JsonParser.parseString(function(exit, env, "io.ossenforcer.handler.EnforcerHandler",
                    events.get(0))).getAsJsonObject();

            assertEquals("ENCRYPTED", report.getAsJsonArray("results").get(0).getAsJsonObject().get("outcome")
                    .getAsString(), report.toString());
            assertEquals(List.of("outcome"), jsonLines(exit[0].out).stream().map(line -> line.get("type")
                    .getAsString()).collect(Collectors.toList()), exit[0].out);
            assertEquals("", exit[0].err);

            JsonObject sweep = JsonParser.parseString(function(exit, env, "io.ossenforcer.handler.SweepHandler",
                    "{\"sweep\":{\"bucket\":\"enforced\"}}")).getAsJsonObject().getAsJsonObject("sweep");

            assertTrue(sweep.get("done").getAsBoolean(), sweep.toString());
            assertEquals(Emulator.CMK, emulator.client.getObjectMetadata("enforced", "reports/already-there.pdf")
                    .getServerSideEncryptionKeyId());
            assertFalse(jsonLines(exit[0].out).isEmpty(), exit[0].out);
            assertEquals("", exit[0].err);
        }
    }

    @Test
    void logLevelSetsTheThreshold() throws Exception {
        try (Emulator emulator = Emulator.start().bucket("enforced")) {
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            emulator.oss.addEventListener(events::add);
            emulator.put("enforced", "reports/quiet.pdf", "hello");
            assertTrue(emulator.oss.awaitEventsDelivered(Duration.ofSeconds(10)));
            Path event = Files.createTempFile("event", ".json");
            Files.writeString(event, events.get(0), StandardCharsets.UTF_8);
            Map<String, String> env = new HashMap<>(credentials(emulator));
            env.put("LOG_LEVEL", "WARN");

            Exit invoke = java(env, "invoke", "--event", event.toString(), "--rules", RULES, "--endpoint",
                    emulator.oss.endpoint());

            assertEquals(0, invoke.status, invoke.err);
            assertTrue(invoke.out.contains("ENCRYPTED"), invoke.out);
            assertEquals("", invoke.err, "an ENCRYPTED outcome logs at INFO, below WARN");
        }
    }

    @Test
    void aLibrarysLogLineIsOneJsonObjectInBothJars() throws Exception {
        for (Path jar : List.of(JAR, FUNCTION_JAR)) {
            Exit probe = run(Map.of(), List.of("-cp", jar + File.pathSeparator + Path.of("target/test-classes"),
                    LibraryLogProbe.class.getName()));

            assertEquals(0, probe.status, probe.err);
            List<JsonObject> lines = jsonLines(probe.out);
            assertEquals(1, lines.size(), probe.out);
            assertEquals("com.aliyun.oss.probe", lines.get(0).get("logger").getAsString(), probe.out);
            assertEquals("ERROR", lines.get(0).get("level").getAsString(), probe.out);
            assertEquals("first line of a library's message\nsecond line",
                    lines.get(0).get("message").getAsString(), probe.out);
            assertEquals("", probe.err, jar.toString());
        }
    }

    private static List<String> entries(Path jar, List<String> prefixes) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(JarEntry::getName).filter(name -> prefixes.stream().anyMatch(name::startsWith))
                    .collect(Collectors.toList());
        }
    }

    private static Map<String, String> credentials(Emulator emulator) {
        Map<String, String> env = new HashMap<>();
        env.put("ALIBABA_CLOUD_ACCESS_KEY_ID", emulator.key.id());
        env.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", emulator.key.secret());
        emulator.securityToken().ifPresent(t -> env.put("ALIBABA_CLOUD_SECURITY_TOKEN", t));
        return env;
    }
}
