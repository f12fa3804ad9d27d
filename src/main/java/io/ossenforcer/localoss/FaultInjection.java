package io.ossenforcer.localoss;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The faults in force and their call counters. Replacing the faults restarts the counts; the number injected is kept
 * for the life of the emulator. Whether a fraction rule fires on a call depends only on the seed, the rule and the
 * call's number, so a run is reproducible whatever the threads' interleaving.
 */
final class FaultInjection {
    private final AtomicReference<Armed> armed;
    private final AtomicLong injected = new AtomicLong();

    FaultInjection(Faults faults) {
        this.armed = new AtomicReference<>(new Armed(faults));
    }

    void set(Faults faults) {
        armed.set(new Armed(faults));
    }

    Faults faults() {
        return armed.get().faults;
    }

    long injected() {
        return injected.get();
    }

    /** Counts a call of {@code operation} for every rule that covers it; the first rule that fires wins. */
    Optional<Faults.Rule> next(String operation) {
        Armed current = armed.get();
        List<Faults.Rule> rules = current.faults.rules();
        Optional<Faults.Rule> fired = Optional.empty();
        for (int i = 0; i < rules.size(); i++) {
            Faults.Rule rule = rules.get(i);
            if (!rule.covers(operation)) {
                continue;
            }
            long call = current.calls[i].incrementAndGet();
            if (fired.isEmpty() && rule.fires(call, draw(current.faults.seed(), i, call))) {
                fired = Optional.of(rule);
            }
        }
        fired.ifPresent(r -> injected.incrementAndGet());
        return fired;
    }

    /** A uniform number in [0, 1) from (seed, rule, call): SplitMix64's finaliser over their combination. */
    static double draw(long seed, int rule, long call) {
        long z = seed + 0x9E3779B97F4A7C15L * (call + 1) + 0xBF58476D1CE4E5B9L * (rule + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    private static final class Armed {
        final Faults faults;
        final AtomicLong[] calls;

        Armed(Faults faults) {
            this.faults = faults;
            this.calls = new AtomicLong[faults.rules().size()];
            for (int i = 0; i < calls.length; i++) {
                calls[i] = new AtomicLong();
            }
        }
    }
}
