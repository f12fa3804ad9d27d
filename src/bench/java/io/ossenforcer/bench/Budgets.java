package io.ossenforcer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Issue 16's budgets for what an upload costs, the function against a floor ({@link FloorInvocations}: the OSS SDK
 * making the same calls, Log4j 2 from a one-appender configuration, Gson for the event). The function runs from its
 * artifact, the floor from the same libraries' own jars; both in fresh JVMs with the {@code JAVA_TOOL_OPTIONS} of
 * s.yaml (src/bench/run passes them as FC_JAVA_TOOL_OPTIONS), against local-oss in its own process with every request
 * delayed by LATENCY_MS (default 10). Programs alternate, run by run, so that the shared machine's noise falls on
 * both, and take turns at going first after an uncounted round that warms the emulator; ratios are taken run by run
 * (paired) and their median and spread printed.
 *
 * <p>{@code cold}: RUNS fresh JVMs per program (default 9) handling one PutObject event to encrypt, on one CPU
 * ({@code taskset}) and in fc3's shape of s.yaml (0.35 vCPU, 384 MB cgroup; needs root and cgroup v1). Budget: the
 * function's wall and CPU time at most 1.2 times the floor's.
 *
 * <p>{@code warm}: ROUNDS fresh JVMs per program (default 5) in the 0.35 vCPU shape, each handling WARM_UP events
 * (default 200) and then EVENTS timed ones (default 300) per kind, each after an untimed upload. Budget: the
 * function's mean time per event at most 1.03 times the floor's.
 */
public final class Budgets {
    private static final Path FUNCTION_JAR = Path.of("target/oss-sse-enforcer-function.jar");
    /** The function's libraries, unshaded (mvn -Pbench writes it): the floor runs on them, not on our artifact. */
    private static final Path RUNTIME_CLASSPATH = Path.of("target/runtime.classpath");
    /**
     * The benchmark classes that run on the function artifact, and only they (src/bench/run puts them there): the
     * test classes directory holds resources, JUnit's service files, that have no place on the function's class path.
     */
    private static final Path LAUNCH = Path.of("target/bench-launch");
    private static final double COLD_BUDGET = 1.2;
    private static final double WARM_BUDGET = 1.03;
    private static final int FC_MEMORY_MB = 384;
    private static final double FC_CPU = 0.35;
    private static final List<String> PROGRAMS = List.of("function", "floor");
    private static final List<String> KINDS = List.of("compliant", "encrypt");

    private final BenchOss oss;
    private final Path floorConfig;
    private final String runtimeClasspath;
    private final String javaToolOptions;
    private final int latencyMs;

    private Budgets(BenchOss oss, Path floorConfig, String javaToolOptions, int latencyMs)
            throws IOException {
        this.oss = oss;
        this.runtimeClasspath = Files.readString(RUNTIME_CLASSPATH).trim();
        this.floorConfig = floorConfig;
        this.javaToolOptions = javaToolOptions;
        this.latencyMs = latencyMs;
    }

    public static void main(String[] args) throws Exception {
        int latencyMs = Integer.parseInt(System.getenv().getOrDefault("LATENCY_MS", "10"));
        try (BenchOss oss = BenchOss.start(latencyMs)) {
            Budgets budgets = new Budgets(oss, floorConfig(), System.getenv("FC_JAVA_TOOL_OPTIONS"), latencyMs);
            if (args[0].equals("cold")) {
                budgets.cold(Integer.parseInt(System.getenv().getOrDefault("RUNS", "9")));
            } else {
                budgets.warm(Integer.parseInt(System.getenv().getOrDefault("ROUNDS", "5")),
                        Integer.parseInt(System.getenv().getOrDefault("WARM_UP", "200")),
                        Integer.parseInt(System.getenv().getOrDefault("EVENTS", "300")));
            }
        }
    }

    private void cold(int runs) throws Exception {
        System.out.printf("Cold start: a fresh JVM handles one PutObject event to encrypt (HEAD, GetObjectAcl, "
                + "CopyObject, HEAD; %d ms per request) and exits.%nJAVA_TOOL_OPTIONS of s.yaml: %s; %d runs per "
                + "program, alternating. Medians (min-max).%n%n", latencyMs, javaToolOptions, runs);
        System.out.printf("%-26s %-9s %20s %20s %8s%n", "shape", "program", "wall ms", "CPU ms", "RSS MB");
        Map<String, Optional<FcShape.Spec>> shapes = new LinkedHashMap<>();
        shapes.put("one CPU", Optional.empty());
        shapes.put(String.format("%.2f vCPU, %d MB", FC_CPU, FC_MEMORY_MB),
                Optional.of(new FcShape.Spec(FC_MEMORY_MB, FC_CPU)));
        for (Map.Entry<String, Optional<FcShape.Spec>> shape : shapes.entrySet()) {
            if (shape.getValue().isPresent() && FcShape.whyUnavailable().isPresent()) {
                System.out.printf("%-26s skipped: %s%n", shape.getKey(), FcShape.whyUnavailable().get());
                continue;
            }
            Map<String, Samples> wall = new LinkedHashMap<>();
            Map<String, Samples> cpu = new LinkedHashMap<>();
            Map<String, Samples> rss = new LinkedHashMap<>();
            for (int run = -1; run < runs; run++) {
                for (String program : order(run)) {
                    String key = "cold/" + shape.getKey().replaceAll("\\W+", "-") + "/" + program + "/" + run;
                    oss.putPlain(key);
                    Path event = Files.createTempFile("event", ".json");
                    Files.writeString(event, oss.event(key));
                    List<String> command = command(program, List.of("cold", event.toString()));
                    Run r = shape.getValue().isPresent() ? inShape(shape.getValue().get(), command)
                            : Run.of(onOneCpu(command), environment());
                    Files.delete(event);
                    if (run < 0) {
                        continue;
                    }
                    wall.computeIfAbsent(program, p -> new Samples()).add(r.wallMillis);
                    cpu.computeIfAbsent(program, p -> new Samples()).add(r.cpuMillis);
                    rss.computeIfAbsent(program, p -> new Samples()).add(r.peakRssKb / 1024.0);
                }
            }
            for (String program : PROGRAMS) {
                System.out.printf("%-26s %-9s %20s %20s %8.0f%n", shape.getKey(), program, wall.get(program).summary(),
                        cpu.get(program).summary(), rss.get(program).median());
            }
            Samples wallRatio = wall.get("function").over(wall.get("floor"));
            Samples cpuRatio = cpu.get("function").over(cpu.get("floor"));
            System.out.printf("%-26s %-9s %20s %20s   budget <= %.2fx: %s%n%n", shape.getKey(), "ratio",
                    wallRatio.ratio(), cpuRatio.ratio(), COLD_BUDGET,
                    verdict(Math.max(wallRatio.median(), cpuRatio.median()), COLD_BUDGET));
        }
    }

    private void warm(int rounds, int warmUp, int events) throws Exception {
        System.out.printf("Warm: per event, %d ms per OSS request, after %d warm-up events per kind; each event follows "
                + "an untimed upload of its object.%nJAVA_TOOL_OPTIONS of s.yaml: %s; %.2f vCPU, %d MB; %d fresh JVMs "
                + "per program, alternating, %d events each per kind. Mean of a JVM's events; median of the JVMs "
                + "(min-max).%n%n", latencyMs, warmUp, javaToolOptions, FC_CPU, FC_MEMORY_MB, rounds, events);
        Path template = Files.createTempFile("template", ".json");
        Files.writeString(template, oss.event("KEY"));
        Map<String, Samples> wall = new LinkedHashMap<>();
        Map<String, Samples> cpu = new LinkedHashMap<>();
        boolean shaped = FcShape.whyUnavailable().isEmpty();
        if (!shaped) {
            System.out.printf("no FC shape (%s): on one CPU instead%n", FcShape.whyUnavailable().get());
        }
        for (int round = -1; round < rounds; round++) {
            for (String program : order(round)) {
                List<String> command = command(program, List.of("warm", template.toString(), Integer.toString(warmUp),
                        Integer.toString(events)));
                Run r = shaped ? inShape(new FcShape.Spec(FC_MEMORY_MB, FC_CPU), command)
                        : Run.of(onOneCpu(command), environment());
                if (round < 0) {
                    continue;
                }
                for (String line : r.out.split("\n")) {
                    if (line.startsWith("warm ")) {
                        String[] parts = line.split(" \\| ");
                        String kind = parts[0].split(" ")[1];
                        wall.computeIfAbsent(kind + program, k -> new Samples()).add(mean(parts[0], 2));
                        cpu.computeIfAbsent(kind + program, k -> new Samples()).add(mean(parts[1], 0));
                    }
                }
            }
        }
        Files.delete(template);
        System.out.printf("%-10s %-9s %26s %26s%n", "kind", "program", "wall ms per event", "thread CPU ms per event");
        for (String kind : KINDS) {
            for (String program : PROGRAMS) {
                System.out.printf("%-10s %-9s %26s %26s%n", kind, program, wall.get(kind + program).ratio(),
                        cpu.get(kind + program).ratio());
            }
            Samples ratio = wall.get(kind + "function").over(wall.get(kind + "floor"));
            System.out.printf("%-10s %-9s %26s %26s   budget <= %.2fx: %s%n", kind, "ratio", ratio.ratio(), "",
                    WARM_BUDGET, verdict(ratio.median(), WARM_BUDGET));
        }
    }

    /**
     * Which program runs first in a round: they take turns, since the emulator keeps getting faster as its own JIT
     * warms (measured: whichever ran first was 1-4 % slower warm); round -1 warms the emulator and is not counted.
     */
    private static List<String> order(int round) {
        return round % 2 == 0 ? PROGRAMS : List.of(PROGRAMS.get(1), PROGRAMS.get(0));
    }

    private static String verdict(double ratio, double budget) {
        return ratio <= budget ? "met" : "MISSED";
    }

    private static double mean(String figures, int skip) {
        String[] values = figures.trim().split(" ");
        double sum = 0;
        for (int i = skip; i < values.length; i++) {
            sum += Double.parseDouble(values[i]);
        }
        return sum / (values.length - skip);
    }

    private Run inShape(FcShape.Spec spec, List<String> command) throws Exception {
        try (FcShape shape = FcShape.create(spec.memoryMb(), spec.cpuQuota())) {
            return Run.of(shape.wrap(command), environment());
        }
    }

    private static List<String> onOneCpu(List<String> command) {
        List<String> pinned = new ArrayList<>(List.of("taskset", "-c", "0"));
        pinned.addAll(command);
        return pinned;
    }

    private List<String> command(String program, List<String> args) {
        List<String> command = new ArrayList<>(List.of(BenchOss.java()));
        if (program.equals("floor")) {
            command.add("-Dlog4j2.configurationFile=" + floorConfig);
            command.addAll(List.of("-cp", LAUNCH + ":" + runtimeClasspath, FloorInvocations.class.getName()));
        } else {
            command.addAll(List.of("-cp", LAUNCH + ":" + FUNCTION_JAR, FunctionInvocations.class.getName()));
        }
        command.addAll(args);
        return command;
    }

    /** What FC gives the function (endpoint, region, rules file, s.yaml's options), and the credentials. */
    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(BenchOss.credentials());
        env.put("OSS_ENDPOINT", oss.endpoint);
        env.put("FC_REGION", oss.region);
        env.put("RULES_FILE", oss.rulesFile.toString());
        env.put("BENCH_BUCKET", BenchOss.BUCKET);
        env.put("JAVA_TOOL_OPTIONS", javaToolOptions);
        return env;
    }

    /** The floor's Log4j configuration: one console appender, the JSON Template Layout's default (ECS) template. */
    private static Path floorConfig() throws IOException {
        Path config = Files.createTempFile("floor-log4j2", ".xml");
        Files.writeString(config, "<Configuration><Appenders><Console name=\"out\"><JsonTemplateLayout/></Console>"
                + "</Appenders><Loggers><Root level=\"INFO\"><AppenderRef ref=\"out\"/></Root></Loggers>"
                + "</Configuration>");
        return config;
    }
}
