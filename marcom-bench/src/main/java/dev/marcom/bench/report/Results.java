package dev.marcom.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The results of one run (one JDK): every JMH-shaped entry from the JSON files of a run
 * directory, looked up by short benchmark name ({@code RawAesGcmBench.sealOpen},
 * {@code net.bulk}) and parameters.
 */
public final class Results {
    private static final String JMH_PACKAGE = "dev.marcom.bench.jmh.";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One figure: median, mean and the 99.9 % error of the mean, in {@code unit}. */
    public record Score(double median, double mean, double error, String unit, double min, double max) {
        /** Whether the samples spread so far (min under half the max) that it was not steady. */
        public boolean unsteady() {
            return max > 0 && min < 0.5 * max;
        }
    }

    /** One entry: its short name, parameters, score and the original JSON. */
    public record Entry(String name, Map<String, String> params, Score score, JsonNode json) {
        /** The samples of {@code primaryMetric.rawData}, fork by fork (a paired figure: round by round). */
        public double[][] forks() {
            return Results.forks(json.path("primaryMetric"));
        }

        /** Every sample of every fork, in order. */
        public double[] samples() {
            return Results.samples(json.path("primaryMetric"));
        }
    }

    private final List<Entry> entries;
    private final List<JsonNode> cold;
    private final JsonNode env;

    public Results(List<Entry> entries, List<JsonNode> cold, JsonNode env) {
        this.entries = List.copyOf(entries);
        this.cold = List.copyOf(cold);
        this.env = env;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The cold-start records ({@code cold-*.json}). */
    public List<JsonNode> cold() {
        return cold;
    }

    /** {@code env.json}, or an empty object. */
    public JsonNode env() {
        return env;
    }

    /** The entry named {@code name} whose parameters include all of {@code params}. */
    public Optional<Entry> find(String name, Map<String, String> params) {
        for (Entry e : entries) {
            if (e.name().equals(name) && e.params().entrySet().containsAll(params.entrySet())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * Reads every {@code *.json} of a run directory (JMH arrays, env.json, cold-*.json). The paired
     * pass's arrays ({@code jmh-paired-*.json}, one per round) come first, each figure's rounds
     * pooled into one entry ({@link Rounds}), so that {@link #find} prefers them to the same figure
     * measured again by a main pass.
     */
    public static Results read(Path dir) throws IOException {
        List<Entry> paired = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        List<JsonNode> cold = new ArrayList<>();
        JsonNode env = JSON.createObjectNode();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path f : files) {
            JsonNode root = JSON.readTree(f.toFile());
            String name = f.getFileName().toString();
            if (name.equals("env.json")) {
                env = root;
            } else if (name.startsWith("cold-")) {
                cold.add(root);
            } else if (root != null && root.isArray()) {
                (name.startsWith("jmh-paired") ? paired : entries).addAll(parse(root));
            }
        }
        List<Entry> all = new ArrayList<>(Rounds.merge(paired));
        all.addAll(entries);
        return new Results(all, cold, env);
    }

    /** Parses a JMH JSON array (or a harness's array in the same shape). */
    public static List<Entry> parse(JsonNode array) {
        List<Entry> out = new ArrayList<>();
        for (JsonNode n : array) {
            String bench = n.path("benchmark").asText();
            String name = bench.startsWith(JMH_PACKAGE) ? bench.substring(JMH_PACKAGE.length()) : bench;
            Map<String, String> params = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> p : n.path("params").properties()) {
                params.put(p.getKey(), p.getValue().asText());
            }
            JsonNode m = n.path("primaryMetric");
            double mean = m.path("score").asDouble(Double.NaN);
            double median = m.path("scorePercentiles").path("50.0").asDouble(mean);
            double error = number(m.path("scoreError"));
            double[] raw = samples(m);
            double min = Arrays.stream(raw).min().orElse(median);
            double max = Arrays.stream(raw).max().orElse(median);
            out.add(new Entry(
                    name,
                    params,
                    new Score(median, mean, error, m.path("scoreUnit").asText(""), min, max),
                    n));
        }
        return out;
    }

    /** A JMH-shaped {@code primaryMetric}'s {@code rawData}: one array of samples per fork. */
    static double[][] forks(JsonNode metric) {
        JsonNode raw = metric.path("rawData");
        double[][] forks = new double[raw.size()][];
        for (int f = 0; f < forks.length; f++) {
            JsonNode fork = raw.get(f);
            forks[f] = new double[fork.size()];
            for (int i = 0; i < fork.size(); i++) {
                forks[f][i] = fork.get(i).asDouble();
            }
        }
        return forks;
    }

    /** Every sample of a JMH-shaped {@code primaryMetric}, fork after fork. */
    static double[] samples(JsonNode metric) {
        return Arrays.stream(forks(metric)).flatMapToDouble(Arrays::stream).toArray();
    }

    private static double number(JsonNode n) {
        if (n.isNumber()) {
            return n.asDouble();
        }
        try {
            return Double.parseDouble(n.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
