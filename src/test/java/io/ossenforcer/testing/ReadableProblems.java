package io.ossenforcer.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/** What every problem report of the strict JSON readers must be, however hostile the input. */
public final class ReadableProblems {
    /** The problems with a document as a whole, which have no JSON path to name. */
    private static final List<String> INPUT_LEVEL =
            List.of("invalid JSON", "invalid UTF-8 at byte offset ", "input is larger than the limit");

    private ReadableProblems() {
    }

    /** At least one problem; each one line, naming a JSON path or the input, worded for people. */
    public static void assertReadable(List<String> problems) {
        assertFalse(problems.isEmpty(), "no problem listed");
        for (String problem : problems) {
            boolean namesPath = problem.startsWith("$") && problem.contains(": ");
            boolean namesInput = INPUT_LEVEL.stream().anyMatch(problem::startsWith);
            assertTrue(namesPath || namesInput, () -> "problem names neither a path nor the input: " + problem);
            assertFalse(problem.contains("\n") || problem.contains("\r"), () -> "a problem is one line: " + problem);
            assertFalse(problem.contains("com.google.gson") || problem.contains("Exception"),
                    () -> "a problem is worded for people: " + problem);
        }
    }
}
