package dev.marcom.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * One measured figure from a harness outside JMH (sockets, memory, cold start), in the shape of a
 * JMH JSON result ({@code benchmark}, {@code params}, {@code primaryMetric} with {@code score},
 * {@code scoreError}, {@code scorePercentiles} and {@code rawData}) so the report treats all
 * results alike. The error is the half-width of the 99.9 % confidence interval of the mean,
 * computed as JMH computes it.
 */
public final class Result {
    private Result() {}

    /** A JSON-ready map for {@code samples} of one figure. */
    public static Map<String, Object> of(String benchmark, Map<String, String> params, String unit, double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(samples).average().orElse(Double.NaN);
        double error = halfWidth(samples, mean);
        Map<String, Object> percentiles = new LinkedHashMap<>();
        percentiles.put("0.0", sorted[0]);
        percentiles.put("50.0", median(sorted));
        percentiles.put("100.0", sorted[sorted.length - 1]);
        Map<String, Object> metric = new LinkedHashMap<>();
        metric.put("score", mean);
        metric.put("scoreError", Double.isNaN(error) ? "NaN" : error);
        metric.put("scoreUnit", unit);
        metric.put("scorePercentiles", percentiles);
        metric.put("rawData", new double[][] {samples});
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("benchmark", benchmark);
        r.put("mode", "thrpt");
        r.put("params", new LinkedHashMap<>(params));
        r.put("primaryMetric", metric);
        return r;
    }

    /**
     * The half-width of the 99.9 % confidence interval of the mean of {@code samples} (Student's
     * t), as JMH computes its score error; NaN for fewer than two samples.
     */
    public static double halfWidth(double[] samples, double mean) {
        if (samples.length < 2) {
            return Double.NaN;
        }
        double var = 0;
        for (double s : samples) {
            var += (s - mean) * (s - mean);
        }
        double sd = Math.sqrt(var / (samples.length - 1));
        double t = new TDistribution(samples.length - 1).inverseCumulativeProbability(1 - 0.001 / 2);
        return t * sd / Math.sqrt(samples.length);
    }

    /** The quartiles of a set of samples, and how many there were. */
    public record Quartiles(double q1, double median, double q3, int count) {}

    /** The quartiles of {@code samples} (in any order; the array is not changed). */
    public static Quartiles quartiles(double[] samples) {
        double[] s = samples.clone();
        Arrays.sort(s);
        return new Quartiles(quantile(s, 0.25), median(s), quantile(s, 0.75), s.length);
    }

    /** The median of values sorted in ascending order. */
    public static double median(double[] sorted) {
        return quantile(sorted, 0.5);
    }

    /**
     * The {@code p}-quantile ({@code 0 <= p <= 1}) of values sorted in ascending order,
     * interpolated linearly between neighbouring ranks (the median for 0.5, the quartiles for
     * 0.25 and 0.75).
     */
    public static double quantile(double[] sorted, double p) {
        double rank = p * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    /** Writes {@code value} (maps, lists, arrays, numbers, strings) as JSON. */
    public static void writeJson(Path file, Object value) throws IOException {
        ObjectMapper m = new ObjectMapper();
        m.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), value);
    }
}
