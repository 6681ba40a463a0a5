package dev.marcom.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.testing.Choices;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link DsaDifferential} over seeded cases: MARCOM's DSA verifier decides every input as the
 * JDK's {@code SHA256withDSA} does. Case {@code n} uses {@code SplittableRandom(n)}; a failure
 * names the input, and rerunning the case replays it.
 *
 * <p>Default: {@value #DEFAULT_CASES} cases of 7 inputs that reach the exponentiation and about
 * 190 decided before it (every truncation and header bit flip of the encoding, out-of-range and
 * non-minimal values, random bytes): more than 100,000 inputs per build. A long run:
 * {@code ./mvnw -B -o -pl marcom-core -am verify -Dtest=DsaDifferentialPropertiesTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dmarcom.dsa.differential.cases=5000} (over a million
 * inputs; docs/RELIABILITY.md records one).
 */
class DsaDifferentialPropertiesTest {
    static final int DEFAULT_CASES = 600;
    static final String CASES_PROPERTY = "marcom.dsa.differential.cases";
    private static long started;

    static LongStream cases() {
        return LongStream.range(0, Long.getLong(CASES_PROPERTY, DEFAULT_CASES));
    }

    @BeforeAll
    static void start() {
        DsaDifferential.signers();
        started = System.nanoTime();
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void decidesAsTheJdk(long seed) {
        DsaDifferential.run(Choices.seeded(seed), 6, true);
    }

    @AfterAll
    static void report() {
        long cases = DsaDifferential.CASES.get();
        System.out.printf(
                "DSA differential: %,d inputs (%,d accepted by the JDK, %,d reaching the"
                        + " exponentiation), each decided by the JDK, a fresh MARCOM verifier and a MARCOM"
                        + " verifier with tables, in %.1f s%n",
                cases, DsaDifferential.ACCEPTED.get(), DsaDifferential.FULL.get(), (System.nanoTime() - started) / 1e9);
        long expected = Long.getLong(CASES_PROPERTY, DEFAULT_CASES);
        assertThat(DsaDifferential.ACCEPTED.get())
                .as("valid signatures were among the inputs")
                .isGreaterThanOrEqualTo(expected);
        if (expected == DEFAULT_CASES) {
            assertThat(cases).as("inputs per build").isGreaterThanOrEqualTo(100_000);
        }
    }
}
