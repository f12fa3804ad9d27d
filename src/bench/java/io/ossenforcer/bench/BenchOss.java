package io.ossenforcer.bench;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PutObjectRequest;
import io.ossenforcer.oss.AccessKey;
import io.ossenforcer.oss.OssClients;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code local-oss} from the tool jar, in its own process (so its CPU is not the measured program's), every request
 * delayed by a latency, with one bucket whose rule is AES256 for every key, and the sample PutObject event rewritten
 * for any object of it.
 */
public final class BenchOss implements AutoCloseable {
    static final Path JAR = Path.of("target/oss-sse-enforcer.jar");
    public static final String BUCKET = "bench";
    static final String ID = "bench-access-key-id";
    static final String SECRET = "bench-access-key-secret";
    static final String RULES_JSON = "{\"buckets\":{\"bench\":{\"rules\":[{\"id\":\"all-aes256\","
            + "\"encryption\":{\"algorithm\":\"AES256\"}}]}}}";
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+) \\(region (\\S+)\\)");

    public final String endpoint;
    public final String region;
    final OSS client;
    public final Path rulesFile;
    private final Process process;
    private final String eventTemplate;

    private BenchOss(Process process, String endpoint, String region) throws IOException {
        this.process = process;
        this.endpoint = endpoint;
        this.region = region;
        this.client = OssClients.build(endpoint, region, new AccessKey(ID, SECRET, Optional.empty()));
        this.rulesFile = Files.createTempFile("bench-rules", ".json");
        Files.writeString(rulesFile, RULES_JSON);
        this.eventTemplate = Files.readString(Path.of("events/put-object.json"));
        client.createBucket(BUCKET);
    }

    /** An emulator whose every request waits {@code latencyMs} first (OSS's latency inside a region, assumed). */
    public static BenchOss start(int latencyMs) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(java(), "-jar", JAR.toString(), "local-oss", "--faults",
                "*:latency=" + latencyMs + "ms")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(credentials());
        builder.environment().remove("JAVA_TOOL_OPTIONS"); // the emulator runs alike whatever options are measured
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "local-oss-stop"));
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                drain(out);
                return new BenchOss(process, m.group(1), m.group(2));
            }
        }
        throw new IOException("local-oss exited without listening (status " + process.exitValue() + ")");
    }

    private static void drain(BufferedReader out) {
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // local-oss prints nothing more that matters here
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "local-oss-stdout");
        drain.setDaemon(true);
        drain.start();
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static Map<String, String> credentials() {
        return Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", ID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET);
    }

    /** An unencrypted object the rule will have rewritten. */
    public void putPlain(String key) {
        put(key, new ObjectMetadata());
    }

    /** An object that already satisfies the rule: one HEAD and done. */
    public void putCompliant(String key) {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setServerSideEncryption("AES256");
        put(key, meta);
    }

    private void put(String key, ObjectMetadata meta) {
        meta.setContentType("text/plain");
        byte[] content = ("benchmark object " + key).getBytes(StandardCharsets.UTF_8);
        client.putObject(new PutObjectRequest(BUCKET, key, new ByteArrayInputStream(content), meta));
    }

    /** The sample PutObject event of events/put-object.json, for {@code key} in the bench bucket. */
    public String event(String key) {
        return eventTemplate.replace("example-bucket", BUCKET).replace("reports/2024/q2/revenue-summary.pdf", key)
                .replace("cn-hangzhou", region);
    }

    @Override
    public void close() {
        client.shutdown();
        process.destroy();
    }
}
