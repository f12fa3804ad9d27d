package io.ossenforcer.localoss;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a RestoreObject of an archive-class object stands: ongoing (OSS takes minutes to hours; here it lasts until
 * {@link LocalOss#completeRestores()}) or done, readable until its expiry.
 */
final class RestoreState {
    private final boolean ongoing;
    private final int days;
    private final Instant expiry;

    private RestoreState(boolean ongoing, int days, Instant expiry) {
        this.ongoing = ongoing;
        this.days = days;
        this.expiry = expiry;
    }

    static RestoreState ongoing(int days) {
        return new RestoreState(true, days, Instant.MAX);
    }

    /** The restore finished at {@code now}: the copy stays readable for the requested days. */
    RestoreState completed(Instant now) {
        return new RestoreState(false, days, now.plus(Duration.ofDays(days)));
    }

    boolean isOngoing() {
        return ongoing;
    }

    boolean isReadable(Instant now) {
        return !ongoing && now.isBefore(expiry);
    }

    /** The {@code x-oss-restore} header value, spelled as OSS and the SDK's {@code isRestoreCompleted()} expect. */
    String header() {
        return ongoing ? "ongoing-request=\"true\""
                : "ongoing-request=\"false\", expiry-date=\"" + HttpDates.rfc1123(expiry) + "\"";
    }
}
