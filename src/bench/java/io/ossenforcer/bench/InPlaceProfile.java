package io.ossenforcer.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the warm handler's own time goes between the SDK's calls, per event: a perf profile of
 * {@code SdkCallSplit}'s handler program (see {@code src/bench/run inplace}) read from {@code perf script} on standard
 * input. Only the calling thread's samples taken while the measured events ran count; those with an SDK call on the
 * stack, or the split's own timing proxy, are left out; the rest is shared out by the frames under the handler's
 * {@code handleRequest}, some levels deep, and turned into µs per event with the split's own "outside them" figure.
 * For C1-only code: C2 inlines the SDK's methods into ours, and then a sample's frames no longer say whose code ran.
 * Arguments: the split program's standard error (its "split" and "window" lines); the kind of events, "compliant" or
 * "encrypt" (default); how many levels (default 5).
 */
public final class InPlaceProfile {
    private static final Pattern SPLIT = Pattern.compile("^split +\\S+ +(\\S+) .*outside them ([0-9.]+)");
    private static final Pattern WINDOW = Pattern.compile("^window (\\S+) (\\d+) (\\d+)$");
    private static final Pattern SAMPLE = Pattern.compile("^\\s*(\\d+)\\s+(\\d+\\.\\d+):");
    private static final String ROOT = "EnforcerHandler.handleRequest";
    private static final double SHOWN = 0.02;

    private InPlaceProfile() {
    }

    public static void main(String[] args) throws IOException {
        String kind = args.length > 1 ? args[1] : "encrypt";
        int levels = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        double outsideMicros = Double.NaN;
        double from = Double.NaN;
        double to = Double.NaN;
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            Matcher split = SPLIT.matcher(line);
            Matcher window = WINDOW.matcher(line);
            if (split.find() && split.group(1).equals(kind)) {
                outsideMicros = Double.parseDouble(split.group(2));
            } else if (window.find() && window.group(1).equals(kind)) {
                from = Long.parseLong(window.group(2)) / 1e9;
                to = Long.parseLong(window.group(3)) / 1e9;
            }
        }
        if (Double.isNaN(outsideMicros) || Double.isNaN(from)) {
            throw new IllegalArgumentException(args[0] + " has no split and window lines for " + kind
                    + ": did the program finish?");
        }
        List<Sample> samples = read(from, to);
        Map<String, Integer> byThread = new HashMap<>();
        for (Sample sample : samples) {
            if (sample.has("SdkCallSplit.") || sample.has("EnforcerHandler.")) {
                byThread.merge(sample.thread, 1, Integer::sum);
            }
        }
        String caller = byThread.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow(
                () -> new IllegalArgumentException("no sample of the measured window is in SdkCallSplit's loop"))
                .getKey();
        int thread = 0;
        int sdk = 0;
        int outside = 0;
        Map<String, Integer> tree = new TreeMap<>();
        for (Sample sample : samples) {
            if (!sample.thread.equals(caller)) {
                continue;
            }
            thread++;
            if (sample.has("OSSClient.") || sample.has("lambda$timed")) {
                sdk++;
                continue;
            }
            outside++;
            int root = sample.outermost(ROOT);
            if (root < 0) {
                tree.merge("(outside " + ROOT + ")", 1, Integer::sum);
                continue;
            }
            String path = "";
            for (int depth = 1; depth <= levels && root - depth >= 0; depth++) {
                path += (depth > 1 ? " > " : "") + sample.frames.get(root - depth);
                tree.merge(path, 1, Integer::sum);
            }
        }
        System.out.printf("%s, calling thread: %d samples in the measured window, %d in the SDK's calls or the timing"
                + " proxy, %d outside them (%.1f µs per event by the split's own clock)%n", kind, thread, sdk, outside,
                outsideMicros);
        for (Map.Entry<String, Integer> node : tree.entrySet()) {
            double share = node.getValue() / (double) outside;
            if (share >= SHOWN) {
                System.out.printf("%5.1f%% %5.1f µs  %s%n", 100 * share, share * outsideMicros, node.getKey());
            }
        }
    }

    /** The samples of {@code perf script -F tid,time,ip,sym} taken between {@code from} and {@code to} seconds. */
    private static List<Sample> read(double from, double to) throws IOException {
        List<Sample> samples = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Sample current = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            Matcher header = SAMPLE.matcher(line);
            if (header.find()) {
                double time = Double.parseDouble(header.group(2));
                current = time >= from && time <= to ? new Sample(header.group(1)) : null;
                if (current != null) {
                    samples.add(current);
                }
            } else if (current != null && !line.isBlank()) {
                current.frames.add(method(line.trim()));
            }
        }
        return samples;
    }

    /** {@code Class.method} from a stack line, {@code address [return type] package.Class.method(arguments)}. */
    private static String method(String line) {
        String symbol = line.substring(line.indexOf(' ') + 1);
        int arguments = symbol.indexOf('(');
        if (arguments >= 0) {
            symbol = symbol.substring(0, arguments);
        }
        // A lambda's class carries its address (Report$$Lambda$142/0x00007f054c1bcfb0), which differs run to run.
        String name = symbol.substring(symbol.lastIndexOf(' ') + 1).replaceAll("/0x[0-9a-f]+", "");
        int method = name.lastIndexOf('.');
        int type = method < 0 ? -1 : name.lastIndexOf('.', method - 1);
        return type < 0 ? name : name.substring(type + 1);
    }

    /** One sample: its thread and its frames, innermost first. */
    private static final class Sample {
        final String thread;
        final List<String> frames = new ArrayList<>();

        Sample(String thread) {
            this.thread = thread;
        }

        boolean has(String part) {
            for (String frame : frames) {
                if (frame.contains(part)) {
                    return true;
                }
            }
            return false;
        }

        /** The index of the outermost frame named {@code method}, or -1. */
        int outermost(String method) {
            for (int i = frames.size() - 1; i >= 0; i--) {
                if (frames.get(i).equals(method)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
