package io.ossenforcer.testing;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test (or test class) during which a credential from {@link Secrets} showed up in the captured output.
 * Registered for every test class by autodetection ({@code junit-platform.properties}); {@link CapturedOutputListener}
 * starts the capture before the first test. Each check reads only what is new: the output since the last check
 * against every secret, and the whole kept output against secrets first used since the last check.
 */
public final class CredentialLeakCheck implements AfterEachCallback, AfterAllCallback {
    private static long checkedUpTo;
    private static int secretsChecked;
    private static long leaksFound;

    @Override
    public void afterEach(ExtensionContext context) {
        failOnLeaks();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        failOnLeaks();
    }

    private static void failOnLeaks() {
        List<String> leaks = newLeaks();
        countFailed(leaks);
        if (!leaks.isEmpty()) {
            throw new AssertionError("credentials leaked into output, logs or reports:\n  "
                    + String.join("\n  ", leaks));
        }
    }

    /** Leaks not reported before; each is reported once, so one leak fails one test, not every later one. */
    public static synchronized List<String> newLeaks() {
        List<String> secrets = Secrets.all();
        long end = CapturedOutput.end();
        List<String> leaks = new ArrayList<>(
                new LeakScanner(secrets.subList(0, secretsChecked)).scan(CapturedOutput.since(checkedUpTo)));
        leaks.addAll(new LeakScanner(secrets.subList(secretsChecked, secrets.size()))
                .scan(CapturedOutput.since(0)));
        checkedUpTo = end;
        secretsChecked = secrets.size();
        return leaks;
    }

    static synchronized void countFailed(List<String> leaks) {
        leaksFound += leaks.size();
    }

    static synchronized String describe() {
        return secretsChecked + " secrets and tokens scanned for (" + Secrets.tooShortToScan() + " under "
                + Secrets.MIN_SCANNED_LENGTH + " characters not), " + leaksFound + " leaks failed a test";
    }
}
