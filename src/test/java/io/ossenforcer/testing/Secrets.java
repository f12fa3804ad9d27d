package io.ossenforcer.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every access key secret and security token the test run hands to code under test. The credential scan looks for
 * each of them in everything the run printed, logged or reported ({@link CredentialLeakCheck}).
 */
public final class Secrets {
    /** Shorter values ("x", "wrong") are throwaway strings of signature tests and would match ordinary text. */
    public static final int MIN_SCANNED_LENGTH = 8;

    private static final Set<String> scanned = new LinkedHashSet<>();
    private static int tooShort;

    private Secrets() {
    }

    public static synchronized void used(String secret) {
        if (secret.length() < MIN_SCANNED_LENGTH) {
            tooShort++;
        } else {
            scanned.add(secret);
        }
    }

    /** In the order first used, so a caller can tell which ones it has not seen yet. */
    static synchronized List<String> all() {
        return List.copyOf(new ArrayList<>(scanned));
    }

    static synchronized int tooShortToScan() {
        return tooShort;
    }
}
