package io.ossenforcer.localoss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code --faults} grammar: what it accepts, its canonical form, and an error naming each bad part. */
class FaultsTest {

    @Test
    void aSpecWithEveryKindOfFaultAndTriggerParsesToItsCanonicalForm() {
        Faults faults = Faults.parse("CopyObject:status=503:nth=1, HeadObject:latency=200ms:fraction=0.1,"
                + "UploadPartCopy:reset:from=2,GetObject:truncate,*:status=403/AccessDenied;seed=42");

        assertEquals("CopyObject:status=503/ServiceUnavailable:nth=1,HeadObject:latency=200ms:fraction=0.1,"
                + "UploadPartCopy:reset:from=2,GetObject:truncate,*:status=403/AccessDenied;seed=42",
                faults.toString());
        assertEquals(faults, Faults.parse(faults.toString()));
    }

    @Test
    void latencyInSecondsIsKeptInMilliseconds() {
        assertEquals("HeadObject:latency=2000ms;seed=0", Faults.parse("HeadObject:latency=2s").toString());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "CopyObjekt:status=503 | unknown operation \"CopyObjekt\"",
        "CopyObject | expected operation:fault[:trigger]",
        "CopyObject:status=503:nth=1:extra | expected operation:fault[:trigger]",
        "CopyObject:explode | unknown fault \"explode\"",
        "CopyObject:status=5x3 | status must be an HTTP status",
        "CopyObject:status=418 | status 418 has no default OSS error code; name one: status=418/ErrorCode",
        "CopyObject:status=403/Access Denied | error code must be a word",
        "CopyObject:latency=200 | latency needs a unit",
        "CopyObject:latency=-5ms | latency must be a whole number",
        "CopyObject:reset:nth=0 | calls are counted from 1",
        "CopyObject:reset:nth=first | the call number must be a whole number",
        "CopyObject:reset:fraction=1.5 | fraction must be a number from 0 to 1",
        "CopyObject:reset:sometimes | unknown trigger \"sometimes\"",
        "CopyObject:reset;sd=4 | after ';' expected seed=<integer>",
        "CopyObject:reset;seed=x | seed must be a whole number",
        "CopyObject:reset,,HeadObject:reset | fault rule 2 \"\"",
        "' ' | no fault rules"})
    void aBadSpecIsRejectedNamingTheBadPart(String spec, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Faults.parse(spec));

        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void theErrorNamesTheRuleByPositionAndText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Faults.parse("HeadObject:reset,CopyObject:status=999"));

        assertTrue(e.getMessage().startsWith("fault rule 2 \"CopyObject:status=999\": "), e.getMessage());
    }

    @Test
    void aFractionFiresOnAboutThatShareOfCallsAndOnTheSameCallsForTheSameSeed() {
        long fired = IntStream.rangeClosed(1, 10_000).filter(call -> FaultInjection.draw(42, 0, call) < 0.1).count();
        long again = IntStream.rangeClosed(1, 10_000).filter(call -> FaultInjection.draw(42, 0, call) < 0.1).count();
        long otherSeed = IntStream.rangeClosed(1, 10_000)
                .filter(call -> FaultInjection.draw(42, 0, call) < 0.1 != FaultInjection.draw(43, 0, call) < 0.1)
                .count();

        assertTrue(fired > 900 && fired < 1100, "fired on " + fired + " of 10000 calls");
        assertEquals(fired, again);
        assertTrue(otherSeed > 0, "another seed fires on other calls");
    }
}
