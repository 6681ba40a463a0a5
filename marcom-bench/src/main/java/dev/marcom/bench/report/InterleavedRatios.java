package dev.marcom.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marcom.bench.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ratios {@code ratio.Interleaved} measured inside one JVM ({@code interleaved.ratio}
 * entries, one sample per cycle): median and quartiles, for report.json and a report.md table
 * beside the JMH ratios of the same keys.
 */
final class InterleavedRatios {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InterleavedRatios() {}

    /** One ratio's per-cycle samples, summarised: their quartiles and count. */
    record Summary(String key, Result.Quartiles cycles) {}

    /** The run's interleaved ratios, in {@link Ratios#DEFS} order, then any others. */
    static List<Summary> of(Results results) {
        Map<String, Summary> found = new LinkedHashMap<>();
        for (Results.Entry e : results.entries()) {
            if (!e.name().equals("interleaved.ratio")) {
                continue;
            }
            double[] samples = e.samples();
            if (samples.length == 0) {
                continue;
            }
            Result.Quartiles q = Result.quartiles(samples);
            String key = e.params().getOrDefault("ratio", "?");
            found.put(key, new Summary(key, q));
        }
        List<Summary> out = new ArrayList<>();
        for (Ratios.Def d : Ratios.DEFS) {
            Summary s = found.remove(d.key());
            if (s != null) {
                out.add(s);
            }
        }
        out.addAll(found.values());
        return out;
    }

    /** {@code {key: {median, q1, q3, cycles}}}, empty when the run has none. */
    static ObjectNode json(Results results) {
        ObjectNode n = JSON.createObjectNode();
        for (Summary s : of(results)) {
            ObjectNode o = n.putObject(s.key());
            o.put("median", round(s.cycles().median()));
            o.put("q1", round(s.cycles().q1()));
            o.put("q3", round(s.cycles().q3()));
            o.put("cycles", s.cycles().count());
        }
        return n;
    }

    /** A report.md section comparing each run's interleaved ratios with its JMH ratios. */
    static void markdown(StringBuilder md, List<Report.Run> runs) {
        Map<String, Map<String, Summary>> byKey = new LinkedHashMap<>();
        for (Report.Run run : runs) {
            for (Summary s : of(run.results())) {
                byKey.computeIfAbsent(s.key(), k -> new LinkedHashMap<>()).put(run.label(), s);
            }
        }
        if (byKey.isEmpty()) {
            return;
        }
        md.append("\n## Ratios interleaved in one JVM\n\n")
                .append("The same ratios measured by `ratio.Interleaved`: both sides in one JVM, in slices of")
                .append(" half a second taken in turn (openssl: one `openssl speed -seconds 1` between them),")
                .append(" one ratio per cycle; median of the cycles, quartiles in brackets. Both sides see the")
                .append(" same phase of the machine, which JMH's forks, minutes apart, do not; both share one")
                .append(" JVM's JIT decisions, which JMH's forks do not. The JMH column repeats the table above.\n\n")
                .append("| ratio | target |");
        runs.forEach(r -> md.append(' ')
                .append(r.label())
                .append(" interleaved | ")
                .append(r.label())
                .append(" JMH |"));
        md.append("\n|---|---|");
        runs.forEach(r -> md.append("---|---|"));
        md.append('\n');
        for (Map.Entry<String, Map<String, Summary>> e : byKey.entrySet()) {
            Ratios.Def def = Ratios.DEFS.stream()
                    .filter(d -> d.key().equals(e.getKey()))
                    .findFirst()
                    .orElse(null);
            md.append("| `").append(e.getKey()).append("` | ");
            md.append(
                    def == null || def.target() == null
                            ? "–"
                            : (def.lowerIsBetter() ? "≤ " : "≥ ") + Report.fmt(def.target()));
            md.append(" |");
            for (Report.Run run : runs) {
                Summary s = e.getValue().get(run.label());
                md.append(' ')
                        .append(
                                s == null
                                        ? "–"
                                        : Report.fmt(s.cycles().median()) + " ("
                                                + Report.fmt(s.cycles().q1()) + "–"
                                                + Report.fmt(s.cycles().q3()) + ", "
                                                + s.cycles().count()
                                                + (s.cycles().count() == 1 ? " cycle)" : " cycles)"))
                        .append(" |");
                Double jmh = run.ratios().values().get(e.getKey());
                md.append(' ').append(jmh == null ? "–" : Report.fmt(jmh)).append(" |");
            }
            md.append('\n');
        }
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
