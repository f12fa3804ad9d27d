package io.ossenforcer.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Repeated measurements of one thing: median and spread, since the machine is shared and figures are noisy. */
final class Samples {
    private final List<Double> values = new ArrayList<>();

    void add(double value) {
        values.add(value);
    }

    /** Run by run (samples added in the same order): this one's value divided by {@code other}'s. */
    Samples over(Samples other) {
        Samples paired = new Samples();
        for (int i = 0; i < values.size(); i++) {
            paired.add(values.get(i) / other.values.get(i));
        }
        return paired;
    }

    double median() {
        List<Double> sorted = sorted();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    String spread() {
        List<Double> sorted = sorted();
        return String.format("%.0f-%.0f", sorted.get(0), sorted.get(sorted.size() - 1));
    }

    /** Median and spread, whole numbers. */
    String summary() {
        return String.format("%.0f (%s)", median(), spread());
    }

    /** Median and spread with two decimals, for ratios and milliseconds per warm event. */
    String ratio() {
        List<Double> sorted = sorted();
        return String.format("%.2f (%.2f-%.2f)", median(), sorted.get(0), sorted.get(sorted.size() - 1));
    }

    private List<Double> sorted() {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }
}
