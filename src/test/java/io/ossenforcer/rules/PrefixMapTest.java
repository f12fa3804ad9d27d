package io.ossenforcer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PrefixMapTest {
    private static String text(Random random, int maxLength) {
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(maxLength + 1); n > 0; n--) {
            s.append("ab/".charAt(random.nextInt(3)));
        }
        return s.toString();
    }

    @Test
    void findsExactlyTheKeysThatStartTheStringLongestFirst() {
        Random random = new Random(7);
        for (int round = 0; round < 500; round++) {
            PrefixMap<String> map = new PrefixMap<>();
            Set<String> keys = new TreeSet<>();
            for (int k = random.nextInt(20); k > 0; k--) {
                String key = text(random, 5);
                map.getOrAdd(key, () -> key);
                keys.add(key);
            }
            for (int q = 0; q < 50; q++) {
                String s = text(random, 7);
                List<String> expected = keys.stream().filter(s::startsWith)
                        .sorted(Comparator.comparingInt(String::length).reversed()).collect(Collectors.toList());

                assertEquals(expected, map.prefixesOf(s), () -> s + " in " + keys);
            }
        }
    }

    @Test
    void keepsTheFirstValueMadeForAKey() {
        PrefixMap<String> map = new PrefixMap<>();
        map.getOrAdd("a", () -> "first");

        assertEquals("first", map.getOrAdd("a", () -> "second"));
        assertEquals(List.of("first"), map.prefixesOf("ab"));
    }
}
