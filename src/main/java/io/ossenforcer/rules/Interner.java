package io.ossenforcer.rules;

import java.util.HashMap;
import java.util.Map;

/**
 * One instance for each set of equal immutable values. A large rules file repeats the same prefixes, excludes,
 * specs and index groups across its buckets; kept once, they cost a reload, which holds two rule sets at once, far
 * less of the heap.
 */
final class Interner<T> {
    private final Map<T, T> instances = new HashMap<>();

    /** The first value seen equal to {@code value}; {@code value} itself when it is the first. */
    T intern(T value) {
        return instances.computeIfAbsent(value, first -> first);
    }
}
