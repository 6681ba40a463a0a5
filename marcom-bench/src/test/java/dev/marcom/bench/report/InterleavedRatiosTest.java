package dev.marcom.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.marcom.bench.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterleavedRatiosTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void interleavedRatiosGoToJsonAndMarkdownBesideTheJmhRatios(@TempDir Path dir) throws Exception {
        Path run = Files.createDirectories(dir.resolve("jdk17"));
        ArrayNode jmh = JSON.createArrayNode()
                .add(ReportTest.result(
                        "dev.marcom.bench.jmh.RecordAeadBench.sealOpen", Map.of("size", "16384"), 80, 80, "ops/s"))
                .add(ReportTest.result(
                        "dev.marcom.bench.jmh.RawAesGcmBench.sealOpen", Map.of("size", "16384"), 100, 100, "ops/s"));
        JSON.writeValue(run.resolve("jmh-main.json").toFile(), jmh);
        // Written as Interleaved writes them; an unknown key comes after the report's own ones.
        Result.writeJson(
                run.resolve("interleaved.json"),
                List.of(
                        Result.of("interleaved.ratio", Map.of("ratio", "other_ratio"), "ratio", new double[] {2}),
                        Result.of(
                                "interleaved.ratio",
                                Map.of("ratio", "record_16k_vs_raw_aesgcm"),
                                "ratio",
                                new double[] {1.00, 0.92, 0.90, 0.96, 0.94}),
                        Result.of(
                                "interleaved.rate",
                                Map.of("group", "aead", "subject", "record"),
                                "ops/s",
                                new double[] {1, 2})));
        Path out = dir.resolve("out");

        Report.main(new String[] {"--out", out.toString(), "--run", "jdk17=" + run});

        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        JsonNode record = report.path("interleaved").path("record_16k_vs_raw_aesgcm");
        assertThat(record.path("median").asDouble()).isEqualTo(0.94);
        assertThat(record.path("q1").asDouble()).isEqualTo(0.92);
        assertThat(record.path("q3").asDouble()).isEqualTo(0.96);
        assertThat(record.path("cycles").asInt()).isEqualTo(5);
        assertThat(report.path("runs").path("jdk17").path("interleaved").fieldNames())
                .toIterable()
                .containsExactly("record_16k_vs_raw_aesgcm", "other_ratio");
        // The JMH ratio of the same key is still the median over the median.
        assertThat(report.path("ratios").path("record_16k_vs_raw_aesgcm").asDouble())
                .isEqualTo(0.8);
        String md = Files.readString(out.resolve("report.md"));
        assertThat(md)
                .contains("## Ratios interleaved in one JVM")
                .contains("| `record_16k_vs_raw_aesgcm` | ≥ 0.90 | 0.94 (0.92–0.96, 5 cycles) | 0.80 |")
                .contains("| `other_ratio` | – | 2.00 (2.00–2.00, 1 cycle) | – |");
    }

    @Test
    void aRunWithoutInterleavedRatiosHasNoSuchSection(@TempDir Path dir) throws Exception {
        Path run = Files.createDirectories(dir.resolve("jdk17"));
        JSON.writeValue(run.resolve("jmh-main.json").toFile(), JSON.createArrayNode());
        Path out = dir.resolve("out");

        Report.main(new String[] {"--out", out.toString(), "--run", "jdk17=" + run});

        assertThat(Files.readString(out.resolve("report.md"))).doesNotContain("interleaved in one JVM");
        assertThat(JSON.readTree(out.resolve("report.json").toFile())
                        .path("interleaved")
                        .isEmpty())
                .isTrue();
    }
}
