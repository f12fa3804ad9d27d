package io.ossenforcer.localoss;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/** The three date spellings OSS uses: RFC 1123 in headers, ISO 8601 with millis in XML, compact ISO in V4. */
final class HttpDates {
    private static final DateTimeFormatter RFC_1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_8601 =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter V4 =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    static String rfc1123(Instant instant) {
        return RFC_1123.format(instant);
    }

    static String iso8601(Instant instant) {
        return ISO_8601.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    static Optional<Instant> parseRfc1123(String text) {
        try {
            return Optional.of(DateTimeFormatter.RFC_1123_DATE_TIME.parse(text.trim(), Instant::from));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static Optional<Instant> parseV4(String text) {
        try {
            return Optional.of(V4.parse(text.trim(), Instant::from));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
