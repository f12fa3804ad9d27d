package io.ossenforcer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cold start: fresh JVMs running {@code invoke} on one PutObject event that needs encryption, next to the SDK floor
 * and the JVM floor making the same calls, against one local-oss process; for each set of JVM options tried (given
 * as {@code JAVA_TOOL_OPTIONS}, as FC would). Runs are interleaved so noise falls on all programs alike. Then the
 * cold path phase by phase, and the classes each program loads. Arguments: runs per program and options (default 7);
 * {@code classes} after it to count only the classes each program loads (one run each, seconds).
 */
public final class ColdStart {
    private static final String BENCH_CLASSES = "target/test-classes";
    /**
     * Option sets whose name starts with this run each JVM on one CPU ({@code taskset -c 0}). Function Compute's
     * default instance has 0.35 vCPU, which a JVM sees as one processor (its ergonomics, collector and compiler
     * threads are those of one CPU), and whose work, cold start included, cannot spread over a second core.
     */
    private static final String ONE_CPU = "1 CPU: ";
    /**
     * Option sets whose name starts with this run each JVM in {@link FcShape}'s cgroup of fc3's default instance:
     * 0.35 vCPU, and the smallest memory size, 128 MB (the JVM sizes its heap from it, as it would on FC).
     */
    private static final String FC_SHAPE = "FC 0.35 vCPU 128 MB: ";
    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("default", "");
        OPTIONS.put("C1 only", "-XX:TieredStopAtLevel=1");
        OPTIONS.put("C1 + SerialGC", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        OPTIONS.put("C1 + SerialGC + Xss512k + no perf data",
                "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -XX:-UsePerfData");
        OPTIONS.put(ONE_CPU + "C1 + SerialGC", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        OPTIONS.put(FC_SHAPE + "C1 + SerialGC", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    }

    private static final List<String> PROGRAMS = List.of("invoke", "sdk-floor", "jvm-floor");

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        try (BenchOss oss = BenchOss.start()) {
            if (args.length > 1 && args[1].equals("classes")) {
                classes(oss);
                return;
            }
            System.out.printf("Cold start: %d fresh JVMs per program and options, against local-oss at %s%n%n", runs,
                    oss.endpoint);
            System.out.printf("%-40s %-10s %14s %10s %14s %9s%n", "JAVA_TOOL_OPTIONS", "program", "wall ms (med)",
                    "min-max", "peak RSS MB", "x SDK");
            for (Map.Entry<String, String> options : OPTIONS.entrySet()) {
                if (options.getKey().startsWith(FC_SHAPE) && FcShape.whyUnavailable().isPresent()) {
                    System.out.printf("%-40s skipped: %s%n", options.getKey(), FcShape.whyUnavailable().get());
                    continue;
                }
                Map<String, Samples> wall = new LinkedHashMap<>();
                Map<String, Samples> rss = new LinkedHashMap<>();
                for (int run = 0; run < runs; run++) {
                    for (String program : PROGRAMS) {
                        String key = "cold/" + options.getKey().replaceAll("\\W+", "-") + "/" + program + "/" + run;
                        oss.putPlain(key);
                        List<String> command = command(oss, program, key);
                        if (options.getKey().startsWith(ONE_CPU)) {
                            command.addAll(0, List.of("taskset", "-c", "0"));
                        }
                        Run r;
                        if (options.getKey().startsWith(FC_SHAPE)) {
                            try (FcShape shape = FcShape.create(128, 0.35)) {
                                r = Run.of(shape.wrap(command), options.getValue());
                            }
                        } else {
                            r = Run.of(command, options.getValue());
                        }
                        wall.computeIfAbsent(program, p -> new Samples()).add(r.wallMillis);
                        rss.computeIfAbsent(program, p -> new Samples()).add(r.peakRssKb / 1024.0);
                    }
                }
                double floor = wall.get("sdk-floor").median();
                for (String program : PROGRAMS) {
                    System.out.printf("%-40s %-10s %14.0f %10s %14.0f %9.2f%n", options.getKey(), program,
                            wall.get(program).median(), wall.get(program).spread(), rss.get(program).median(),
                            wall.get(program).median() / floor);
                }
            }
            breakdown(oss, runs);
            classes(oss);
        }
    }

    private static List<String> command(BenchOss oss, String program, String key) throws IOException {
        List<String> command = new ArrayList<>(List.of(BenchOss.java()));
        switch (program) {
            case "invoke":
                command.addAll(List.of("-jar", BenchOss.JAR.toString(), "invoke", "--event", eventFile(oss, key),
                        "--rules", oss.rulesFile.toString(), "--endpoint", oss.endpoint));
                return command;
            case "sdk-floor":
                command.addAll(List.of("-cp", BENCH_CLASSES + ":" + BenchOss.JAR, SdkFloor.class.getName(),
                        oss.endpoint, oss.region, BenchOss.BUCKET, key));
                return command;
            default:
                command.addAll(List.of("-cp", BENCH_CLASSES, RawHttpFloor.class.getName(), oss.endpoint, oss.region,
                        BenchOss.BUCKET, key));
                return command;
        }
    }

    private static String eventFile(BenchOss oss, String key) throws IOException {
        Path event = Files.createTempFile("bench-event", ".json");
        Files.writeString(event, oss.event(key));
        return event.toString();
    }

    /** Where a cold invocation's time goes (default options): ColdPath prints a timestamp after each phase. */
    private static void breakdown(BenchOss oss, int runs) throws Exception {
        String[] names = {"JVM start to main", "rules load (initializer)", "SDK client build",
            "first event (HEAD, ACL, copy, HEAD, log line)", "exit after the event"};
        List<Samples> phases = new ArrayList<>();
        for (String ignored : names) {
            phases.add(new Samples());
        }
        for (int run = 0; run < runs; run++) {
            String key = "cold/breakdown/" + run;
            oss.putPlain(key);
            List<String> command = new ArrayList<>(List.of(BenchOss.java(), "-cp", BENCH_CLASSES + ":" + BenchOss.JAR,
                    ColdPath.class.getName(), oss.endpoint, oss.region, oss.rulesFile.toString(), eventFile(oss, key)));
            Run r = Run.of(command, "");
            String[] t = r.lastLine("phases ").split(" ");
            double main = Long.parseLong(t[1]) / 1000.0;
            double rules = Long.parseLong(t[2]) / 1000.0;
            double client = Long.parseLong(t[3]) / 1000.0;
            double first = Long.parseLong(t[4]) / 1000.0;
            phases.get(0).add(main - r.startEpochMillis);
            phases.get(1).add(rules - main);
            phases.get(2).add(client - rules);
            phases.get(3).add(first - client);
            phases.get(4).add(r.startEpochMillis + r.wallMillis - first);
        }
        System.out.printf("%nCold path, phase by phase (default options, %d runs): median ms (min-max)%n", runs);
        for (int i = 0; i < names.length; i++) {
            System.out.printf("  %-50s %6.0f  (%s)%n", names[i], phases.get(i).median(), phases.get(i).spread());
        }
    }

    /** Classes loaded by each program in one run, split by where they came from. */
    private static void classes(BenchOss oss) throws Exception {
        System.out.printf("%nClasses loaded (one run each): total = JDK from the CDS archive + other JDK + jar/dir%n");
        for (String program : PROGRAMS) {
            String key = "cold/classes/" + program;
            oss.putPlain(key);
            Path log = Files.createTempFile("classes", ".txt");
            List<String> command = command(oss, program, key);
            command.add(1, "-Xlog:class+load=info:file=" + log);
            Run.of(command, "");
            List<String> lines = Files.readAllLines(log);
            long cds = lines.stream().filter(l -> l.contains("shared objects file")).count();
            long jdk = lines.stream().filter(l -> l.contains("source: jrt:/") || l.contains("source: __")).count();
            long ours = lines.size() - cds - jdk;
            System.out.printf("  %-10s %5d = %4d + %4d + %4d%n", program, lines.size(), cds, jdk, ours);
        }
    }
}
