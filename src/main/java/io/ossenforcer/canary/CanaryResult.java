package io.ossenforcer.canary;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** How one canary ended against its rule, and, when it did not end as the rule says, the likely cause and the fix. */
public final class CanaryResult {
    /** What became of a canary. */
    public enum Finding {
        /** Rewritten with the rule's encryption, nothing else changed. */
        ENFORCED(true),
        /**
         * Already encrypted as the rule demands at the first read after the upload, before any trigger could act:
         * the bucket's default encryption did it. It ends as the rule says, but proves nothing about the function.
         */
        ENCRYPTED_ON_ARRIVAL(true),
        /** Audit rule: exactly as uploaded. */
        UNTOUCHED(true),
        /** Still as uploaded when the time ran out. */
        NOT_ENFORCED(false),
        /** Rewritten, but not with an encryption the rule accepts. */
        WRONG_ENCRYPTION(false),
        /** The encryption the rule demands, but bytes, headers, metadata, tags or ACL not kept. */
        DAMAGED(false),
        /** Audit rule, and yet changed. */
        CHANGED(false),
        /** Deleted while watched. */
        GONE(false),
        /** Never uploaded: the key existed already, or OSS refused the upload. */
        NOT_UPLOADED(false),
        /** Uploaded, but this command could not read it. */
        UNREADABLE(false);

        private final boolean pass;

        Finding(boolean pass) {
            this.pass = pass;
        }

        public boolean pass() {
            return pass;
        }
    }

    private final Observation observation;
    private final Finding finding;
    private final List<String> problems;
    private final Optional<String> cause;
    private final Optional<String> fix;

    CanaryResult(Observation observation, Finding finding, List<String> problems, Optional<String> cause,
            Optional<String> fix) {
        this.observation = Objects.requireNonNull(observation);
        this.finding = Objects.requireNonNull(finding);
        this.problems = List.copyOf(problems);
        this.cause = Objects.requireNonNull(cause);
        this.fix = Objects.requireNonNull(fix);
    }

    CanaryResult explained(String cause, String fix) {
        return new CanaryResult(observation, finding, problems, Optional.of(cause), Optional.of(fix));
    }

    public Canary canary() {
        return observation.canary();
    }

    public Observation observation() {
        return observation;
    }

    public Finding finding() {
        return finding;
    }

    public boolean pass() {
        return finding.pass();
    }

    /** What is wrong with the canary as last read, one line each (empty when it passed). */
    public List<String> problems() {
        return problems;
    }

    /** What the canary ended as: its encryption, or why there is none to show. */
    public String observed() {
        if (!observation.uploaded()) {
            return "not uploaded";
        }
        return observation.last().map(s -> s.object().encryption().describe()).orElse(
                observation.failure().isPresent() ? "unreadable" : "gone");
    }

    /**
     * Upload acknowledged to the first read that showed it re-encrypted, for a canary the function rewrote; the
     * true window lies between {@link Observation#unchangedAfter()} and this.
     */
    public Optional<Duration> window() {
        return observation.rewritten() && finding != Finding.CHANGED ? observation.changedAfter() : Optional.empty();
    }

    public Optional<String> cause() {
        return cause;
    }

    public Optional<String> fix() {
        return fix;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CanaryResult)) {
            return false;
        }
        CanaryResult that = (CanaryResult) o;
        return observation.equals(that.observation) && finding == that.finding && problems.equals(that.problems)
                && cause.equals(that.cause) && fix.equals(that.fix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observation, finding, problems, cause, fix);
    }

    @Override
    public String toString() {
        return "CanaryResult{" + canary() + " " + finding + (problems.isEmpty() ? "" : " " + problems)
                + cause.map(c -> " cause=" + c).orElse("") + '}';
    }
}
