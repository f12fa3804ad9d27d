package io.ossenforcer.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;

/**
 * The credential scan catches a secret wherever the run can leak it. Each test leaks a fresh canary on purpose and
 * scans for it itself; the canaries are never registered in {@link Secrets} except where a test consumes the
 * resulting report, so the build's own scan stays clean.
 */
class CredentialScanTest {
    private static final AtomicInteger CANARIES = new AtomicInteger();

    /** A fresh secret each time, found nowhere else in the run. */
    private static String canary() {
        return "canary-secret-" + CANARIES.incrementAndGet() + "-never-printed-on-purpose-elsewhere";
    }

    private static List<String> leaksSince(long mark, String canary) {
        return new LeakScanner(List.of(canary)).scan(CapturedOutput.since(mark));
    }

    @Test
    void catchesASecretPrintedToStandardOutput() {
        String canary = canary();
        long mark = CapturedOutput.end();

        System.out.println("connecting with secret " + canary);

        assertEquals(1, leaksSince(mark, canary).size());
    }

    @Test
    void catchesASecretPrintedToStandardError() {
        String canary = canary();
        long mark = CapturedOutput.end();

        System.err.println("{\"token\":\"" + canary + "\"}");

        assertEquals(1, leaksSince(mark, canary).size());
    }

    @Test
    void catchesASecretLoggedThroughLog4j() {
        String canary = canary();
        long mark = CapturedOutput.end();

        LogManager.getLogger("com.aliyun.oss").error("signing with {}", canary);

        assertFalse(leaksSince(mark, canary).isEmpty());
    }

    @Test
    void catchesASecretLoggedThroughJavaUtilLogging() {
        String canary = canary();
        long mark = CapturedOutput.end();

        java.util.logging.Logger.getLogger("com.aliyun.oss").severe("secret " + canary);

        assertFalse(leaksSince(mark, canary).isEmpty());
    }

    @Test
    void catchesASecretInAReportATestHandsOver() {
        String canary = canary();
        long mark = CapturedOutput.end();

        CapturedOutput.feed("{\"results\":[{\"reason\":\"AccessDenied for " + canary + "\"}]}");

        assertEquals(1, leaksSince(mark, canary).size());
    }

    @Test
    void catchesANonAsciiSecretInEveryCapturedForm() {
        String canary = "秘密-" + canary();
        long mark = CapturedOutput.end();

        System.out.println(canary);
        CapturedOutput.feed(canary);

        assertEquals(2, leaksSince(mark, canary).size());
    }

    @Test
    void describesALeakWithoutRepeatingTheSecret() {
        String canary = canary();
        long mark = CapturedOutput.end();
        CapturedOutput.feed("before " + canary + " after");

        String leak = leaksSince(mark, canary).get(0);

        assertFalse(leak.contains(canary), leak);
        assertTrue(leak.contains("before <SECRET> after"), leak);
    }

    @Test
    void theRunWideCheckReportsARegisteredSecretOnceItLeaks() {
        CredentialLeakCheck.newLeaks(); // whatever earlier tests left is theirs to answer for
        String canary = canary();
        Secrets.used(canary);

        System.out.println("oops " + canary);
        List<String> leaks = CredentialLeakCheck.newLeaks(); // consumed here, so this test itself passes

        assertEquals(1, leaks.size(), leaks::toString);
        assertTrue(CredentialLeakCheck.newLeaks().isEmpty(), "a leak is reported once");
    }

    @Test
    void theRunWideCheckFindsASecretThatLeakedBeforeItWasRegistered() {
        CredentialLeakCheck.newLeaks();
        String canary = canary();

        CapturedOutput.feed("early " + canary);
        Secrets.used(canary);

        assertEquals(1, CredentialLeakCheck.newLeaks().size());
    }
}
