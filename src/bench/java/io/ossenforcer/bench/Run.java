package io.ossenforcer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One child process, timed from the parent, its peak RSS taken by GNU time (/usr/bin/time, Debian's "time"). */
final class Run {
    final double wallMillis;
    final double startEpochMillis;
    final long peakRssKb;
    final String out;

    private Run(double wallMillis, double startEpochMillis, long peakRssKb, String out) {
        this.wallMillis = wallMillis;
        this.startEpochMillis = startEpochMillis;
        this.peakRssKb = peakRssKb;
        this.out = out;
    }

    static Run of(List<String> command, String javaToolOptions) throws IOException, InterruptedException {
        Path rss = Files.createTempFile("rss", ".txt");
        Path out = Files.createTempFile("out", ".txt");
        Path err = Files.createTempFile("err", ".txt");
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M", "-o", rss.toString()));
        timed.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(timed).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(BenchOss.credentials());
        if (!javaToolOptions.isEmpty()) {
            builder.environment().put("JAVA_TOOL_OPTIONS", javaToolOptions);
        }
        Instant now = Instant.now();
        double startEpoch = now.getEpochSecond() * 1000.0 + now.getNano() / 1e6;
        long start = System.nanoTime();
        Process process = builder.start();
        int status = process.waitFor();
        double wall = (System.nanoTime() - start) / 1e6;
        if (status != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + status + ":\n"
                    + Files.readString(err) + Files.readString(out));
        }
        List<String> rssLines = Files.readAllLines(rss);
        return new Run(wall, startEpoch, Long.parseLong(rssLines.get(rssLines.size() - 1).trim()), Files.readString(out));
    }

    String lastLine(String prefix) {
        String found = null;
        for (String line : out.split("\n")) {
            if (line.startsWith(prefix)) {
                found = line;
            }
        }
        if (found == null) {
            throw new IllegalStateException("no line starting \"" + prefix + "\" in:\n" + out);
        }
        return found;
    }
}
