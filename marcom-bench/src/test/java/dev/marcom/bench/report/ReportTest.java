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
    void aPairedPassMeasurementWinsOverTheSameFigureOfAMainPass(@TempDir Path dir) throws Exception {
        Map<String, String> size = Map.of("size", "16384");
        ArrayNode main = JSON.createArrayNode()
                .add(result("dev.marcom.bench.jmh.RecordAeadBench.sealOpen", size, 50_000, 50_000, "ops/s"))
                .add(result("dev.marcom.bench.jmh.RecordAeadBench.sealOpen", Map.of("size", "64"), 7, 7, "ops/s"));
        ArrayNode paired = JSON.createArrayNode()
                .add(result("dev.marcom.bench.jmh.RecordAeadBench.sealOpen", size, 90_000, 90_000, "ops/s"));
        // "jmh-main" sorts before "jmh-paired-aead": only the rule, not the names' order, puts it second.
        JSON.writeValue(dir.resolve("jmh-main.json").toFile(), main);
        JSON.writeValue(dir.resolve("jmh-paired-aead.json").toFile(), paired);

        Results r = Results.read(dir);

        assertThat(r.find("RecordAeadBench.sealOpen", size)
                        .orElseThrow()
                        .score()
                        .median())
                .isEqualTo(90_000);
        assertThat(r.find("RecordAeadBench.sealOpen", Map.of("size", "64"))
                        .orElseThrow()
                        .score()
                        .median())
                .isEqualTo(7);
    }

    @Test
    void thePairedPassRoundsArePooledIntoOneFigureAtTheBestRound(@TempDir Path dir) throws Exception {
        Map<String, String> size = Map.of("size", "16384");
        // Round 1 ran at 100 (samples 90, 100, 110), round 2 at 200 (180, 200, 220).
        JSON.writeValue(
                dir.resolve("jmh-paired-aead-1.json").toFile(),
                JSON.createArrayNode()
                        .add(result("dev.marcom.bench.jmh.RecordAeadBench.sealOpen", size, 100, 100, "ops/s")));
        JSON.writeValue(
                dir.resolve("jmh-paired-aead-2.json").toFile(),
                JSON.createArrayNode()
                        .add(result("dev.marcom.bench.jmh.RecordAeadBench.sealOpen", size, 200, 200, "ops/s")));

        Results r = Results.read(dir);

        assertThat(r.entries()).hasSize(1);
        Results.Score s = r.find("RecordAeadBench.sealOpen", size).orElseThrow().score();
        assertThat(s.median()).as("the best round's median").isCloseTo(200, within(1e-9));
        assertThat(s.mean()).isCloseTo(150, within(1e-9));
        assertThat(s.min()).isCloseTo(90, within(1e-9));
        assertThat(s.max()).isCloseTo(220, within(1e-9));
        // sd of {90, 100, 110, 180, 200, 220} = 56.5685; t(0.9995, 5) = 6.869
        assertThat(s.error()).isCloseTo(6.869 * 56.5685 / Math.sqrt(6), within(0.01));
        JsonNode json = r.entries().get(0).json();
        assertThat(json.path("primaryMetric").path("rawData")).hasSize(2);
        assertThat(json.path("rounds").asInt()).isEqualTo(2);
        assertThat(json.path("primaryMetric")
                        .path("scorePercentiles")
                        .path("50.0")
                        .asDouble())
                .isCloseTo(200, within(1e-9));
    }

    @Test
    void ratiosDivideMediansNotMeans() {
        Results r = results(
                result("dev.marcom.bench.jmh.RecordAeadBench.sealOpen", Map.of("size", "16384"), 90_000, 1, "ops/s"),
                result("dev.marcom.bench.jmh.RawAesGcmBench.sealOpen", Map.of("size", "16384"), 100_000, 1e9, "ops/s"),
                result("net.bulk", Map.of("transport", "marcom", "bytes", "268435456"), 650, 650, "MB/s"),
                result("net.bulk", Map.of("transport", "tls13", "bytes", "268435456"), 500, 500, "MB/s"),
                result("dev.marcom.bench.jmh.HandshakeBench.marcom", Map.of("suite", "classic"), 80, 80, "ops/s"),
                result("dev.marcom.bench.jmh.HandshakeBench.tls13", Map.of(), 400, 400, "ops/s"),
                result(
                        "dev.marcom.bench.jmh.SessionRecordBench.open",
                        Map.of("size", "1024", "suite", "classic"),
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

    /** The figures of the suite ratios: modern and pq handshakes, modern and classic opens. */
    static Results suiteResults(double modernHandshakes, double modernOpens) {
        return results(
                result("dev.marcom.bench.jmh.HandshakeBench.marcom", Map.of("suite", "classic"), 80, 80, "ops/s"),
                result(
                        "dev.marcom.bench.jmh.HandshakeBench.marcom",
                        Map.of("suite", "modern"),
                        modernHandshakes,
                        1,
                        "ops/s"),
                result("dev.marcom.bench.jmh.HandshakeBench.marcom", Map.of("suite", "pq"), 500, 1, "ops/s"),
                result("dev.marcom.bench.jmh.HandshakeBench.tls13", Map.of(), 400, 1e6, "ops/s"),
                result(
                        "dev.marcom.bench.jmh.SessionRecordBench.open",
                        Map.of("size", "64", "suite", "modern"),
                        1,
                        1,
                        "ops/s"),
                result(
                        "dev.marcom.bench.jmh.SessionRecordBench.open",
                        Map.of("size", "1024", "suite", "modern"),
                        modernOpens,
                        1,
                        "ops/s"),
                result(
                        "dev.marcom.bench.jmh.SessionRecordBench.open",
                        Map.of("size", "1024", "suite", "classic"),
                        1_000,
                        1,
                        "ops/s"),
                result(
                        "dev.marcom.bench.jmh.SessionRecordBench.open",
                        Map.of("size", "1024", "suite", "pq"),
                        3_000,
                        1,
                        "ops/s"),
                result(
                        "dev.marcom.bench.jmh.RawSignatureBench.bcVerify",
                        Map.of("algorithm", "ml-dsa-65"),
                        4_000,
                        1,
                        "ops/s"),
                result(
                        "dev.marcom.bench.jmh.RawSignatureBench.bcVerify",
                        Map.of("algorithm", "ed25519"),
                        20_000,
                        1,
                        "ops/s"));
    }

    static Ratios.Def def(String key) {
        return Ratios.DEFS.stream().filter(d -> d.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void suiteRatiosPickTheirSuiteAndBaseline() {
        Map<String, Double> v = Ratios.compute(suiteResults(1_300, 18_000)).values();

        assertThat(v.get("handshake_modern_vs_tls13")).isCloseTo(3.25, within(1e-12));
        assertThat(v.get("handshake_pq_vs_tls13")).isCloseTo(1.25, within(1e-12));
        assertThat(v.get("handshake_vs_tls13")).isCloseTo(0.2, within(1e-12));
        assertThat(v.get("signed_msgs_modern_vs_raw_ed25519_verify")).isCloseTo(0.9, within(1e-12));
        assertThat(v.get("signed_msgs_modern_vs_classic")).isCloseTo(18.0, within(1e-12));
        assertThat(v.get("signed_msgs_pq_vs_raw_mldsa65_verify")).isCloseTo(0.75, within(1e-12));
        assertThat(v.get("handshake_modern_vs_tls13_mutual")).isNull();
    }

    @Test
    void suiteTargetsAreTheIssuesTargets() {
        assertThat(Ratios.met(def("handshake_modern_vs_tls13"), 3.0)).contains(true);
        assertThat(Ratios.met(def("handshake_modern_vs_tls13"), 2.99)).contains(false);
        assertThat(Ratios.met(def("handshake_pq_vs_tls13"), 1.0)).contains(true);
        assertThat(Ratios.met(def("handshake_pq_vs_tls13"), 0.99)).contains(false);
        assertThat(Ratios.met(def("signed_msgs_modern_vs_raw_ed25519_verify"), 0.9))
                .contains(true);
        assertThat(Ratios.met(def("signed_msgs_modern_vs_raw_ed25519_verify"), 0.89))
                .contains(false);
        assertThat(Ratios.met(def("signed_msgs_modern_vs_classic"), 10.0)).contains(true);
        assertThat(Ratios.met(def("signed_msgs_modern_vs_classic"), 9.9)).contains(false);
        assertThat(Ratios.met(def("signed_msgs_pq_vs_raw_mldsa65_verify"), 0.1)).isEmpty();
    }

    @Test
    void suiteTargetsAreReportedMetOrMissed(@TempDir Path dir) throws Exception {
        Results r = suiteResults(1_000, 18_000);
        Report.Run run = new Report.Run("jdk17", r, Ratios.compute(r));

        JsonNode json = Report.json(List.of(run));
        String md = Report.markdown(List.of(run), dir);

        assertThat(json.path("targets")
                        .path("handshake_modern_vs_tls13")
                        .path("met")
                        .asBoolean())
                .isFalse();
        assertThat(json.path("targets")
                        .path("handshake_modern_vs_tls13")
                        .path("target")
                        .asDouble())
                .isEqualTo(3.0);
        assertThat(json.path("targets")
                        .path("handshake_pq_vs_tls13")
                        .path("met")
                        .asBoolean())
                .isTrue();
        assertThat(json.path("targets")
                        .path("signed_msgs_modern_vs_classic")
                        .path("met")
                        .asBoolean())
                .isTrue();
        assertThat(json.path("ratios").path("handshake_modern_vs_tls13").asDouble())
                .isCloseTo(2.5, within(1e-9));
        assertThat(md)
                .contains("| `handshake_modern_vs_tls13` | full handshakes/s in memory (modern: X25519, Ed25519)"
                        + " vs JSSE TLS 1.3 engines | ≥ 3.00 | 2.50 **missed** |")
                .contains("| `handshake_pq_vs_tls13` |")
                .contains("1.25 met")
                .contains("| `signed_msgs_modern_vs_raw_ed25519_verify` |")
                .contains("| ≥ 0.90 | 0.90 met |")
                .contains("| `signed_msgs_modern_vs_classic` |")
                .contains("| ≥ 10.0 | 18.0 met |")
                .contains("| MARCOM modern: X25519 + Ed25519 (mutual) | 1,000 |");
    }

    @Test
    void wireBytesGoToJsonAndMarkdownBesideTls(@TempDir Path dir) throws Exception {
        Results r = results(
                result("wire.handshake", Map.of("subject", "modern"), 1_200, 1, "bytes"),
                result("wire.handshakeToServer", Map.of("subject", "modern"), 500, 1, "bytes"),
                result("wire.handshakeToClient", Map.of("subject", "modern"), 700, 1, "bytes"),
                result("wire.messageOverhead", Map.of("subject", "modern"), 110, 1, "bytes"),
                result("wire.handshake", Map.of("subject", "tls13"), 2_400, 1, "bytes"),
                result("wire.messageOverhead", Map.of("subject", "tls13"), 22, 1, "bytes"));
        Report.Run run = new Report.Run("jdk17", r, Ratios.compute(r));

        JsonNode json = Report.json(List.of(run));
        String md = Report.markdown(List.of(run), dir);

        JsonNode wire = json.path("wire");
        assertThat(wire.path("handshakeBytes").path("modern").asLong()).isEqualTo(1_200);
        assertThat(wire.path("handshakeBytes").path("tls13").asLong()).isEqualTo(2_400);
        assertThat(wire.path("handshakeBytes").path("pq").isNull()).isTrue();
        assertThat(wire.path("handshakeBytesToServer").path("modern").asLong()).isEqualTo(500);
        assertThat(wire.path("handshakeBytesToClient").path("modern").asLong()).isEqualTo(700);
        assertThat(wire.path("messageOverheadBytes").path("modern").asLong()).isEqualTo(110);
        assertThat(wire.path("messageOverheadBytes").path("tls13").asLong()).isEqualTo(22);
        assertThat(json.path("runs").path("jdk17").path("wire")).isEqualTo(wire);
        assertThat(md)
                .contains("### Bytes on the wire")
                .contains("| modern | 1,200 | 500 | 700 | 0.50 | 110 | 5.00 |")
                .contains("| tls13 | 2,400 | – | – | 1.00 | 22 | 1.00 |")
                .contains("| pq | missing | – | – | – | missing | – |");
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
                "dev.marcom.bench.jmh.RecordAeadBench.sealOpen", Map.of("size", "16384"), 90_000, 90_000, "ops/s"));
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
                .isCloseTo(0.9, within(1e-9));
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
                .contains("0.90 met")
                .contains("| `bulk_vs_tls13` |")
                .contains("missing")
                .contains("### Missing");
        assertThat(out.resolve("throughput-jdk17.png")).isNotEmptyFile();
        assertThat(Files.readAllBytes(out.resolve("throughput-jdk17.png")))
                .startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }

    @Test
    void sha256RowsCompareOpenSslOnlyAtItsOwnBlockSize(@TempDir Path dir) throws Exception {
        Path run = Files.createDirectories(dir.resolve("jdk17"));
        ArrayNode jmh = JSON.createArrayNode()
                .add(result(
                        "dev.marcom.bench.jmh.RawSha256Bench.jdk", Map.of("size", "16384"), 96_000, 96_000, "ops/s"))
                .add(result("dev.marcom.bench.jmh.RawSha256Bench.bc", Map.of("size", "16384"), 12_000, 12_000, "ops/s"))
                .add(result(
                        "dev.marcom.bench.jmh.RawSha256Bench.jdk", Map.of("size", "1048576"), 1_500, 1_500, "ops/s"))
                .add(result("dev.marcom.bench.jmh.RawSha256Bench.bc", Map.of("size", "1048576"), 200, 200, "ops/s"))
                .add(result("native.opensslSha256", Map.of("size", "16384"), 100_000, 100_000, "ops/s"));
        JSON.writeValue(run.resolve("jmh-sha.json").toFile(), jmh);
        Path out = dir.resolve("out");

        Report.main(new String[] {"--out", out.toString(), "--run", "jdk17=" + run});

        assertThat(JSON.readTree(out.resolve("report.json").toFile())
                        .path("ratios")
                        .path("sha256_jdk_vs_openssl")
                        .asDouble())
                .isCloseTo(0.96, within(1e-9));
        String md = Files.readString(out.resolve("report.md"));
        assertThat(md)
                .contains(
                        "| JDK SHA-256 (SUN provider, what MARCOM uses) | 16 KiB | 96,000 | 1.50 | ops/s | 1,573 |  | 0.96 |")
                .contains("| BouncyCastle SHA256Digest | 16 KiB | 12,000 | 1.50 | ops/s | 197 | 0.13 | 0.12 |")
                .contains(
                        "| openssl speed -bytes 16384 sha256 (native) | 16 KiB | 100,000 | 1.50 | ops/s | 1,638 | 1.04 |  |")
                .contains(
                        "| JDK SHA-256 (SUN provider, what MARCOM uses) | 1 MiB | 1,500 | 1.50 | ops/s | 1,573 |  |  |")
                .contains("| BouncyCastle SHA256Digest | 1 MiB | 200 | 1.50 | ops/s | 210 | 0.13 |  |");
    }

    @Test
    void aRunInAnotherModeOrOnAnotherCpuIsFlaggedOnItsLine(@TempDir Path dir) throws Exception {
        Path full = Files.createDirectories(dir.resolve("jdk17"));
        Path quick = Files.createDirectories(dir.resolve("jdk25"));
        for (Path run : List.of(full, quick)) {
            JSON.writeValue(run.resolve("jmh-main.json").toFile(), JSON.createArrayNode());
        }
        JSON.writeValue(
                full.resolve("env.json").toFile(),
                JSON.createObjectNode().put("mode", "full").put("cpu", "CPU A").put("javaRuntime", "17.0.15"));
        JSON.writeValue(
                quick.resolve("env.json").toFile(),
                JSON.createObjectNode().put("mode", "quick").put("cpu", "CPU B").put("javaRuntime", "25.0.3"));
        Path out = dir.resolve("out");

        Report.main(new String[] {"--out", out.toString(), "--run", "jdk17=" + full, "--run", "jdk25=" + quick});

        String md = Files.readString(out.resolve("report.md"));
        assertThat(md).contains("Mode: full. Machine: CPU A");
        assertThat(md.lines().filter(l -> l.startsWith("- `jdk17`")).findFirst().orElseThrow())
                .doesNotContain("mode**")
                .doesNotContain(", on ");
        assertThat(md.lines().filter(l -> l.startsWith("- `jdk25`")).findFirst().orElseThrow())
                .contains("25.0.3")
                .contains(", **quick mode**")
                .contains(", on CPU B");
    }
}
