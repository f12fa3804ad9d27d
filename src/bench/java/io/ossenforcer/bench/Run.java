package io.ossenforcer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One child process, timed from the parent; its peak RSS and CPU time (user + system) taken by GNU time. */
final class Run {
    final double wallMillis;
    final double cpuMillis;
    final long peakRssKb;
    final String out;

    private Run(double wallMillis, double cpuMillis, long peakRssKb, String out) {
        this.wallMillis = wallMillis;
        this.cpuMillis = cpuMillis;
        this.peakRssKb = peakRssKb;
        this.out = out;
    }

    /** Runs {@code command} with {@code environment} added to this process's; fails unless it exits 0. */
    static Run of(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        Path time = Files.createTempFile("time", ".txt");
        Path out = Files.createTempFile("out", ".txt");
        Path err = Files.createTempFile("err", ".txt");
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M %U %S", "-o", time.toString()));
        timed.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(timed).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        int status = builder.start().waitFor();
        double wall = (System.nanoTime() - start) / 1e6;
        if (status != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + status + ":\n"
                    + Files.readString(err) + Files.readString(out));
        }
        List<String> lines = Files.readAllLines(time);
        String[] figures = lines.get(lines.size() - 1).trim().split(" ");
        double cpu = (Double.parseDouble(figures[1]) + Double.parseDouble(figures[2])) * 1000;
        String output = Files.readString(out);
        for (Path file : List.of(time, out, err)) {
            Files.delete(file);
        }
        return new Run(wall, cpu, Long.parseLong(figures[0]), output);
    }
}
