package io.ossenforcer.handler;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * An instant as {@link Instant#toString()} writes it ({@code 2024-05-17T08:30:00.123Z}, the fraction in groups of
 * three digits as needed), without the {@code java.time.format} machinery it loads: about fifty classes on a cold
 * start, for the time field of the first log line.
 */
final class InstantText {
    private InstantText() {
    }

    static String of(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return instant.toString(); // ISO-8601's expanded years: never a log time, so the slow path is fine
        }
        StringBuilder s = new StringBuilder(30);
        digits(s, t.getYear(), 4).append('-');
        digits(s, t.getMonthValue(), 2).append('-');
        digits(s, t.getDayOfMonth(), 2).append('T');
        digits(s, t.getHour(), 2).append(':');
        digits(s, t.getMinute(), 2).append(':');
        digits(s, t.getSecond(), 2);
        int nanos = instant.getNano();
        if (nanos != 0) {
            s.append('.');
            if (nanos % 1_000_000 == 0) {
                digits(s, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                digits(s, nanos / 1_000, 6);
            } else {
                digits(s, nanos, 9);
            }
        }
        return s.append('Z').toString();
    }

    /** {@code value} in exactly {@code width} digits, zero-padded. */
    private static StringBuilder digits(StringBuilder s, int value, int width) {
        String text = Integer.toString(value);
        for (int i = text.length(); i < width; i++) {
            s.append('0');
        }
        return s.append(text);
    }
}
