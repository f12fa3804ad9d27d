package io.ossenforcer.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One instance for equal immutable values seen close together. A large rules file repeats the same prefixes,
 * excludes, specs and index groups bucket after bucket; kept once, they cost a reload, which holds two rule sets at
 * once, far less of the heap. Only the most recently used values are remembered, so that a file whose values never
 * repeat does not pay for a table of all of them while it is read.
 */
final class Interner<T> {
    /**
     * The values of several buckets of a hundred rules. Not many more: in a file whose values never repeat, each is
     * forgotten after this many others, and remembered much longer they outlive the young generation and fill the old
     * one with garbage (docs/PERFORMANCE.md, hot reload).
     */
    static final int RECENT = 1_000;

    private final Map<T, T> recent;

    Interner() {
        this(RECENT);
    }

    Interner(int capacity) {
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<T, T> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The instance remembered equal to {@code value}; {@code value} itself, remembered, when there is none. */
    T intern(T value) {
        return recent.computeIfAbsent(value, first -> first);
    }
}
