package io.ossenforcer.bench;

import com.sun.management.OperatingSystemMXBean;
import io.ossenforcer.handler.EnforcerHandler;
import io.ossenforcer.handler.Settings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Warm throughput: one warm handler instance enforcing events back to back against local-oss (another process),
 * for objects already compliant (one HEAD) and objects to encrypt (HEAD, ACL, copy, HEAD); next to the SDK floor
 * making the same calls in a loop. Each runs in its own JVM so neither warms the other's code. Prints events per
 * second and CPU microseconds per event (the whole process, and the calling thread): medians of three rounds, the
 * programs alternating. Argument: events measured per kind (default 1000), after twice as many warm-up events.
 */
public final class WarmThroughput {
    private static final int ROUNDS = 3;
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
        System.out.printf("Warm throughput: %d events per kind after %d warm-up events, one thread, median of %d "
                + "rounds (min-max)%n%n", events, 2 * events, ROUNDS);
        Map<String, Samples> results = new HashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (String program : PROGRAMS) {
                List<String> command = new ArrayList<>(List.of(BenchOss.java(), "-cp",
                        System.getProperty("java.class.path"), WarmThroughput.class.getName(), String.valueOf(events),
                        program));
                for (String line : Run.of(command, "").out.split("\n")) {
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
        System.out.println();
        for (String kind : KINDS) {
            double[] ours = new double[METRICS.size()];
            double[] floor = new double[METRICS.size()];
            for (int metric = 0; metric < METRICS.size(); metric++) {
                ours[metric] = results.get("handler " + kind + " " + metric).median();
                floor[metric] = results.get("sdk-floor " + kind + " " + metric).median();
            }
            System.out.printf("%-10s throughput %.2f x SDK floor; our overhead %+.0f us CPU/event (process), %+.0f "
                    + "(calling thread)%n", kind, ours[0] / floor[0], ours[1] - floor[1], ours[2] - floor[2]);
        }
    }

    private interface Enforce {
        void run(String key) throws Exception;
    }

    private static void measure(String program, int events) throws Exception {
        try (BenchOss oss = BenchOss.start()) {
            Enforce enforce;
            EnforcerHandler handler = null;
            SdkFloor floor = null;
            if (program.equals("handler")) {
                Map<String, String> env = new HashMap<>(BenchOss.credentials());
                env.put(Settings.OSS_ENDPOINT, oss.endpoint);
                env.put(Settings.RULES_FILE, oss.rulesFile.toString());
                EnforcerHandler h = new EnforcerHandler(Settings.fromEnvironment(env), env);
                h.initialize(null);
                handler = h;
                enforce = key -> {
                    ByteArrayOutputStream report = new ByteArrayOutputStream();
                    h.handleRequest(new ByteArrayInputStream(oss.event(key).getBytes(StandardCharsets.UTF_8)), report,
                            null);
                };
            } else {
                SdkFloor f = new SdkFloor(oss.endpoint, oss.region);
                floor = f;
                enforce = key -> f.enforce(BenchOss.BUCKET, key);
            }
            for (String kind : KINDS) {
                for (int i = 0; i < 3 * events; i++) {
                    String key = "warm/" + kind + "/" + i;
                    if (kind.equals("compliant")) {
                        oss.putCompliant(key);
                    } else {
                        oss.putPlain(key);
                    }
                }
                for (int i = 0; i < 2 * events; i++) {
                    enforce.run("warm/" + kind + "/" + i);
                }
                OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long cpu = os.getProcessCpuTime();
                long threadCpu = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                for (int i = 2 * events; i < 3 * events; i++) {
                    enforce.run("warm/" + kind + "/" + i);
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
