package io.ossenforcer.testing;

import java.io.PrintStream;
import java.util.List;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Starts {@link CapturedOutput} before the first test runs, and at the end of the run checks what the last test left
 * behind and prints the scan's figures. Registered in {@code META-INF/services}. A listener cannot fail the build:
 * failing is {@link CredentialLeakCheck}'s job; a leak found only here is printed loudly.
 */
public final class CapturedOutputListener implements TestExecutionListener {
    private PrintStream console;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        console = System.err;
        CapturedOutput.install();
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        List<String> leaks = CredentialLeakCheck.newLeaks();
        CredentialLeakCheck.countFailed(leaks);
        leaks.forEach(leak -> console.println("CREDENTIAL LEAK after the last test: " + leak));
        console.println("credential scan: " + CapturedOutput.describe() + ", " + CredentialLeakCheck.describe());
    }
}
