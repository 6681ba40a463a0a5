package dev.marcom.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A JMH-shaped result with the given median (scorePercentiles 50.0) and mean. */
    static ObjectNode result(String benchmark, Map<String, String> params, double median, double mean, String unit) {
        ObjectNode n = JSON.createObjectNode();
        n.put("benchmark", benchmark);
        n.put("mode", "thrpt");
        ObjectNode p = n.putObject("params");
        params.forEach(p::put);
        ObjectNode m = n.putObject("primaryMetric");
        m.put("score", mean);
        m.put("scoreError", 1.5);
        m.put("scoreUnit", unit);
        m.putObject("scorePercentiles").put("50.0", median);
        ArrayNode raw = m.putArray("rawData").addArray();
        raw.add(median * 0.9).add(median).add(median * 1.1);
        return n;
    }

    static Results results(ObjectNode... nodes) {
        ArrayNode a = JSON.createArrayNode();
        for (ObjectNode n : nodes) {
            a.add(n);
        }
        return new Results(Results.parse(a), List.of(), JSON.createObjectNode());
    }

    @Test
    void ratiosDivideMediansNotMeans() {
        Results r = results(
                result("dev.marcom.bench.jmh.RecordAeadBench.sealOpen", Map.of("size", "16384"), 90_000, 1, "ops/s"),
                result("dev.marcom.bench.jmh.RawAesGcmBench.sealOpen", Map.of("size", "16384"), 100_000, 1e9, "ops/s"),
                result("net.bulk", Map.of("transport", "marcom", "bytes", "268435456"), 650, 650, "MB/s"),
                result("net.bulk", Map.of("transport", "tls13", "bytes", "268435456"), 500, 500, "MB/s"),
                result("dev.marcom.bench.jmh.HandshakeBench.marcom", Map.of("group", "ffdhe2048"), 80, 80, "ops/s"),
                result("dev.marcom.bench.jmh.HandshakeBench.tls13", Map.of(), 400, 400, "ops/s"),
                result(
                        "dev.marcom.bench.jmh.SessionRecordBench.open",
                        Map.of("size", "1024", "dsa", "2048"),
                        450,
                        450,
                        "ops/s"),
                result("dev.marcom.bench.jmh.RawDsaBench.jdkVerify", Map.of("dsa", "2048"), 500, 500, "ops/s"));

        Map<String, Double> v = Ratios.compute(r).values();

        assertThat(v.get("record_16k_vs_raw_aesgcm")).isCloseTo(0.9, within(1e-12));
        assertThat(v.get("bulk_vs_tls13")).isCloseTo(1.3, within(1e-12));
        assertThat(v.get("handshake_vs_tls13")).isCloseTo(0.2, within(1e-12));
        assertThat(v.get("signed_msgs_vs_raw_dsa_verify")).isCloseTo(0.9, within(1e-12));
    }

    @Test
    void parametersMustMatchTheRightSize() {
        Results r = results(
                result("dev.marcom.bench.jmh.RecordAeadBench.sealOpen", Map.of("size", "64"), 10, 10, "ops/s"),
                result("dev.marcom.bench.jmh.RecordAeadBench.sealOpen", Map.of("size", "16384"), 30, 30, "ops/s"),
                result("dev.marcom.bench.jmh.RawAesGcmBench.sealOpen", Map.of("size", "64"), 1000, 1000, "ops/s"),
                result("dev.marcom.bench.jmh.RawAesGcmBench.sealOpen", Map.of("size", "16384"), 40, 40, "ops/s"));

        Ratios ratios = Ratios.compute(r);

        assertThat(ratios.values().get("record_16k_vs_raw_aesgcm")).isCloseTo(0.75, within(1e-12));
        assertThat(ratios.values().get("record_64_vs_raw_aesgcm")).isCloseTo(0.01, within(1e-12));
    }

    @Test
    void missingResultsAreReportedAsMissing() {
        Results r = results(
                result("dev.marcom.bench.jmh.RawAesGcmBench.sealOpen", Map.of("size", "16384"), 100, 100, "ops/s"));

        Ratios ratios = Ratios.compute(r);

        assertThat(ratios.values())
                .containsEntry("record_16k_vs_raw_aesgcm", null)
                .containsEntry("bulk_vs_tls13", null);
        assertThat(ratios.missing())
                .anyMatch(m -> m.startsWith("record_16k_vs_raw_aesgcm: missing RecordAeadBench.sealOpen"))
                .anyMatch(m -> m.contains("bulk_vs_tls13")
                        && m.contains("net.bulk{transport=marcom}")
                        && m.contains("net.bulk{transport=tls13}"));
        assertThat(Ratios.met(Ratios.DEFS.get(0), null)).isEmpty();
    }

    @Test
    void lowerIsBetterForMemory() {
        Ratios.Def memory = Ratios.DEFS.stream()
                .filter(d -> d.key().equals("memory_idle_vs_jsse"))
                .findFirst()
                .orElseThrow();
        assertThat(Ratios.met(memory, 0.4)).contains(true);
        assertThat(Ratios.met(memory, 0.6)).contains(false);
        Ratios.Def bulk = Ratios.DEFS.stream()
                .filter(d -> d.key().equals("bulk_vs_tls13"))
                .findFirst()
                .orElseThrow();
        assertThat(Ratios.met(bulk, 1.29)).contains(false);
        assertThat(Ratios.met(bulk, 1.3)).contains(true);
    }

    @Test
    void writesMarkdownJsonAndChartsWithMissingMarked(@TempDir Path dir) throws Exception {
        Path run = Files.createDirectories(dir.resolve("jdk17"));
        ArrayNode jmh = JSON.createArrayNode();
        jmh.add(result(
                "dev.marcom.bench.jmh.RecordAeadBench.sealOpen", Map.of("size", "16384"), 80_000, 80_000, "ops/s"));
        jmh.add(result(
                "dev.marcom.bench.jmh.RawAesGcmBench.sealOpen", Map.of("size", "16384"), 100_000, 100_000, "ops/s"));
        JSON.writeValue(run.resolve("jmh-main.json").toFile(), jmh);
        ObjectNode env = JSON.createObjectNode()
                .put("mode", "quick")
                .put("cpu", "Test CPU")
                .put("cores", 2);
        JSON.writeValue(run.resolve("env.json").toFile(), env);
        Path out = dir.resolve("out");

        Report.main(new String[] {"--out", out.toString(), "--run", "jdk17=" + run});

        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        assertThat(report.path("ratios").path("record_16k_vs_raw_aesgcm").asDouble())
                .isCloseTo(0.8, within(1e-9));
        assertThat(report.path("ratios").path("bulk_vs_tls13").isNull()).isTrue();
        assertThat(report.path("targets")
                        .path("record_16k_vs_raw_aesgcm")
                        .path("met")
                        .asBoolean())
                .isTrue();
        assertThat(report.path("runs").path("jdk17").path("results")).hasSize(2);
        assertThat(report.path("runs").path("jdk17").path("missing").toString()).contains("bulk_vs_tls13");
        String md = Files.readString(out.resolve("report.md"));
        assertThat(md)
                .contains("Test CPU")
                .contains("| `record_16k_vs_raw_aesgcm` |")
                .contains("0.80 met")
                .contains("| `bulk_vs_tls13` |")
                .contains("missing")
                .contains("### Missing");
        assertThat(out.resolve("throughput-jdk17.png")).isNotEmptyFile();
        assertThat(Files.readAllBytes(out.resolve("throughput-jdk17.png")))
                .startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }
}
