package io.cutover.e2e.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of a sample, in milliseconds. */
record Stats(int count, long p50, long p99, long max) {

    static Stats of(List<Long> sample) {
        if (sample.isEmpty()) {
            return new Stats(0, -1, -1, -1);
        }
        List<Long> sorted = new ArrayList<>(sample);
        Collections.sort(sorted);
        return new Stats(sorted.size(), rank(sorted, 50), rank(sorted, 99), sorted.get(sorted.size() - 1));
    }

    private static long rank(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    @Override
    public String toString() {
        return "n=" + count + " p50=" + p50 + " ms p99=" + p99 + " ms max=" + max + " ms";
    }
}
