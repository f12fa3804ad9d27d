package io.ossenforcer.json;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one JSON file N times with {@link StrictJson} ({@code bytes}) or the Gson reader it replaced ({@code gson},
 * the test oracle), for instruction counts that do not depend on the machine's load: run it under {@code valgrind
 * --tool=callgrind} for two values of N and divide the difference in instructions by the difference in N, which
 * leaves out the JVM's start and the warm-up (docs/PERFORMANCE.md, section 3).
 */
public final class ParseInstructions {
    private ParseInstructions() {
    }

    public static void main(String[] args) throws Exception {
        boolean gson = args[0].equals("gson");
        int times = Integer.parseInt(args[1]);
        byte[] json = Files.readAllBytes(Path.of(args[2]));
        JsonLimits limits = JsonLimits.of(6 * 1024 * 1024, 64);
        long members = 0;
        for (int i = 0; i < times; i++) {
            members += (gson ? GsonStrictJsonOracle.parse(json, limits) : StrictJson.parse(json, limits))
                    .getAsJsonObject().size();
        }
        System.out.println(members + " top-level members read");
    }
}
