package dev.marcom.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.CipherSuite;
import dev.marcom.testing.Choices;
import dev.marcom.testing.Fixtures;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The handshake properties of {@link HandshakeProperties} over seeded cases (inputs chosen by
 * {@code SplittableRandom(case)}), so a plain build checks them broadly without a fuzzer.
 */
class HandshakePropertiesTest {

    static LongStream cases() {
        return LongStream.range(0, 200);
    }

    /** Property 3: one random bit of one of the four frames; suites and frames chosen uniformly. */
    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void singleBitFlipFailsTheHandshake(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        CipherSuite[] suites = CipherSuite.values();
        CipherSuite suite = suites[r.nextInt(suites.length)];
        HandshakeProperties.flipOneBit(suite, seed, r.nextInt(4), r.nextInt());
    }

    /**
     * Property 3, exhaustively for the ServerFinished frame: every one of its bits, each given to a
     * fresh client waiting for it.
     */
    @Test
    void everyBitOfServerFinished() throws Exception {
        byte[] genuine = HandshakeProperties.Waiting.CLIENT_FOR_FINISHED.genuine();
        for (int bit = 0; bit < genuine.length * 8; bit++) {
            byte[] flipped = Fixtures.flip(genuine, bit);
            Handshake h = HandshakeProperties.waitingAt(HandshakeProperties.Waiting.CLIENT_FOR_FINISHED);
            assertThat(Fixtures.typedFailure(() -> h.receive(flipped)))
                    .as("bit " + bit)
                    .isNotNull();
        }
    }

    /** Property 3, exhaustively for the ClientHello: every bit, through both sides. */
    @ParameterizedTest(name = "bit {0}")
    @MethodSource("clientHelloBits")
    void everyBitOfClientHello(int bit) {
        HandshakeProperties.flipOneBit(bit, 0, bit);
    }

    static IntStream clientHelloBits() {
        return IntStream.range(0, HandshakeProperties.GENUINE.get(0).length * 8);
    }

    /** A frame from another complete handshake of the same suite spliced in fails the handshake. */
    @ParameterizedTest(name = "case {0}")
    @MethodSource("fewerCases")
    void frameFromAnotherHandshake(long seed) throws Exception {
        CipherSuite[] suites = CipherSuite.values();
        CipherSuite suite = suites[(int) (seed / 4 % suites.length)];
        HandshakeProperties.spliceFromOtherHandshake(suite, seed, (int) (seed % 4));
    }

    static LongStream fewerCases() {
        return LongStream.range(0, 40);
    }

    /** Property 1: mutated and arbitrary frames in every waiting state. */
    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void receiveInEveryState(long seed) throws Exception {
        HandshakeProperties.receiveInState(Choices.seeded(seed));
    }

    /** Property 1: the parsers over random and mutated genuine frames. */
    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void parsers(long seed) {
        Choices c = Choices.seeded(seed);
        CipherSuite suite = c.pick(CipherSuite.values());
        HandshakeProperties.Waiting w = c.pick(HandshakeProperties.Waiting.values());
        HandshakeProperties.parsers(HandshakeProperties.mutate(c, w.genuine(suite), w.expects));
    }
}
