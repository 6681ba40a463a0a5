package dev.marcom.session;

import dev.marcom.testing.Choices;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The record-layer properties of {@link RecordProperties} over seeded cases, so a plain build
 * checks them broadly without a fuzzer. Case {@code n} uses {@code SplittableRandom(n)} to choose
 * its inputs; a failure names the case, and rerunning it replays it exactly.
 */
class SessionPropertiesTest {

    static LongStream cases() {
        return LongStream.range(0, 200);
    }

    /** Property 2 over real handshakes with varied record sizes and key-update intervals. */
    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void sealOpenRoundTrip(long seed) throws Exception {
        RecordProperties.roundTrip(Choices.seeded(seed), true, 200_000);
    }

    /** Property 3: five single-bit flips per case, anywhere in any record frame. */
    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void singleBitFlipInAnyRecord(long seed) throws Exception {
        RecordProperties.tamper(Choices.seeded(seed ^ 0xF11FL), 5, true);
    }

    /** Property 4: replay, reorder, drop, splice, reflect, truncate or resize one record. */
    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void replayReorderDropTruncate(long seed) throws Exception {
        RecordProperties.tamper(Choices.seeded(seed ^ 0xA77AC4L), 3, false);
    }

    /** Property 4: a record stream cut at any byte. */
    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void truncatedStream(long seed) throws Exception {
        RecordProperties.truncatedStream(Choices.seeded(seed ^ 0x7C47L));
    }

    /** A malicious key holder's inner records against the receiver's model. */
    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void maliciousPeer(long seed) throws Exception {
        RecordProperties.maliciousPeer(Choices.seeded(seed ^ 0xBADL));
    }
}
