package dev.marcom.bench.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marcom.bench.Result;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Why the best round: forks of the same figure here settle in one of two steady states (signed
 * 1 KiB opens at 3,300/s or 4,700/s, JSSE handshakes at 240/s or 390/s, raw JDK DSA verification
 * at 970/s or 1,340/s, each fork steady within 2 %; OpenSSL slows at the same moments, so it is
 * the machine's phase), and a median over two or three forks lands between the modes by chance.
 * The best fork is what a warmed JVM reaches in its good state, taken alike for MARCOM and its
 * baselines. ({@code ratio.Interleaved} measures the targets' ratios a second way, both sides in
 * one JVM, where both see the same phase.)
 */
final class Rounds {
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
        List<double[]> rounds = new ArrayList<>();
        for (Results.Entry e : group) {
            rounds.addAll(List.of(e.forks()));
        }
        double[] samples = rounds.stream().flatMapToDouble(Arrays::stream).toArray();
        if (samples.length == 0) {
            return group.get(0);
        }
        double best = Double.NEGATIVE_INFINITY;
        for (double[] round : rounds) {
            if (round.length > 0) {
                double[] sorted = round.clone();
                Arrays.sort(sorted);
                best = Math.max(best, Result.median(sorted));
            }
        }
        double mean = Arrays.stream(samples).average().orElseThrow();
        double error = Result.halfWidth(samples, mean);
        ObjectNode json = group.get(0).json().deepCopy();
        ObjectNode metric = (ObjectNode) json.path("primaryMetric");
        ArrayNode forks = metric.putArray("rawData");
        for (double[] round : rounds) {
            ArrayNode fork = forks.addArray();
            Arrays.stream(round).forEach(fork::add);
        }
        metric.put("score", mean);
        metric.put("scoreError", error);
        ((ObjectNode) metric.path("scorePercentiles")).put("50.0", best);
        json.put("rounds", group.size());
        json.put("figure", "best round's median");
        return new Results.Entry(
                group.get(0).name(),
                group.get(0).params(),
                new Results.Score(
                        best,
                        mean,
                        error,
                        group.get(0).score().unit(),
                        Arrays.stream(samples).min().orElseThrow(),
                        Arrays.stream(samples).max().orElseThrow()),
                json);
    }
}
