package io.ossenforcer.bench;

import com.sun.management.OperatingSystemMXBean;
import io.ossenforcer.app.Application;
import io.ossenforcer.app.Settings;
import io.ossenforcer.handler.EnforcerHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Warm throughput: one warm handler instance enforcing events back to back against local-oss (another process),
 * for objects already compliant (one HEAD) and objects to encrypt (HEAD, ACL, copy, HEAD); next to the SDK floor
 * making the same calls in a loop. Each runs in its own JVM so neither warms the other's code. Prints events per
 * second and CPU microseconds per event (the whole process, and the calling thread): medians of the rounds (five, or
 * the environment's ROUNDS), the programs alternating, and each round's difference between the two (paired, so that
 * a slow round weighs on both). Every round is a fresh JVM per program, and the SDK's own calls run up to ~10 %
 * faster or slower from one JVM to the next, so the more rounds, the surer the medians.
 * Argument: events measured per kind (default 1000); before them, 30,000 warm-up events on compliant objects
 * (cycled, they stay compliant) and 10,000 on objects to encrypt (each needs an object of its own). Every event's
 * bytes are made before timing starts.
 */
public final class WarmThroughput {
    private static final int ROUNDS = Integer.parseInt(System.getenv().getOrDefault("ROUNDS", "5"));
    /**
     * Warm-up events for compliant objects: enough for the per-event code of both programs to reach C2 (a method
     * called once per event is compiled by C2 after ~10,000 calls), so that the figures are a warm instance's steady
     * state rather than a comparison of JIT progress.
     */
    private static final int COMPLIANT_WARM_UP = 30_000;
    /**
     * Warm-up events for objects to encrypt, each on an object of its own. With 2,000 (the earlier method) both
     * programs were still compiling the rewrite's SDK code while measured: their process CPU per event was about twice
     * the calling thread's; with 8,000, 1.1-1.4 times.
     */
    private static final int ENCRYPT_WARM_UP = 10_000;
    /** As FC runs without options, and with s.yaml's JAVA_TOOL_OPTIONS (C1 only: a warm instance's code stays C1). */
    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("default", "");
        OPTIONS.put("s.yaml's -XX:TieredStopAtLevel=1 -XX:+UseSerialGC", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    }

    private static final List<String> PROGRAMS = List.of("handler", "sdk-floor");
    private static final List<String> KINDS = List.of("compliant", "encrypt");
    private static final List<String> METRICS = List.of("events/s", "CPU us/event (process)",
            "CPU us/event (thread)");

    private WarmThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        if (args.length > 1) {
            measure(args[1], events);
            return;
        }
        System.out.printf("Warm throughput: %d events per kind after %d (compliant) and %d (to encrypt) warm-up events, "
                + "one thread, median of %d rounds (min-max)%n", events, COMPLIANT_WARM_UP, ENCRYPT_WARM_UP, ROUNDS);
        for (Map.Entry<String, String> options : OPTIONS.entrySet()) {
            System.out.printf("%nJAVA_TOOL_OPTIONS: %s%n", options.getKey());
            report(measureRounds(events, options.getValue()));
        }
    }

    private static Map<String, Samples> measureRounds(int events, String javaToolOptions) throws Exception {
        Map<String, Samples> results = new HashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (String program : PROGRAMS) {
                List<String> command = new ArrayList<>(List.of(BenchOss.java(), "-cp",
                        System.getProperty("java.class.path"), WarmThroughput.class.getName(), String.valueOf(events),
                        program));
                for (String line : Run.of(command, javaToolOptions).out.split("\n")) {
                    if (line.startsWith("result ")) {
                        String[] f = line.split(" ");
                        for (int metric = 0; metric < METRICS.size(); metric++) {
                            results.computeIfAbsent(program + " " + f[1] + " " + metric, k -> new Samples())
                                    .add(Double.parseDouble(f[2 + metric]));
                        }
                    }
                }
            }
        }
        return results;
    }

    private static void report(Map<String, Samples> results) {
        System.out.printf("%-10s %-10s", "program", "objects");
        METRICS.forEach(m -> System.out.printf(" %26s", m));
        System.out.println();
        for (String program : PROGRAMS) {
            for (String kind : KINDS) {
                System.out.printf("%-10s %-10s", program, kind);
                for (int metric = 0; metric < METRICS.size(); metric++) {
                    Samples s = results.get(program + " " + kind + " " + metric);
                    System.out.printf(" %26s", String.format("%.0f (%s)", s.median(), s.spread()));
                }
                System.out.println();
            }
        }
        for (String kind : KINDS) {
            Samples[] ours = new Samples[METRICS.size()];
            Samples[] floor = new Samples[METRICS.size()];
            for (int metric = 0; metric < METRICS.size(); metric++) {
                ours[metric] = results.get("handler " + kind + " " + metric);
                floor[metric] = results.get("sdk-floor " + kind + " " + metric);
            }
            System.out.printf("%-10s throughput %.2f x SDK floor; our overhead %+.0f us CPU/event (process), %+.0f "
                    + "(calling thread)%n", kind, ours[0].median() / floor[0].median(),
                    ours[1].median() - floor[1].median(), ours[2].median() - floor[2].median());
            System.out.printf("%-10s paired by round: throughput %s x SDK floor; our overhead %s us CPU/event "
                    + "(process), %s (calling thread)%n", kind, ours[0].over(floor[0]).ratio(),
                    ours[1].minus(floor[1]).difference(), ours[2].minus(floor[2]).difference());
        }
    }

    private interface Enforce {
        void run(String key, byte[] event) throws Exception;
    }

    private static void measure(String program, int events) throws Exception {
        try (BenchOss oss = BenchOss.start()) {
            Enforce enforce;
            Application handler = null;
            SdkFloor floor = null;
            if (program.equals("handler")) {
                Map<String, String> env = new HashMap<>(BenchOss.credentials());
                env.put(Settings.OSS_ENDPOINT, oss.endpoint);
                env.put(Settings.RULES_FILE, oss.rulesFile.toString());
                Application app = Application.fromEnvironment(env);
                EnforcerHandler h = new EnforcerHandler(app);
                h.initialize(null);
                handler = app;
                enforce = (key, event) -> h.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(),
                        null);
            } else {
                SdkFloor f = new SdkFloor(oss.endpoint, oss.region);
                floor = f;
                enforce = (key, event) -> f.enforce(BenchOss.BUCKET, key);
            }
            for (String kind : KINDS) {
                // A compliant object stays compliant, so a few are cycled through a long warm-up; an object to
                // encrypt is enforced once, so each event needs an object of its own.
                boolean compliant = kind.equals("compliant");
                int objects = compliant ? events : ENCRYPT_WARM_UP + events;
                String[] keys = new String[objects];
                byte[][] payloads = new byte[objects][]; // made before timing: the floor has no event to make
                for (int i = 0; i < objects; i++) {
                    keys[i] = "warm/" + kind + "/" + i;
                    payloads[i] = oss.event(keys[i]).getBytes(StandardCharsets.UTF_8);
                    if (compliant) {
                        oss.putCompliant(keys[i]);
                    } else {
                        oss.putPlain(keys[i]);
                    }
                }
                int warmUp = compliant ? COMPLIANT_WARM_UP : ENCRYPT_WARM_UP;
                for (int i = 0; i < warmUp; i++) {
                    int object = i % objects;
                    enforce.run(keys[object], payloads[object]);
                }
                OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long cpu = os.getProcessCpuTime();
                long threadCpu = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                for (int i = 0; i < events; i++) {
                    int object = compliant ? i : ENCRYPT_WARM_UP + i;
                    enforce.run(keys[object], payloads[object]);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("result %s %.0f %.0f %.0f%n", kind, events / seconds,
                        (os.getProcessCpuTime() - cpu) / 1e3 / events,
                        (threads.getCurrentThreadCpuTime() - threadCpu) / 1e3 / events);
            }
            if (handler != null) {
                handler.close();
            }
            if (floor != null) {
                floor.close();
            }
        }
    }
}
