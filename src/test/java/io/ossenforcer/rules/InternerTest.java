package io.ossenforcer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class InternerTest {
    @Test
    void anEqualValueGivesTheFirstInstance() {
        Interner<String> strings = new Interner<>();
        String first = new String("logs/");
        String second = new String("logs/");

        assertSame(first, strings.intern(first));
        assertSame(first, strings.intern(second));
    }

    @Test
    void unequalValuesStayApart() {
        Interner<String> strings = new Interner<>();
        strings.intern("logs/");

        assertEquals("logs/tmp/", strings.intern("logs/tmp/"));
        assertEquals("logs/", strings.intern(new String("logs/")));
    }

    @Test
    void aValueForgottenForLackOfRoomIsStillItself() {
        Interner<String> strings = new Interner<>(1);
        String first = strings.intern(new String("logs/"));
        strings.intern("tmp/");
        String again = new String("logs/");

        assertSame(again, strings.intern(again));
        assertEquals(first, again);
    }

    @Test
    void aValueInUseIsRememberedLongest() {
        Interner<String> strings = new Interner<>(2);
        String first = strings.intern(new String("logs/"));
        strings.intern("tmp/");
        strings.intern(new String("logs/"));
        strings.intern("cache/");

        assertSame(first, strings.intern(new String("logs/")));
    }
}
