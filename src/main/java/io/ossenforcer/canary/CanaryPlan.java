package io.ossenforcer.canary;

import java.util.List;
import java.util.Objects;

/** The canaries of one run, and the rules no canary could be planned for (each with the reason). */
public final class CanaryPlan {
    private final String runId;
    private final List<Canary> canaries;
    private final List<String> untestable;

    CanaryPlan(String runId, List<Canary> canaries, List<String> untestable) {
        this.runId = Objects.requireNonNull(runId);
        this.canaries = List.copyOf(canaries);
        this.untestable = List.copyOf(untestable);
    }

    public String runId() {
        return runId;
    }

    public List<Canary> canaries() {
        return canaries;
    }

    /** One line per rule left without a canary, naming the rule and why. */
    public List<String> untestable() {
        return untestable;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CanaryPlan && runId.equals(((CanaryPlan) o).runId)
                && canaries.equals(((CanaryPlan) o).canaries) && untestable.equals(((CanaryPlan) o).untestable);
    }

    @Override
    public int hashCode() {
        return Objects.hash(runId, canaries, untestable);
    }

    @Override
    public String toString() {
        return "CanaryPlan{" + runId + " " + canaries + (untestable.isEmpty() ? "" : " untestable=" + untestable) + '}';
    }
}
