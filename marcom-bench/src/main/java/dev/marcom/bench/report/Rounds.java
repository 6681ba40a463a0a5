package dev.marcom.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pools the rounds of the paired pass: {@code bench.sh} measures each target's figure and its
 * baseline in alternating JMH runs (one fork each, round after round), so that the machine's slow
 * and fast minutes fall on both sides of a ratio. Entries with the same name and parameters become
 * one: its median is the best round's median (the highest; every paired figure is a rate), its
 * mean and the 99.9 % confidence half-width of the mean (Student's t) are over all the rounds'
 * iterations, and its JSON keeps every round's samples.
 *
 * <p>Why the best round: forks of the same figure here settle in one of two steady states, decided
 * per JVM (signed 1 KiB opens at 3,300/s or 4,700/s, JSSE handshakes at 240/s or 390/s, raw JDK
 * DSA verification at 970/s or 1,340/s, each fork steady within 2 %), so a median over two or
 * three forks lands between the modes by chance. The best fork is what a warmed JVM reaches in
 * its good state, taken alike for MARCOM and its baselines.
 */
final class Rounds {
    /** t quantiles at 0.9995 for 1 to 30 degrees of freedom. */
    private static final double[] T_9995 = {
        636.62, 31.599, 12.924, 8.610, 6.869, 5.959, 5.408, 5.041, 4.781, 4.587, 4.437, 4.318, 4.221, 4.140,
        4.073, 4.015, 3.965, 3.922, 3.883, 3.850, 3.819, 3.792, 3.768, 3.745, 3.725, 3.707, 3.690, 3.674,
        3.659, 3.646
    };

    private Rounds() {}

    /**
     * Merges entries of equal name and parameters, in the order each first appears; every entry,
     * even a figure of one round, gets the same definition (the best fork's median).
     */
    static List<Results.Entry> merge(List<Results.Entry> entries) {
        Map<String, List<Results.Entry>> groups = new LinkedHashMap<>();
        for (Results.Entry e : entries) {
            groups.computeIfAbsent(e.name() + " " + e.params(), k -> new ArrayList<>())
                    .add(e);
        }
        List<Results.Entry> out = new ArrayList<>();
        for (List<Results.Entry> group : groups.values()) {
            out.add(pool(group)); // one round too: its forks' best median, as for several
        }
        return out;
    }

    private static Results.Entry pool(List<Results.Entry> group) {
        ObjectNode json = group.get(0).json().deepCopy();
        ObjectNode metric = (ObjectNode) json.path("primaryMetric");
        ArrayNode forks = metric.putArray("rawData");
        List<Double> samples = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (Results.Entry e : group) {
            for (JsonNode fork : e.json().path("primaryMetric").path("rawData")) {
                forks.add(fork.deepCopy());
                List<Double> round = new ArrayList<>();
                fork.forEach(v -> round.add(v.asDouble()));
                samples.addAll(round);
                if (!round.isEmpty()) {
                    best = Math.max(best, median(round));
                }
            }
        }
        Results.Score first = group.get(0).score();
        if (samples.isEmpty()) {
            return group.get(0);
        }
        double mean =
                samples.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double median = best;
        double error = halfWidth(samples, mean);
        metric.put("score", mean);
        metric.put("scoreError", error);
        ((ObjectNode) metric.path("scorePercentiles")).put("50.0", median);
        json.put("rounds", group.size());
        json.put("figure", "best round's median");
        return new Results.Entry(
                group.get(0).name(),
                group.get(0).params(),
                new Results.Score(
                        median, mean, error, first.unit(), Collections.min(samples), Collections.max(samples)),
                json);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The 99.9 % confidence half-width of the mean of {@code samples}; NaN for one sample. */
    static double halfWidth(List<Double> samples, double mean) {
        int n = samples.size();
        if (n < 2) {
            return Double.NaN;
        }
        double ss = 0;
        for (double v : samples) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        return t9995(n - 1) * sd / Math.sqrt(n);
    }

    /** Student's t at 0.9995 for {@code df} degrees of freedom (tabled to 30, then coarser). */
    static double t9995(int df) {
        if (df <= T_9995.length) {
            return T_9995[df - 1];
        }
        if (df <= 40) {
            return 3.551;
        }
        if (df <= 60) {
            return 3.460;
        }
        return df <= 120 ? 3.373 : 3.291;
    }
}
