package io.ossenforcer.canary;

import java.util.List;
import java.util.Objects;

/** The outcome of one verify-deployment run: each canary's result, what the run noticed, and what cleanup did. */
public final class VerificationRun {
    private final CanaryPlan plan;
    private final List<CanaryResult> results;
    private final List<String> notes;
    private final List<String> removed;
    private final List<String> leftovers;

    VerificationRun(CanaryPlan plan, List<CanaryResult> results, List<String> notes, List<String> removed,
            List<String> leftovers) {
        this.plan = Objects.requireNonNull(plan);
        this.results = List.copyOf(results);
        this.notes = List.copyOf(notes);
        this.removed = List.copyOf(removed);
        this.leftovers = List.copyOf(leftovers);
    }

    public CanaryPlan plan() {
        return plan;
    }

    public List<CanaryResult> results() {
        return results;
    }

    /** What the run noticed that is not a canary's verdict (e.g. non-ASCII metadata refused by the endpoint). */
    public List<String> notes() {
        return notes;
    }

    /** Canaries deleted, with how many versions each. */
    public List<String> removed() {
        return removed;
    }

    /** Canaries still in OSS: kept on request ({@code --keep}) or not deletable, each with why. */
    public List<String> leftovers() {
        return leftovers;
    }

    /** Every rule had its canaries, and every canary ended as its rule says. */
    public boolean passed() {
        return plan.untestable().isEmpty() && !results.isEmpty() && results.stream().allMatch(CanaryResult::pass);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VerificationRun)) {
            return false;
        }
        VerificationRun that = (VerificationRun) o;
        return plan.equals(that.plan) && results.equals(that.results) && notes.equals(that.notes)
                && removed.equals(that.removed) && leftovers.equals(that.leftovers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(plan, results, notes, removed, leftovers);
    }

    @Override
    public String toString() {
        return "VerificationRun{" + plan.runId() + " " + results + " notes=" + notes + " leftovers=" + leftovers + '}';
    }
}
