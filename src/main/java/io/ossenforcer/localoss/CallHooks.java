package io.ossenforcer.localoss;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Actions a test runs at an exact step of a client's work: on the nth call of an operation, just before it runs or
 * just after it ran (its answer not yet sent), on the thread serving that call and outside the store lock, so the
 * action may itself call the emulator. A second writer placed here acts at that step every time, with no sleep.
 */
final class CallHooks {
    /** Where in the call the action runs. */
    enum When {
        BEFORE, AFTER
    }

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<Hook> hooks = new CopyOnWriteArrayList<>();

    /** Runs {@code action} on the nth call of {@code operation} from now on (calls made before do not count). */
    void add(String operation, int nth, When when, Runnable action) {
        if (nth < 1) {
            throw new IllegalArgumentException("calls are counted from 1, not " + nth);
        }
        int made = calls.computeIfAbsent(operation, o -> new AtomicInteger()).get();
        hooks.add(new Hook(operation, made + nth, when, action));
    }

    /** Counts a call of {@code operation} and answers its number, from 1 since the emulator started. */
    int count(String operation) {
        return calls.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
    }

    void run(String operation, int call, When when) {
        for (Hook hook : hooks) {
            if (hook.operation.equals(operation) && hook.nth == call && hook.when == when) {
                hook.action.run();
            }
        }
    }

    private static final class Hook {
        final String operation;
        /** The call's number since the emulator started. */
        final int nth;
        final When when;
        final Runnable action;

        Hook(String operation, int nth, When when, Runnable action) {
            this.operation = operation;
            this.nth = nth;
            this.when = when;
            this.action = action;
        }
    }
}
