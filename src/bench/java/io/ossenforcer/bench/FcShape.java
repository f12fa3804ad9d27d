package io.ossenforcer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Function Compute's instance shape on this machine: a cgroup (v1) capping memory, and optionally a CPU quota, that a
 * child process joins before it starts. FC runs a function in a container of the configured memory size and vCPUs
 * (fc3's defaults: 0.35 vCPU; 128 MB is the smallest size), so a JVM there sizes its heap and threads from those
 * limits, and is killed when it goes over the memory. Making a cgroup needs root and a writable cgroup v1 hierarchy;
 * where there is none, {@link #create} says why and the benchmark skips the rows that need it.
 *
 * <p>As a program: {@code FcShape memoryMb cpuQuota command...} runs the command in such a cgroup (a quota of 0: no
 * CPU limit), then prints the cgroup's peak memory (the kernel's count: process memory and its page cache) and how
 * often the limit was hit, and exits with the command's status.
 */
final class FcShape implements AutoCloseable {
    private static final Path CGROUP = Path.of("/sys/fs/cgroup");

    /** An instance's size: memory in MB and vCPUs (0: no CPU limit). */
    record Spec(int memoryMb, double cpuQuota) {
    }

    private static final long CPU_PERIOD_US = 100_000;

    private final Path memory;
    private final Optional<Path> cpu;

    private FcShape(Path memory, Optional<Path> cpu) {
        this.memory = memory;
        this.cpu = cpu;
    }

    /** A fresh cgroup of {@code memoryMb} (swap included) and {@code cpuQuota} vCPUs (0: unlimited), or why not. */
    static FcShape create(int memoryMb, double cpuQuota) throws IOException {
        Optional<String> unavailable = whyUnavailable();
        if (unavailable.isPresent()) {
            throw new IOException(unavailable.get());
        }
        String name = "oss-sse-enforcer-bench-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path memory = CGROUP.resolve("memory").resolve(name);
        Files.createDirectory(memory);
        long bytes = (long) memoryMb << 20;
        Files.writeString(memory.resolve("memory.limit_in_bytes"), Long.toString(bytes));
        Path swap = memory.resolve("memory.memsw.limit_in_bytes");
        if (Files.exists(swap)) { // swapping would hide a process that outgrows the limit
            Files.writeString(swap, Long.toString(bytes));
        }
        Optional<Path> cpu = Optional.empty();
        if (cpuQuota > 0) {
            Path cpuGroup = CGROUP.resolve("cpu").resolve(name);
            Files.createDirectory(cpuGroup);
            Files.writeString(cpuGroup.resolve("cpu.cfs_period_us"), Long.toString(CPU_PERIOD_US));
            Files.writeString(cpuGroup.resolve("cpu.cfs_quota_us"), Long.toString(Math.round(cpuQuota * CPU_PERIOD_US)));
            cpu = Optional.of(cpuGroup);
        }
        return new FcShape(memory, cpu);
    }

    /** Why this machine cannot make the cgroups, if it cannot. */
    static Optional<String> whyUnavailable() {
        for (String controller : List.of("memory", "cpu")) {
            if (!Files.isWritable(CGROUP.resolve(controller))) {
                return Optional.of("no writable cgroup v1 " + controller + " hierarchy at " + CGROUP.resolve(controller)
                        + " (needs root and cgroup v1)");
            }
        }
        return Optional.empty();
    }

    /** {@code command}, made to join the cgroups before it starts (a shell moves itself in, then execs it). */
    List<String> wrap(List<String> command) {
        StringBuilder join = new StringBuilder("echo $$ > " + memory.resolve("cgroup.procs"));
        cpu.ifPresent(c -> join.append(" && echo $$ > ").append(c.resolve("cgroup.procs")));
        List<String> wrapped = new ArrayList<>(List.of("sh", "-c", join + " && exec \"$@\"", "sh"));
        wrapped.addAll(command);
        return wrapped;
    }

    long peakBytes() throws IOException {
        return Long.parseLong(Files.readString(memory.resolve("memory.max_usage_in_bytes")).trim());
    }

    long limitHits() throws IOException {
        return Long.parseLong(Files.readString(memory.resolve("memory.failcnt")).trim());
    }

    /** Removes the cgroups; the kernel refuses while a process is still in one, so call it after the child exits. */
    @Override
    public void close() throws IOException {
        Files.delete(memory);
        if (cpu.isPresent()) {
            Files.delete(cpu.get());
        }
    }

    public static void main(String[] args) throws Exception {
        int memoryMb = Integer.parseInt(args[0]);
        double cpuQuota = Double.parseDouble(args[1]);
        List<String> command = List.of(args).subList(2, args.length);
        FcShape shape;
        try {
            shape = create(memoryMb, cpuQuota);
        } catch (IOException e) {
            System.out.println("skipped (" + e.getMessage() + "): " + String.join(" ", command));
            return;
        }
        try (shape) {
            int status = new ProcessBuilder(shape.wrap(command)).inheritIO().start().waitFor();
            System.out.printf("in a %d MB cgroup%s: exit %d, cgroup peak %d MB, limit hit %d times%n", memoryMb,
                    cpuQuota > 0 ? " at " + cpuQuota + " vCPU" : "", status, shape.peakBytes() >> 20,
                    shape.limitHits());
            if (status != 0) {
                System.exit(status);
            }
        }
    }
}
