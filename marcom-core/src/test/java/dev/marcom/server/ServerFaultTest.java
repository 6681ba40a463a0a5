package dev.marcom.server;

import dev.marcom.testing.Choices;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ServerFaultProperties} over seeded cases: case {@code n} chooses its messages and each
 * side's faults with {@code SplittableRandom(n)}; a failure names the case and its fault plans.
 * {@code -Dmarcom.faultCases=N} runs N cases instead of 32.
 */
class ServerFaultTest {

    static LongStream cases() {
        return LongStream.range(0, Long.getLong("marcom.faultCases", 32));
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    @Timeout(120)
    void messagesArriveExactlyOnceInOrderOrTheConnectionFailsTyped(long seed) throws Exception {
        ServerFaultProperties.exchange(Choices.seeded(seed ^ 0xFA17L));
    }
}
