package io.ossenforcer.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InstantTextTest {
    @Test
    void writesWhatInstantToStringWritesForRandomInstantsOfEveryPrecision() {
        Random random = new Random(42);
        long latest = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            long seconds = (long) (random.nextDouble() * latest);
            int nanos = random.nextInt(1_000_000_000);
            switch (i % 4) {
                case 0:
                    nanos = 0;
                    break;
                case 1:
                    nanos -= nanos % 1_000_000;
                    break;
                case 2:
                    nanos -= nanos % 1_000;
                    break;
                default:
                    break;
            }
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertEquals(instant.toString(), InstantText.of(instant));
        }
    }

    @Test
    void writesTheEdgesOfTheFourDigitYearsAndBeyondThem() {
        for (String s : new String[] {"0000-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2024-02-29T23:59:59.000000001Z",
            "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59.100Z"}) {
            Instant instant = Instant.parse(s);
            assertEquals(instant.toString(), InstantText.of(instant), s);
        }
    }
}
