package io.ossenforcer.canary;

import io.ossenforcer.rules.Encryption;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What was seen of one canary: how it was sent, the first read after the upload was acknowledged, when a read first
 * showed its encryption changed, and the last read. Times are since the upload was acknowledged.
 */
public final class Observation {
    private final Canary canary;
    private final CanaryContent sent;
    private final Optional<String> sentCrc64;
    private final Optional<CanaryState> first;
    private final Optional<CanaryState> last;
    private final Optional<Duration> changedAfter;
    private final Duration unchangedAfter;
    private final Optional<Failure> failure;
    private final boolean encryptedOnArrival;

    /** A call that failed: which, with OSS's error code and what it said. */
    public static final class Failure {
        private final String step;
        private final Optional<String> errorCode;
        private final String message;

        public Failure(String step, Optional<String> errorCode, String message) {
            this.step = Objects.requireNonNull(step);
            this.errorCode = Objects.requireNonNull(errorCode);
            this.message = Objects.requireNonNull(message);
        }

        /** {@code upload} or {@code read}. */
        public String step() {
            return step;
        }

        public Optional<String> errorCode() {
            return errorCode;
        }

        public String message() {
            return message;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Failure && step.equals(((Failure) o).step) && errorCode.equals(((Failure) o).errorCode)
                    && message.equals(((Failure) o).message);
        }

        @Override
        public int hashCode() {
            return Objects.hash(step, errorCode, message);
        }

        @Override
        public String toString() {
            return step + " failed: " + message;
        }
    }

    Observation(Canary canary, CanaryContent sent, Optional<String> sentCrc64, Optional<CanaryState> first,
            Optional<CanaryState> last, Optional<Duration> changedAfter, Duration unchangedAfter,
            Optional<Failure> failure, boolean encryptedOnArrival) {
        this.canary = Objects.requireNonNull(canary);
        this.sent = Objects.requireNonNull(sent);
        this.sentCrc64 = Objects.requireNonNull(sentCrc64);
        this.first = Objects.requireNonNull(first);
        this.last = Objects.requireNonNull(last);
        this.changedAfter = Objects.requireNonNull(changedAfter);
        this.unchangedAfter = Objects.requireNonNull(unchangedAfter);
        this.failure = Objects.requireNonNull(failure);
        this.encryptedOnArrival = encryptedOnArrival;
    }

    /** A canary whose upload failed: nothing was stored, nothing was watched. */
    static Observation notUploaded(Canary canary, CanaryContent sent, Failure failure) {
        return new Observation(canary, sent, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Duration.ZERO, Optional.of(failure), false);
    }

    public Canary canary() {
        return canary;
    }

    /** The content as uploaded (without the non-ASCII metadata value if the endpoint refused it). */
    public CanaryContent sent() {
        return sent;
    }

    /** The CRC64 OSS reported for the upload. */
    public Optional<String> sentCrc64() {
        return sentCrc64;
    }

    /** The first read after the upload; empty if the upload failed or the object was already gone. */
    public Optional<CanaryState> first() {
        return first;
    }

    /** The last read; empty when the object is gone (or was never stored). */
    public Optional<CanaryState> last() {
        return last;
    }

    /** When a read first showed the encryption changed from the upload's (or the object gone). */
    public Optional<Duration> changedAfter() {
        return changedAfter;
    }

    /** When a read last showed the encryption still as uploaded: the window's lower bound. */
    public Duration unchangedAfter() {
        return unchangedAfter;
    }

    public Optional<Failure> failure() {
        return failure;
    }

    /**
     * Its first read showed an encryption the bucket's default encryption gives to an upload without SSE headers
     * (or one that could not be told apart from it): OSS encrypted it, not the function.
     */
    public boolean encryptedOnArrival() {
        return encryptedOnArrival;
    }

    /** Its last read shows another encryption than it had on arrival: something (the function) rewrote it. */
    public boolean rewritten() {
        Encryption arrived = encryptedOnArrival ? first.map(f -> f.object().encryption()).orElseThrow()
                : canary.kind().uploadedWith();
        return last.map(l -> !l.object().encryption().equals(arrived)).orElse(false);
    }

    public boolean uploaded() {
        return failure.map(f -> !f.step().equals("upload")).orElse(true);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Observation)) {
            return false;
        }
        Observation that = (Observation) o;
        return canary.equals(that.canary) && sent.equals(that.sent) && sentCrc64.equals(that.sentCrc64)
                && first.equals(that.first) && last.equals(that.last) && changedAfter.equals(that.changedAfter)
                && unchangedAfter.equals(that.unchangedAfter) && failure.equals(that.failure)
                && encryptedOnArrival == that.encryptedOnArrival;
    }

    @Override
    public int hashCode() {
        return Objects.hash(canary, sent, sentCrc64, first, last, changedAfter, unchangedAfter, failure,
                encryptedOnArrival);
    }

    @Override
    public String toString() {
        return "Observation{" + canary + " first=" + first + " last=" + last + " changedAfter=" + changedAfter
                + failure.map(f -> " " + f).orElse("") + '}';
    }
}
