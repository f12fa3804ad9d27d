package io.ossenforcer.bench;

import io.ossenforcer.app.HotReload;
import io.ossenforcer.rules.Rule;
import io.ossenforcer.rules.RuleSet;
import io.ossenforcer.rules.RulesParser;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * What a large rules file costs a cold instance: fresh JVMs with s.yaml's JVM options, each pinned to one processor
 * ({@code taskset -c 0}), load and check one rules file exactly as the initializer and {@code check-rules} do
 * ({@link RulesParser#load}: strict JSON, validation, the shadowing check, the index). Two shapes: inside a 128 MB
 * memory cgroup ({@link FcShape}: FC's smallest instance, the JVM sizing its heap from the limit; needs root), and
 * without a memory limit.
 *
 * <p>Files: 10 rules (the floor: what any rules file costs), 100,000 rules in 1,000 buckets shaped like real ones
 * (project prefixes, team prefixes with an exclude, a catch-all), and 50,000 suffix-only rules in one bucket (the
 * shadowing check's worst case when it compared rule pairs). Prints, per file and shape, the JVM's CPU time when the
 * rules are loaded (its start included), the whole process's CPU time, peak RSS and cgroup peak, the heap the rules
 * keep and the mean time of a lookup in the loaded rules. Then, in fresh JVMs of their own, a hot reload: the rules
 * read through {@code RULES_OSS_URI}'s path ({@link HotReload}: {@code ReloadingRules}, the bytes in a
 * {@code SmallObject} as the OSS store hands them over), then read again while the first ones are held, as when the
 * object changes; per file and shape, the reload's CPU, the process's peak RSS and cgroup peak (the reload is what
 * peaks), the heap's peak during the reload and the heap both rule sets keep, or that it ran out of memory. A run that
 * fails otherwise is shown as such. Arguments: runs per file and shape (default 5).
 */
public final class RulesAtScale {
    /** s.yaml's {@code JAVA_TOOL_OPTIONS}. */
    static final String FC_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
    private static final int MEMORY_MB = 128;
    private static final Path DIR = Path.of("target/bench-rules");
    private static final String RELOAD_OUT_OF_MEMORY = "reload: out of memory";

    private RulesAtScale() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("load")) {
            load(Path.of(args[1]));
            return;
        }
        if (args.length > 0 && args[0].equals("reload")) {
            reload(Path.of(args[1]));
            return;
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("10 rules", write("rules-10.json", projectBuckets(1, 10)));
        files.put("100,000 rules, 1,000 buckets", write("rules-100000.json", projectBuckets(1000, 100)));
        files.put("50,000 suffix-only rules", write("rules-50000-suffixes.json", suffixOnly(50_000)));
        boolean cgroup = FcShape.whyUnavailable().isEmpty();
        System.out.printf("Rules at scale: %d fresh JVMs per file and shape, JAVA_TOOL_OPTIONS=%s, taskset -c 0%n",
                runs, FC_OPTIONS);
        if (!cgroup) {
            System.out.println("no " + MEMORY_MB + " MB shape: " + FcShape.whyUnavailable().get());
        }
        List<Boolean> shapes = cgroup ? List.of(true, false) : List.of(false);
        System.out.printf("%-44s %-30s %12s %10s %12s %10s %10s %10s %10s%n", "cold load: shape", "file (bytes)",
                "load CPU ms", "min-max", "process CPU", "peak RSS", "cgroup peak", "rules heap", "lookup ns");
        for (boolean inCgroup : shapes) {
            for (Map.Entry<String, List<Child>> file : runAll("load", files, runs, inCgroup).entrySet()) {
                System.out.println(loadRow(shape(inCgroup), named(file.getKey(), files), file.getValue()));
            }
        }
        System.out.printf("%-44s %-30s %12s %10s %12s %10s %10s %10s %10s%n", "hot reload: shape", "file (bytes)",
                "reload CPU", "min-max", "process CPU", "peak RSS", "cgroup peak", "heap peak", "both held");
        for (boolean inCgroup : shapes) {
            for (Map.Entry<String, List<Child>> file : runAll("reload", files, runs, inCgroup).entrySet()) {
                System.out.println(reloadRow(shape(inCgroup), named(file.getKey(), files), file.getValue()));
            }
        }
        System.out.println("load CPU: the JVM's own CPU time when the rules are loaded and checked, its start included;"
                + " process CPU: user + system from GNU time, to exit (lookups, or the first load, included). reload"
                + " CPU: the JVM's CPU time during the reload. heap peak: the heap pools' peak use during the reload,"
                + " summed (garbage included); both held: the heap after a full GC with both rule sets held. Medians"
                + " over the runs, min-max where shown; the machine may be shared.");
    }

    private static String shape(boolean inCgroup) {
        return inCgroup ? MEMORY_MB + " MB cgroup" : "no memory limit";
    }

    /** A file's name in the table, with its size in bytes. */
    private static String named(String name, Map<String, Path> files) throws IOException {
        return name + " (" + Files.size(files.get(name)) + ")";
    }

    /** Fresh JVMs that each run {@code mode} on one file, by file; runs interleaved, so noise falls on all alike. */
    private static Map<String, List<Child>> runAll(String mode, Map<String, Path> files, int runs, boolean inCgroup)
            throws IOException, InterruptedException {
        Map<String, List<Child>> results = new LinkedHashMap<>();
        for (int run = 0; run < runs; run++) {
            for (Map.Entry<String, Path> file : files.entrySet()) {
                results.computeIfAbsent(file.getKey(), k -> new ArrayList<>())
                        .add(Child.run(mode, file.getValue(), inCgroup));
            }
        }
        return results;
    }

    private static String loadRow(String shape, String file, List<Child> runs) {
        String label = label(shape, file, runs);
        Optional<String> failed = failed(label, runs);
        if (failed.isPresent()) {
            return failed.get();
        }
        Samples loadCpu = samples(runs, child -> child.number("load CPU ms"));
        return String.format("%s %12.0f %10s %12.0f %7.0f MB %10s %7.1f MB %10.0f", label, loadCpu.median(),
                loadCpu.spread(), samples(runs, child -> child.cpuMillis).median(),
                samples(runs, Child::peakRssMb).median(), megabytes(samples(runs, Child::cgroupPeakMb)),
                samples(runs, child -> child.number("heap after load MB")).median(),
                samples(runs, child -> child.number("lookup ns")).median());
    }

    private static String reloadRow(String shape, String file, List<Child> runs) {
        String label = label(shape, file, runs);
        Optional<String> failed = failed(label, runs);
        if (failed.isPresent()) {
            return failed.get();
        }
        long outOfMemory = runs.stream().filter(child -> child.out.contains(RELOAD_OUT_OF_MEMORY)).count();
        if (outOfMemory > 0) {
            return label + " OUT OF MEMORY in " + outOfMemory + " of " + runs.size() + " reloads";
        }
        Samples reloadCpu = samples(runs, child -> child.number("reload CPU ms"));
        return String.format("%s %9.0f ms %10s %12.0f %7.0f MB %10s %7.1f MB %7.1f MB", label, reloadCpu.median(),
                reloadCpu.spread(), samples(runs, child -> child.cpuMillis).median(),
                samples(runs, Child::peakRssMb).median(), megabytes(samples(runs, Child::cgroupPeakMb)),
                samples(runs, child -> child.number("reload heap peak MB")).median(),
                samples(runs, child -> child.number("heap with both MB")).median());
    }

    /** The row of a file some of whose runs failed (out of memory outside a reload, say), naming the first failure. */
    private static Optional<String> failed(String label, List<Child> runs) {
        List<Child> failed = runs.stream().filter(child -> child.status != 0).collect(Collectors.toList());
        return failed.isEmpty() ? Optional.empty() : Optional.of(label + " FAILED " + failed.size() + " of "
                + runs.size() + ": exit " + failed.get(0).status + ": " + failed.get(0).lastLine());
    }

    private static Samples samples(List<Child> runs, ToDoubleFunction<Child> value) {
        Samples samples = new Samples();
        runs.forEach(child -> samples.add(value.applyAsDouble(child)));
        return samples;
    }

    private static String label(String shape, String file, List<Child> runs) {
        return String.format("%-44s %-30s", shape + ", heap " + runs.get(0).maxHeap(), file);
    }

    /** Median and spread in MB, or "-" where nothing was measured (no cgroup). */
    private static String megabytes(Samples samples) {
        return samples.median() > 0 ? String.format("%.0f (%s)", samples.median(), samples.spread()) : "-";
    }

    /** One fresh JVM that loaded or reloaded one file, as GNU time and the cgroup saw it, and what it printed. */
    private static final class Child {
        final int status;
        final double cpuMillis;
        final long peakRssKb;
        final long cgroupPeakBytes;
        final String out;

        private Child(int status, double cpuMillis, long peakRssKb, long cgroupPeakBytes, String out) {
            this.status = status;
            this.cpuMillis = cpuMillis;
            this.peakRssKb = peakRssKb;
            this.cgroupPeakBytes = cgroupPeakBytes;
            this.out = out;
        }

        static Child run(String mode, Path file, boolean inCgroup) throws IOException, InterruptedException {
            Path times = Files.createTempFile("rules-time", ".txt");
            Path out = Files.createTempFile("rules-out", ".txt");
            List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S %M", "-o", times.toString(),
                    "taskset", "-c", "0", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), RulesAtScale.class.getName(), mode, file.toString()));
            long cgroupPeak = 0;
            int status;
            if (inCgroup) {
                try (FcShape shape = FcShape.create(MEMORY_MB, 0)) {
                    status = start(shape.wrap(command), out).waitFor();
                    cgroupPeak = shape.peakBytes();
                }
            } else {
                status = start(command, out).waitFor();
            }
            String printed = Files.readString(out);
            List<String> lines = Files.readAllLines(times);
            String[] t = lines.get(lines.size() - 1).trim().split(" ");
            Files.delete(times);
            Files.delete(out);
            return new Child(status, (Double.parseDouble(t[0]) + Double.parseDouble(t[1])) * 1000, Long.parseLong(t[2]),
                    cgroupPeak, printed);
        }

        private static Process start(List<String> command, Path out) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment().put("JAVA_TOOL_OPTIONS", FC_OPTIONS);
            return builder.start();
        }

        /** The number on the line {@code name: number} the child printed. */
        double number(String name) {
            for (String line : out.split("\n")) {
                if (line.startsWith(name + ": ")) {
                    return Double.parseDouble(line.substring(name.length() + 2).trim());
                }
            }
            throw new IllegalStateException("no \"" + name + "\" in:\n" + out);
        }

        double peakRssMb() {
            return peakRssKb / 1024.0;
        }

        double cgroupPeakMb() {
            return cgroupPeakBytes / (1024.0 * 1024);
        }

        String maxHeap() {
            return out.contains("max heap MB: ") ? (long) number("max heap MB") + " MB" : "?";
        }

        /** What a failed child said last: an OutOfMemoryError, say. */
        String lastLine() {
            String[] lines = out.strip().split("\n");
            for (String line : lines) {
                if (line.contains("Error")) {
                    return line.strip();
                }
            }
            return lines[lines.length - 1];
        }
    }

    /** The child: loads the file, then says what that cost, what the rules keep on the heap, what a lookup costs. */
    private static void load(Path file) throws Exception {
        RuleSet rules = RulesParser.load(file);
        // The process's CPU time so far (JVM start included), from /proc: before anything else the child does.
        Duration cpu = ProcessHandle.current().info().totalCpuDuration().orElseThrow();
        System.out.printf("load CPU ms: %d%n", cpu.toMillis());
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        System.out.printf("rules: %d%n", rules.ruleCount());
        System.out.printf("heap after load MB: %.1f%n", (runtime.totalMemory() - runtime.freeMemory()) / 1048576.0);
        System.out.printf("max heap MB: %d%n", runtime.maxMemory() >> 20);
        // Up to 10,000 rules spread over the file, each with a key made to fall under it (its prefix, a path, its
        // suffix); 200,000 lookups cycling through them, the first half to compile the code, the second timed.
        List<String> buckets = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        int step = Math.max(1, rules.ruleCount() / 10_000);
        int n = 0;
        for (String bucket : rules.buckets()) {
            for (Rule rule : rules.rulesFor(bucket)) {
                if (n++ % step == 0) {
                    buckets.add(bucket);
                    keys.add(rule.prefix().orElse("") + "2024/05/17/part-00042" + rule.suffix().orElse(".parquet"));
                }
            }
        }
        int lookups = 100_000;
        long found = 0;
        for (int i = 0; i < lookups; i++) {
            found += rules.match(buckets.get(i % keys.size()), keys.get(i % keys.size())).isPresent() ? 1 : 0;
        }
        long start = System.nanoTime();
        for (int i = 0; i < lookups; i++) {
            found += rules.match(buckets.get(i % keys.size()), keys.get(i % keys.size())).isPresent() ? 1 : 0;
        }
        System.out.printf("lookup ns: %.0f%n", (System.nanoTime() - start) / (double) lookups);
        System.out.printf("matched: %d of %d%n", found, 2 * lookups);
    }

    /**
     * The child of a hot reload: the rules read through {@code RULES_OSS_URI}'s path, then read again while they are
     * held; what the second read cost, the heap's peak during it, and the heap both sets keep.
     */
    private static void reload(Path file) throws Exception {
        HotReload source = HotReload.of(file);
        RuleSet inForce = source.rules();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).collect(Collectors.toList());
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("max heap MB: %d%n", runtime.maxMemory() >> 20);
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long before = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis();
        try {
            RuleSet reloaded = source.rules();
            long after = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis();
            if (reloaded == inForce) {
                throw new IllegalStateException("the rules were not reloaded");
            }
            System.out.printf("reload CPU ms: %d%n", after - before);
            System.out.printf("reload heap peak MB: %.1f%n",
                    heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / 1048576.0);
            System.gc();
            System.out.printf("heap with both MB: %.1f%n", (runtime.totalMemory() - runtime.freeMemory()) / 1048576.0);
            System.out.printf("held: %d and %d rules%n", inForce.ruleCount(), reloaded.ruleCount());
        } catch (OutOfMemoryError e) {
            System.out.println(RELOAD_OUT_OF_MEMORY);
        }
    }

    private static Path write(String name, String json) throws IOException {
        Files.createDirectories(DIR);
        Path file = DIR.resolve(name);
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Buckets of {@code perBucket} rules each: project rules ({@code team-N/project-M/}, AES256), then a tenth as
     * many team rules ({@code team-N/}, KMS with a key, excluding {@code team-N/public/}), then a catch-all.
     */
    static String projectBuckets(int buckets, int perBucket) {
        int teams = Math.max(1, perBucket / 10);
        StringBuilder json = new StringBuilder("{\n  \"buckets\": {\n");
        for (int b = 0; b < buckets; b++) {
            json.append(b == 0 ? "" : ",\n").append("    \"bucket-").append(b).append("\": {\n      \"rules\": [\n");
            List<String> rules = new ArrayList<>();
            for (int p = 0; p < perBucket - teams - 1; p++) {
                rules.add("{\"id\": \"b" + b + "-project-" + p + "\", \"prefix\": \"team-" + p % teams + "/project-" + p
                        + "/\", \"encryption\": {\"algorithm\": \"AES256\"}}");
            }
            for (int t = 0; t < teams; t++) {
                rules.add("{\"id\": \"b" + b + "-team-" + t + "\", \"prefix\": \"team-" + t + "/\", \"exclude\":"
                        + " [\"team-" + t + "/public/\"], \"encryption\": {\"algorithm\": \"KMS\", \"kmsKeyId\":"
                        + " \"33701a45-6723-4a04-a367-68c060382652\"}}");
            }
            rules.add("{\"id\": \"b" + b + "-all\", \"encryption\": {\"algorithm\": \"AES256\"}}");
            json.append("        ").append(String.join(",\n        ", rules)).append("\n      ]\n    }");
        }
        return json.append("\n  }\n}\n").toString();
    }

    /** One bucket of {@code count} rules that each name only a suffix, none of which ends another. */
    static String suffixOnly(int count) {
        StringBuilder json = new StringBuilder("{\n  \"buckets\": {\n    \"media-archive\": {\n      \"rules\": [\n");
        for (int r = 0; r < count; r++) {
            json.append(r == 0 ? "" : ",\n").append(String.format("        {\"id\": \"ext-%05d\", \"suffix\":"
                    + " \".x%05d\", \"encryption\": {\"algorithm\": \"AES256\"}}", r, r));
        }
        return json.append("\n      ]\n    }\n  }\n}\n").toString();
    }
}
