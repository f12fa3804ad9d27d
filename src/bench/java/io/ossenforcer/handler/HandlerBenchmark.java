package io.ossenforcer.handler;

import com.aliyun.fc.runtime.Context;
import com.aliyun.oss.OSS;
import com.aliyun.oss.model.ObjectMetadata;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Our own cost per record on the warm path, without the SDK's HTTP or the network: {@code handleRequest} on the
 * sample PutObject event of a compliant object, as FC calls it (event parse, rule match, HEAD, decision, log line,
 * report). The SDK client is an in-memory stand-in whose HEAD answers an AES256 object, so {@code SdkObjectStore}'s
 * reading of the answer is counted and the SDK's request work is not. In the handler's package for its seam, the
 * {@link ClientCache.Builder}. Log lines go to /dev/null: formatted and written as in FC, not printed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HandlerBenchmark {
    private static final String RULES = "{\"buckets\":{\"bench\":{\"rules\":[{\"id\":\"all-aes256\","
            + "\"encryption\":{\"algorithm\":\"AES256\"}}]}}}";

    private EnforcerHandler handler;
    private byte[] event;

    @Setup
    public void setUp() throws Exception {
        System.setOut(new PrintStream(new FileOutputStream("/dev/null"), false, "UTF-8"));
        Path rules = Files.createTempFile("bench-rules", ".json");
        Files.writeString(rules, RULES);
        rules.toFile().deleteOnExit();
        Map<String, String> env = new HashMap<>();
        env.put(EnforcerHandler.ACCESS_KEY_ID, "bench-access-key-id");
        env.put(EnforcerHandler.ACCESS_KEY_SECRET, "bench-access-key-secret");
        env.put(Settings.RULES_FILE, rules.toString());
        env.put(Settings.FC_REGION, "cn-hangzhou");
        OSS compliant = compliantHeads();
        handler = new EnforcerHandler(Settings.fromEnvironment(env), env, Clock.systemUTC(),
                new ClientCache((endpoint, region, key) -> compliant));
        handler.initialize(null);
        event = Files.readString(Path.of("events/put-object.json")).replace("example-bucket", "bench")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** An SDK client that can only HEAD, answering an AES256-encrypted object as OSS would describe it. */
    private static OSS compliantHeads() {
        return (OSS) Proxy.newProxyInstance(OSS.class.getClassLoader(), new Class<?>[] {OSS.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getObjectMetadata")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    ObjectMetadata meta = new ObjectMetadata();
                    meta.setHeader("x-oss-server-side-encryption", "AES256");
                    meta.setHeader("ETag", "5B3C1A9E7D2F4B8C6A0E1D3F5B7C9A2E");
                    meta.setHeader("Content-Length", 482_913L);
                    meta.setHeader("Content-Type", "application/pdf");
                    meta.setHeader("x-oss-hash-crc64ecma", "1234567890");
                    meta.setHeader("x-oss-object-type", "Normal");
                    meta.setHeader("x-oss-storage-class", "Standard");
                    meta.addUserMetadata("owner", "finance");
                    return meta;
                });
    }

    @Benchmark
    public byte[] handleCompliant() throws Exception {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), report, (Context) null);
        return report.toByteArray();
    }
}
