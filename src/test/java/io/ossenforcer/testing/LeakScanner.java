package io.ossenforcer.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Finds secrets in captured text and describes each place without repeating the secret. */
public final class LeakScanner {
    private static final int CONTEXT_CHARS = 60;
    private static final String MASK = "<SECRET>";

    private final List<String> secrets;

    public LeakScanner(Collection<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    /** One line per occurrence: which secret (by its first characters) and the text around it, masked. */
    public List<String> scan(String captured) {
        List<String> leaks = new ArrayList<>();
        for (String secret : secrets) {
            String needle = CapturedOutput.asCaptured(secret);
            for (int at = captured.indexOf(needle); at >= 0; at = captured.indexOf(needle, at + needle.length())) {
                leaks.add("secret " + hint(secret) + " in: " + context(captured, at, needle));
            }
        }
        return leaks;
    }

    private static String hint(String secret) {
        return secret.substring(0, 3) + "..." + " (" + secret.length() + " chars)";
    }

    private static String context(String captured, int at, String needle) {
        int from = Math.max(0, at - CONTEXT_CHARS);
        int to = Math.min(captured.length(), at + needle.length() + CONTEXT_CHARS);
        String around = CapturedOutput.readable(captured.substring(from, to).replace(needle, MASK));
        return around.replace("\n", "\\n").replace("\r", "\\r");
    }
}
