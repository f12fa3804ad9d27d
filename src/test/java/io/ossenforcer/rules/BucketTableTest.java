package io.ossenforcer.rules;

import static io.ossenforcer.rules.RuleTest.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BucketTableTest {
    private static BucketTable table(Map<String, List<Rule>> rules) {
        Map<String, BucketRules> buckets = new LinkedHashMap<>();
        for (Map.Entry<String, List<Rule>> bucket : rules.entrySet()) {
            buckets.put(bucket.getKey(), new BucketRules(bucket.getValue()));
        }
        return new BucketTable(buckets);
    }

    private static Rule catchAll(String bucket) {
        return rule(bucket + "-all", null, null);
    }

    @Test
    void anEmptyTableNamesNoBucket() {
        BucketTable table = table(Map.of());
        assertEquals(Optional.empty(), table.match("bucket", "key"));
        assertEquals(Optional.empty(), table.match("", ""));
    }

    @Test
    void namesWhoseHashCodesOrTagsCollideAreToldApart() {
        // "Aa" and "BB" have one hash code, "Aa" and "Ab" differ only in the bit a tag sets.
        List<String> names = List.of("Aa", "BB", "Ab", "AaAa", "BBBB", "AaBB", "BBAa", "");
        Map<String, List<Rule>> rules = new LinkedHashMap<>();
        for (String name : names) {
            rules.put(name, List.of(catchAll(name)));
        }
        BucketTable table = table(rules);
        for (String name : names) {
            assertEquals(Optional.of(catchAll(name)), table.match(name, "key"), name);
        }
        assertEquals(Optional.empty(), table.match("AaAaAa", "key"));
        assertEquals(Optional.empty(), table.match("Ac", "key"));
        assertEquals("Aa".hashCode() | 1, "Ab".hashCode() | 1);
    }

    @Test
    void aBucketWithoutRulesIsNamedButMatchesNothing() {
        Map<String, List<Rule>> rules = new LinkedHashMap<>();
        rules.put("empty", List.of());
        rules.put("full", List.of(catchAll("full")));
        BucketTable table = table(rules);
        assertEquals(Optional.empty(), table.match("empty", "key"));
        assertEquals(Optional.of(catchAll("full")), table.match("full", "key"));
    }

    @Test
    void namesOfOneHashCodeFillingARunOfSlotsAreAllFoundWhereverTheRunWrapsAround() {
        // Eight names of one hash code take eight neighbouring slots of 32; over a hundred hash codes, some runs
        // start near the end of the table and wrap around to its start.
        for (int group = 0; group < 100; group++) {
            List<String> names = new ArrayList<>(List.of("g" + group));
            for (int round = 0; round < 4; round++) {
                List<String> longer = new ArrayList<>();
                for (String name : names) {
                    longer.add(name + "Aa");
                    longer.add(name + "BB");
                }
                names = longer;
            }
            Map<String, List<Rule>> rules = new LinkedHashMap<>();
            for (String name : names.subList(0, 8)) {
                rules.put(name, List.of(catchAll(name)));
            }
            BucketTable table = table(rules);
            for (String name : names.subList(0, 8)) {
                assertEquals(Optional.of(catchAll(name)), table.match(name, "key"), name);
            }
            for (String name : names.subList(8, 16)) {
                assertEquals(Optional.empty(), table.match(name, "key"), name);
                assertEquals(names.get(0).hashCode(), name.hashCode());
            }
        }
    }

    @Test
    void ofAThousandBucketsEachIsFoundAndNoOther() {
        Map<String, List<Rule>> rules = new LinkedHashMap<>();
        for (int b = 0; b < 1000; b++) {
            rules.put("bucket-" + b, List.of(catchAll("bucket-" + b)));
        }
        BucketTable table = table(rules);
        for (int b = 0; b < 1000; b++) {
            assertEquals(Optional.of(catchAll("bucket-" + b)), table.match("bucket-" + b, "key"));
        }
        for (int b = 1000; b < 3000; b++) {
            assertEquals(Optional.empty(), table.match("bucket-" + b, "key"));
        }
    }
}
