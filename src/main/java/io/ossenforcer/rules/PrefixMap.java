package io.ossenforcer.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** Values by string key, looked up by every key that is a prefix of a given string. */
final class PrefixMap<V> {
    private final TreeMap<String, V> byKey = new TreeMap<>();

    /** The value of {@code key}, made by {@code make} and kept if there is none yet. */
    V getOrAdd(String key, Supplier<V> make) {
        return byKey.computeIfAbsent(key, k -> make.get());
    }

    /** Replaces every value by what {@code f} makes of it. */
    void replaceAll(UnaryOperator<V> f) {
        byKey.replaceAll((key, value) -> f.apply(value));
    }

    /**
     * The values of the keys that {@code s} starts with, longest key first. In sorted order every prefix of a string
     * comes at or before it, so the greatest key at or before {@code s} is the longest prefix if it is one at all;
     * when it is not, no key longer than what it has in common with {@code s} can be, and the search goes on from
     * there. Each step shortens what is left to search, so a lookup costs a few tree searches, whatever the size.
     */
    List<V> prefixesOf(String s) {
        List<V> found = new ArrayList<>();
        String rest = s;
        for (Map.Entry<String, V> e = byKey.floorEntry(rest); e != null; e = byKey.floorEntry(rest)) {
            String key = e.getKey();
            if (rest.startsWith(key)) {
                found.add(e.getValue());
                if (key.isEmpty()) {
                    break;
                }
                rest = key.substring(0, key.length() - 1);
            } else {
                rest = rest.substring(0, commonPrefixLength(rest, key));
            }
        }
        return found;
    }

    private static int commonPrefixLength(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    @Override
    public String toString() {
        return byKey.toString();
    }
}
