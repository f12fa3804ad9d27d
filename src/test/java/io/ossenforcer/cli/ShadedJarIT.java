package io.ossenforcer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.ossenforcer.testing.Emulator;
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
 * The shaded jar as users run it: {@code java -jar} in a fresh JVM, nothing on the classpath but the jar. Runs in
 * the failsafe execution of {@code mvn verify}, after {@code package}, whose classpath is also the shaded jar.
 */
class ShadedJarIT {
    private static final Path JAR = Path.of("target/oss-sse-enforcer.jar");
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
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx64m");
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("jar-out", ".txt");
        Path err = Files.createTempFile("jar-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("java -jar " + String.join(" ", args) + " did not finish in 2 minutes");
        }
        return new Exit(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void theDemoPassesInAFreshJvmWithA64MegabyteHeap() throws Exception {
        Exit demo = java(Map.of(), "demo");

        assertEquals(0, demo.status, demo.out + demo.err);
        assertTrue(demo.out.contains("PASS"), demo.out);
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
            assertEquals(List.of("outcome"), invoke.err.lines().map(line -> JsonParser.parseString(line)
                    .getAsJsonObject().get("type").getAsString()).collect(Collectors.toList()), invoke.err);
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
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> leaked = jar.stream().map(JarEntry::getName)
                    .filter(name -> EXCLUDED.stream().anyMatch(name::startsWith)).collect(Collectors.toList());

            assertEquals(List.of(), leaked);
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
