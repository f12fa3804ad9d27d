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

    double median() {
        List<Double> sorted = sorted();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    String spread() {
        List<Double> sorted = sorted();
        return String.format("%.0f-%.0f", sorted.get(0), sorted.get(sorted.size() - 1));
    }

    private List<Double> sorted() {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }
}
