package io.ossenforcer.handler;

import com.aliyun.oss.OSS;
import io.ossenforcer.app.Application;
import io.ossenforcer.app.Settings;
import io.ossenforcer.bench.BenchOss;
import io.ossenforcer.bench.SdkFloor;
import io.ossenforcer.oss.ClientCache;
import io.ossenforcer.oss.OssClients;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the warm handler's calling-thread CPU per event goes, next to the SDK floor's: inside the SDK's calls, and
 * outside them (our code; the floor's loop), for compliant objects after 30,000 warm-up events on them, then for
 * objects to encrypt after 10,000 warm-up events on those. Both programs run as in {@code WarmThroughput} (own JVM,
 * local-oss in another process), but each one's
 * {@link OSS} client is wrapped in a proxy that adds up the calling thread's CPU time inside every call, which costs
 * both programs alike (a few µs per call). A diagnostic, not the throughput figure: WarmThroughput's programs run
 * unwrapped. Argument: events measured per kind (default 4000); JAVA_TOOL_OPTIONS applies to the programs as to this
 * one. In the handler's package for its seam, the {@link ClientCache.Builder}.
 */
public final class SdkCallSplit {
    private static final int ROUNDS = 3;
    private static final int COMPLIANT_WARM_UP = 30_000;
    private static final int COMPLIANT_OBJECTS = 1000;
    private static final int ENCRYPT_WARM_UP = 10_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU nanoseconds and calls per SDK method, of the calling thread; one thread calls. */
    private final Map<String, long[]> calls = new TreeMap<>();

    private SdkCallSplit() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        if (args.length > 1) {
            new SdkCallSplit().measure(args[1], events);
            return;
        }
        System.out.printf("Calling-thread CPU per event, in and out of the SDK's calls: %d compliant objects after %d"
                + " warm-up events, then %d to encrypt after %d, %d rounds, the programs alternating%n", events,
                COMPLIANT_WARM_UP, events, ENCRYPT_WARM_UP, ROUNDS);
        for (int round = 1; round <= ROUNDS; round++) {
            for (String program : List.of("handler", "sdk-floor")) {
                ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-cp", System.getProperty("java.class.path"), SdkCallSplit.class.getName(),
                        String.valueOf(events), program).redirectOutput(ProcessBuilder.Redirect.DISCARD);
                child.environment().putAll(BenchOss.credentials());
                Process process = child.start();
                try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = err.readLine(); line != null; line = err.readLine()) {
                        if (line.startsWith("split ")) {
                            System.out.println("round " + round + " " + line.substring(6));
                        }
                    }
                }
                if (process.waitFor() != 0) {
                    throw new IllegalStateException(program + " exited " + process.exitValue());
                }
            }
        }
    }

    private interface Enforce {
        void run(String key, byte[] event) throws Exception;
    }

    private OSS timed(OSS client) {
        return (OSS) Proxy.newProxyInstance(OSS.class.getClassLoader(), new Class<?>[] {OSS.class},
                (proxy, method, args) -> {
                    long start = THREADS.getCurrentThreadCpuTime();
                    try {
                        return method.invoke(client, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        long[] c = calls.computeIfAbsent(method.getName(), name -> new long[2]);
                        c[0] += THREADS.getCurrentThreadCpuTime() - start;
                        c[1]++;
                    }
                });
    }

    private void measure(String program, int events) throws Exception {
        try (BenchOss oss = BenchOss.start()) {
            Enforce enforce;
            if (program.equals("handler")) {
                Map<String, String> env = new HashMap<>(BenchOss.credentials());
                env.put(Settings.OSS_ENDPOINT, oss.endpoint);
                env.put(Settings.RULES_FILE, oss.rulesFile.toString());
                EnforcerHandler handler = new EnforcerHandler(Application.builder(Settings.fromEnvironment(env)).env(env)
                        .clients(new ClientCache((endpoint, region, key) -> timed(OssClients.build(endpoint, region,
                                key)))).build());
                handler.initialize(null);
                enforce = (key, event) -> handler.handleRequest(new ByteArrayInputStream(event),
                        new ByteArrayOutputStream(), null);
            } else {
                SdkFloor floor = new SdkFloor(timed(SdkFloor.client(oss.endpoint, oss.region)));
                enforce = (key, event) -> floor.enforce(BenchOss.BUCKET, key);
            }
            List<String> keys = new ArrayList<>();
            List<byte[]> payloads = new ArrayList<>();
            for (int i = 0; i < COMPLIANT_OBJECTS; i++) {
                keys.add("split/compliant/" + i);
                payloads.add(oss.event(keys.get(i)).getBytes(StandardCharsets.UTF_8));
                oss.putCompliant(keys.get(i));
            }
            for (int i = 0; i < COMPLIANT_WARM_UP; i++) {
                enforce.run(keys.get(i % COMPLIANT_OBJECTS), payloads.get(i % COMPLIANT_OBJECTS));
            }
            List<String> measuredKeys = new ArrayList<>();
            List<byte[]> measuredPayloads = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                measuredKeys.add(keys.get(i % COMPLIANT_OBJECTS));
                measuredPayloads.add(payloads.get(i % COMPLIANT_OBJECTS));
            }
            split(program, "compliant", enforce, measuredKeys, measuredPayloads);
            keys.clear();
            payloads.clear();
            for (int i = 0; i < ENCRYPT_WARM_UP + events; i++) {
                keys.add("split/encrypt/" + i);
                payloads.add(oss.event(keys.get(i)).getBytes(StandardCharsets.UTF_8));
                oss.putPlain(keys.get(i));
            }
            for (int i = 0; i < ENCRYPT_WARM_UP; i++) {
                enforce.run(keys.get(i), payloads.get(i));
            }
            split(program, "encrypt", enforce, keys.subList(ENCRYPT_WARM_UP, keys.size()),
                    payloads.subList(ENCRYPT_WARM_UP, payloads.size()));
        }
    }

    /** Runs the events, then prints the calling thread's CPU per event in and out of the SDK's calls. */
    private void split(String program, String kind, Enforce enforce, List<String> keys, List<byte[]> payloads)
            throws Exception {
        calls.clear();
        long startNanos = System.nanoTime();
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < keys.size(); i++) {
            enforce.run(keys.get(i), payloads.get(i));
        }
        double all = (THREADS.getCurrentThreadCpuTime() - start) / 1e3 / keys.size();
        // For InPlaceProfile: the measured events' span on the monotonic clock, which perf can record by.
        System.err.printf("window %s %d %d%n", kind, startNanos, System.nanoTime());
        double inSdk = 0;
        StringBuilder perCall = new StringBuilder();
        for (Map.Entry<String, long[]> c : calls.entrySet()) {
            inSdk += c.getValue()[0] / 1e3 / keys.size();
            perCall.append(String.format(" %s %.1f x %d,", c.getKey(), c.getValue()[0] / 1e3 / c.getValue()[1],
                    c.getValue()[1] / keys.size()));
        }
        System.err.printf("split %-9s %-9s thread %.1f us/event: in SDK calls %.1f, outside them %.1f; per call (us):"
                + "%s%n", program, kind, all, inSdk, all - inSdk, perCall.substring(0, perCall.length() - 1));
    }
}
