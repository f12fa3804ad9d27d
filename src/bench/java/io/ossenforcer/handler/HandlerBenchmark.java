package io.ossenforcer.handler;

import com.aliyun.fc.runtime.Context;
import com.aliyun.oss.OSS;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.CopyObjectResult;
import com.aliyun.oss.model.ObjectAcl;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.ObjectPermission;
import io.ossenforcer.app.Application;
import io.ossenforcer.app.EnvironmentCredentials;
import io.ossenforcer.app.Settings;
import io.ossenforcer.oss.ClientCache;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
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
 * sample PutObject event, as FC calls it (event parse, rule match, HEAD, decision, log line, report), for a
 * compliant object and for one to encrypt (HEAD, GetObjectAcl, the conditional CopyObject, the verifying HEAD,
 * verification). The SDK client is an in-memory stand-in answering as OSS would, so {@code SdkObjectStore}'s
 * requests and its reading of the answers are counted and the SDK's request work is not. In the handler's package
 * for its seam, the {@link ClientCache.Builder}. Log lines go to /dev/null: formatted and written as in FC, not
 * printed.
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
    private static final String BUCKET = "bench";
    private static final String KEY = "reports/2024/q2/revenue-summary.pdf";
    private static final String ETAG = "5B3C1A9E7D2F4B8C6A0E1D3F5B7C9A2E";

    private EnforcerHandler compliant;
    private EnforcerHandler toEncrypt;
    private InMemoryOss oss;
    private byte[] event;

    @Setup
    public void setUp() throws Exception {
        System.setOut(new PrintStream(new FileOutputStream("/dev/null"), false, "UTF-8"));
        Path rules = Files.createTempFile("bench-rules", ".json");
        Files.writeString(rules, RULES);
        rules.toFile().deleteOnExit();
        event = Files.readString(Path.of("events/put-object.json")).replace("example-bucket", BUCKET)
                .getBytes(StandardCharsets.UTF_8);
        compliant = handler(rules, compliantHeads());
        oss = new InMemoryOss();
        toEncrypt = handler(rules, oss.client());
        String report = new String(handleToEncrypt(), StandardCharsets.UTF_8);
        if (!report.contains("\"outcome\":\"ENCRYPTED\"")) {
            throw new IllegalStateException("the rewrite path did not run to the end: " + report);
        }
    }

    private static EnforcerHandler handler(Path rules, OSS client) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put(EnvironmentCredentials.ACCESS_KEY_ID, "bench-access-key-id");
        env.put(EnvironmentCredentials.ACCESS_KEY_SECRET, "bench-access-key-secret");
        env.put(Settings.RULES_FILE, rules.toString());
        env.put(Settings.FC_REGION, "cn-hangzhou");
        EnforcerHandler handler = new EnforcerHandler(Application.builder(Settings.fromEnvironment(env)).env(env)
                .clients(new ClientCache((endpoint, region, key) -> client)).build());
        handler.initialize(null);
        return handler;
    }

    /** An SDK client that can only HEAD, answering an AES256-encrypted object as OSS would describe it. */
    private static OSS compliantHeads() {
        return (OSS) Proxy.newProxyInstance(OSS.class.getClassLoader(), new Class<?>[] {OSS.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getObjectMetadata")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    ObjectMetadata meta = uploaded();
                    meta.setHeader("x-oss-server-side-encryption", "AES256");
                    return meta;
                });
    }

    /** The HEAD answer for the sample object as uploaded: unencrypted, a content type and one user metadata entry. */
    private static ObjectMetadata uploaded() {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setHeader("ETag", ETAG);
        meta.setHeader("Content-Length", 482_913L);
        meta.setHeader("Content-Type", "application/pdf");
        meta.setHeader("x-oss-hash-crc64ecma", "1234567890");
        meta.setHeader("x-oss-object-type", "Normal");
        meta.setHeader("x-oss-storage-class", "Standard");
        meta.addUserMetadata("owner", "finance");
        return meta;
    }

    /**
     * An SDK client over objects kept in memory, answering the rewrite's calls as OSS does: HEAD describes the
     * object as stored (a fresh answer each time, as the SDK parses one per response), GetObjectAcl the default ACL,
     * and a CopyObject onto the object itself, under its ETag, replaces the stored headers and user metadata with
     * the request's and encrypts as the request asks; size, CRC64 and ETag stay. Anything else is refused.
     */
    static final class InMemoryOss {
        private final Map<String, ObjectMetadata> objects = new HashMap<>();

        /** A new unencrypted upload of the sample object, as the event announces. */
        void upload(String key) {
            objects.put(key, uploaded());
        }

        OSS client() {
            return (OSS) Proxy.newProxyInstance(OSS.class.getClassLoader(), new Class<?>[] {OSS.class},
                    (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "getObjectMetadata":
                                return head((String) args[0], (String) args[1]);
                            case "getObjectAcl":
                                stored((String) args[0], (String) args[1]);
                                ObjectAcl acl = new ObjectAcl();
                                acl.setPermission(ObjectPermission.Default);
                                return acl;
                            case "copyObject":
                                return copy((CopyObjectRequest) args[0]);
                            default:
                                throw new UnsupportedOperationException(method.getName());
                        }
                    });
        }

        private ObjectMetadata stored(String bucket, String key) {
            ObjectMetadata meta = objects.get(key);
            if (!bucket.equals(BUCKET) || meta == null) {
                throw new IllegalStateException("no object oss://" + bucket + "/" + key);
            }
            return meta;
        }

        private ObjectMetadata head(String bucket, String key) {
            ObjectMetadata answer = new ObjectMetadata();
            ObjectMetadata meta = stored(bucket, key);
            for (Map.Entry<String, Object> header : meta.getRawMetadata().entrySet()) {
                answer.setHeader(header.getKey(), header.getValue());
            }
            for (Map.Entry<String, String> entry : meta.getUserMetadata().entrySet()) {
                answer.addUserMetadata(entry.getKey(), entry.getValue());
            }
            return answer;
        }

        private CopyObjectResult copy(CopyObjectRequest copy) {
            String key = copy.getDestinationKey();
            ObjectMetadata was = stored(copy.getSourceBucketName(), copy.getSourceKey());
            if (!copy.getDestinationBucketName().equals(copy.getSourceBucketName())
                    || !key.equals(copy.getSourceKey())
                    || !copy.getMatchingETagConstraints().equals(List.of(was.getETag()))) {
                throw new IllegalStateException("not a conditional copy of oss://" + BUCKET + "/" + key
                        + " onto itself");
            }
            ObjectMetadata now = new ObjectMetadata();
            now.setHeader("ETag", was.getETag());
            now.setHeader("Content-Length", was.getContentLength());
            now.setHeader("x-oss-hash-crc64ecma", was.getRawMetadata().get("x-oss-hash-crc64ecma"));
            now.setHeader("x-oss-object-type", was.getObjectType());
            for (Map.Entry<String, Object> header : copy.getNewObjectMetadata().getRawMetadata().entrySet()) {
                if (!header.getKey().equals("x-oss-object-acl")) { // kept apart from the headers HEAD answers
                    now.setHeader(header.getKey(), header.getValue());
                }
            }
            now.setUserMetadata(new HashMap<>(copy.getNewObjectMetadata().getUserMetadata()));
            now.setHeader("x-oss-server-side-encryption", copy.getServerSideEncryption());
            objects.put(key, now);
            CopyObjectResult result = new CopyObjectResult();
            result.setEtag(was.getETag());
            return result;
        }
    }

    @Benchmark
    public byte[] handleCompliant() throws Exception {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        compliant.handleRequest(new ByteArrayInputStream(event), report, (Context) null);
        return report.toByteArray();
    }

    /** Each event follows a new unencrypted upload of its object (one map entry), so every one is rewritten. */
    @Benchmark
    public byte[] handleToEncrypt() throws Exception {
        oss.upload(KEY);
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        toEncrypt.handleRequest(new ByteArrayInputStream(event), report, (Context) null);
        return report.toByteArray();
    }
}
