package dev.marcom.bench.ratio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.bench.Result;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterleavedTest {
    /** A subject that logs its slices and returns its next preset rate. */
    private static final class Scripted implements Subject {
        private final String name;
        private final boolean inJvm;
        private final double[] rates;
        private final List<String> log;
        private int calls;

        Scripted(String name, boolean inJvm, List<String> log, double... rates) {
            this.name = name;
            this.inJvm = inJvm;
            this.rates = rates;
            this.log = log;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean inJvm() {
            return inJvm;
        }

        @Override
        public double run(long nanos) {
            log.add(name);
            return rates[calls++];
        }
    }

    @Test
    void warmsOnlyJvmSubjectsThenRotatesTheOrderAndDividesCycleByCycle() throws Exception {
        List<String> log = new ArrayList<>();
        // Two warm-up slices each for a and b (their first two rates), none for the process n.
        Subject a = new Scripted("a", true, log, -1, -1, 100, 300, 50);
        Subject b = new Scripted("b", true, log, -1, -1, 50, 100, 100);
        Subject n = new Scripted("n", false, log, 10, 20, 40);
        Interleaved.Group g = new Interleaved.Group(
                "g",
                List.of(a, b, n),
                List.of(new Interleaved.Ratio("a_vs_b", "a", "b"), new Interleaved.Ratio("a_vs_n", "a", "n")));

        Interleaved.Outcome o = Interleaved.measure(g, 3, 2, 1);

        assertThat(log).containsExactly("a", "b", "a", "b", "a", "b", "n", "b", "n", "a", "n", "a", "b");
        // Cycle 1 ran b before a: each cycle's rates stay with their subject whatever the order.
        assertThat(o.rates().get("a")).containsExactly(100, 300, 50);
        assertThat(o.rates().get("b")).containsExactly(50, 100, 100);
        assertThat(o.ratios().get("a_vs_b")).containsExactly(2, 3, 0.5);
        assertThat(o.ratios().get("a_vs_n")).containsExactly(10, 15, 1.25);
    }

    @Test
    void aRatioNamingAnUnknownSubjectIsRejected() {
        List<String> log = new ArrayList<>();
        Interleaved.Group g = new Interleaved.Group(
                "g", List.of(new Scripted("a", false, log, 1)), List.of(new Interleaved.Ratio("a_vs_z", "a", "z")));

        assertThatThrownBy(() -> Interleaved.measure(g, 1, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a_vs_z");
    }

    @Test
    void writesRatiosAndRatesInJmhShape() throws Exception {
        List<String> log = new ArrayList<>();
        Interleaved.Group g = new Interleaved.Group(
                "dsa",
                List.of(new Scripted("a", false, log, 4, 9), new Scripted("b", false, log, 2, 3)),
                List.of(new Interleaved.Ratio("a_vs_b", "a", "b")));

        List<Map<String, Object>> json = Interleaved.json(Interleaved.measure(g, 2, 0, 1));

        assertThat(json)
                .extracting(m -> m.get("benchmark"))
                .containsExactly("interleaved.ratio", "interleaved.rate", "interleaved.rate");
        assertThat(json.get(0).get("params")).isEqualTo(Map.of("ratio", "a_vs_b"));
        assertThat(json.get(2).get("params")).isEqualTo(Map.of("group", "dsa", "subject", "b"));
        @SuppressWarnings("unchecked")
        Map<String, Object> metric = (Map<String, Object>) json.get(0).get("primaryMetric");
        assertThat((double[][]) metric.get("rawData")).isDeepEqualTo(new double[][] {{2, 3}});
        assertThat(metric.get("scoreUnit")).isEqualTo("ratio");
    }

    @Test
    void quantilesInterpolateBetweenRanks() {
        double[] s = {1, 2, 3, 4};
        assertThat(Result.quantile(s, 0.25)).isEqualTo(1.75);
        assertThat(Result.quantile(s, 0.5)).isEqualTo(2.5);
        assertThat(Result.median(s)).isEqualTo(2.5);
        assertThat(Result.quantile(s, 0.75)).isEqualTo(3.25);
        assertThat(Result.quantile(new double[] {7}, 0.75)).isEqualTo(7);
        assertThat(Result.median(new double[] {1, 5, 6})).isEqualTo(5);
    }

    @Test
    void opensslSpeedsDsaLineGivesVerificationsPerSecond() throws IOException {
        String out = """
                version: 3.0.19
                options: bn(64,64)
                                  sign    verify    sign/s verify/s
                dsa 2048 bits 0.000217s 0.000195s   4612.5   5127.3
                """;
        assertThat(OpensslSpeed.verifyPerSecond(out)).isEqualTo(5127.3);
        assertThatThrownBy(() -> OpensslSpeed.verifyPerSecond("dsa 1024 bits 0.1s 0.1s 10 20\n"))
                .isInstanceOf(IOException.class);
    }
}
