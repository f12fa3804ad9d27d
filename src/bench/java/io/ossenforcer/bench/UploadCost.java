package io.ossenforcer.bench;

import com.aliyun.fc.runtime.Context;
import io.ossenforcer.app.Application;
import io.ossenforcer.app.Settings;
import io.ossenforcer.handler.EnforcerHandler;
import io.ossenforcer.localoss.Faults;
import io.ossenforcer.localoss.LocalOss;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one upload costs in function time, and the handler's memory apart from the emulator's: the emulator serves in
 * one JVM ({@code serve}), the handler runs in another ({@code client}, meant to run inside {@link FcShape}), as on FC.
 *
 * <p>{@code serve PORT SMALL LATENCY_MS}: an emulator on 127.0.0.1:PORT (credentials from the ALIBABA_CLOUD_*
 * variables) with bucket {@code bench}, SMALL plaintext 100 KB objects {@code small/N} and a plaintext 5 GiB object
 * {@code large/object.bin}; every operation delayed by LATENCY_MS (OSS's latency inside a region, assumed).
 *
 * <p>{@code client ENDPOINT small COUNT [FROM]}: a fresh handler times, through {@code handleRequest}, the first upload's
 * event (cold: from the JVM's start), then COUNT-1 more uploads (objects FROM onwards, default 0) (warm ENCRYPTED), the CopyObject event of each of its
 * own copies (warm COMPLIANT, what OWN_PRINCIPAL_ID avoids), and the same with OWN_PRINCIPAL_ID set (SKIPPED before
 * any request). {@code client ENDPOINT coldskip 1}: a fresh handler's first event is its own copy's, with
 * OWN_PRINCIPAL_ID set (the cold start a skipped event still costs). {@code client ENDPOINT large 1}: the 5 GiB object's event (a multipart copy of 80 parts).
 */
public final class UploadCost {
    private static final String PRINCIPAL = "bench-function-role";
    private static final String RULES = "{\"buckets\":{\"bench\":{\"rules\":[{\"id\":\"all-aes256\","
            + "\"encryption\":{\"algorithm\":\"AES256\"}}]}}}";

    private UploadCost() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("serve")) {
            serve(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        } else {
            client(args[1], args[2], Integer.parseInt(args[3]), args.length > 4 ? Integer.parseInt(args[4]) : 0);
        }
    }

    private static void serve(int port, int small, int latencyMs) throws Exception {
        LocalOss.Builder builder = LocalOss.builder().port(port);
        builder.credentials(System.getenv("ALIBABA_CLOUD_ACCESS_KEY_ID"),
                System.getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET"));
        LocalOss oss = builder.start();
        oss.createBucket(BenchOss.BUCKET);
        for (int i = 0; i < small; i++) {
            oss.putGeneratedObject(BenchOss.BUCKET, "small/" + i, 100 * 1024, i);
        }
        oss.putGeneratedObject(BenchOss.BUCKET, "large/object.bin", 5L << 30, 42);
        if (latencyMs > 0) {
            oss.faults(Faults.parse("*:latency=" + latencyMs + "ms"));
        }
        System.out.println("serving " + oss.endpoint() + " with " + small + " small objects, latency " + latencyMs
                + " ms");
        Thread.sleep(Long.MAX_VALUE);
    }

    private static String event(String eventName, String key, String principal) {
        return "{\"events\":[{\"eventName\":\"" + eventName + "\",\"eventSource\":\"acs:oss\",\"eventTime\":"
                + "\"2024-06-14T08:00:00.000Z\",\"eventVersion\":\"1.0\",\"region\":\"cn-hangzhou\","
                + "\"oss\":{\"bucket\":{\"name\":\"" + BenchOss.BUCKET + "\"},\"object\":{\"key\":\"" + key + "\"}},"
                + "\"responseElements\":{\"requestId\":\"5F1E2D3C4B5A69788796A5B4\"},"
                + "\"userIdentity\":{\"principalId\":\"" + principal + "\"}}]}";
    }

    private static long invoke(EnforcerHandler handler, String event, Context context, String expected)
            throws Exception {
        long start = System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
        long micros = (System.nanoTime() - start) / 1000;
        String report = out.toString(StandardCharsets.UTF_8);
        if (!report.contains("\"" + expected + "\":1")) {
            throw new IllegalStateException("expected " + expected + ": " + report);
        }
        return micros;
    }

    private static void client(String endpoint, String kind, int count, int from) throws Exception {
        Path rules = Files.createTempFile("rules", ".json");
        Files.writeString(rules, RULES);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(Settings.OSS_ENDPOINT, endpoint);
        env.put(Settings.FC_REGION, "cn-hangzhou");
        env.put(Settings.RULES_FILE, rules.toString());
        // No FC context, so no role: the handler takes the ALIBABA_CLOUD_* credentials of the environment.
        Context context = null;
        Application app = Application.fromEnvironment(env);
        EnforcerHandler handler = new EnforcerHandler(app);
        handler.initialize(context);
        if (kind.equals("coldskip")) {
            env.put("OWN_PRINCIPAL_ID", PRINCIPAL);
            EnforcerHandler skipping = new EnforcerHandler(Application.fromEnvironment(env));
            skipping.initialize(context);
            long micros = invoke(skipping, event("ObjectCreated:CopyObject", "small/0", PRINCIPAL), context, "SKIPPED");
            System.out.printf("cold own copy SKIPPED: JVM start to report %d ms (the event itself %.1f ms)%n",
                    System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime(), micros / 1e3);
            return;
        }
        if (kind.equals("large")) {
            long micros = invoke(handler, event("ObjectCreated:CompleteMultipartUpload", "large/object.bin",
                    "owner"), context, "ENCRYPTED");
            System.out.printf("5 GiB multipart rewrite: %.1f s%n", micros / 1e6);
            return;
        }
        long first = invoke(handler, event("ObjectCreated:PutObject", "small/" + from, "owner"), context, "ENCRYPTED");
        long cold = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        List<Long> encrypted = new ArrayList<>();
        List<Long> compliant = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            encrypted.add(invoke(handler, event("ObjectCreated:PutObject", "small/" + (from + i), "owner"), context,
                    "ENCRYPTED"));
            compliant.add(invoke(handler, event("ObjectCreated:CopyObject", "small/" + (from + i), PRINCIPAL), context,
                    "COMPLIANT"));
        }
        env.put("OWN_PRINCIPAL_ID", PRINCIPAL);
        Application skippingApp = Application.fromEnvironment(env);
        EnforcerHandler skipping = new EnforcerHandler(skippingApp);
        skipping.initialize(context);
        List<Long> skipped = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            skipped.add(invoke(skipping, event("ObjectCreated:CopyObject", "small/" + (from + i), PRINCIPAL), context,
                    "SKIPPED"));
        }
        System.out.printf("cold: JVM start to first report %d ms (the event itself %.1f ms)%n", cold, first / 1e3);
        System.out.printf("warm, median of %d: ENCRYPTED %.1f ms, own copy COMPLIANT %.1f ms, own copy SKIPPED"
                + " (OWN_PRINCIPAL_ID) %.2f ms%n", count - 1, median(encrypted) / 1e3, median(compliant) / 1e3,
                median(skipped) / 1e3);
        app.close();
        skippingApp.close();
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
