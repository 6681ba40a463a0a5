package dev.marcom.handshake;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.marcom.CipherSuite;
import dev.marcom.testing.Choices;

/**
 * Jazzer fuzz tests of the handshake's parsers and state machine. Stored inputs live under
 * {@code src/test/resources/dev/marcom/handshake/HandshakeFuzzTestInputs/}; every handshake uses
 * predictable randomness, so findings replay exactly. {@link HandshakePropertiesTest} runs the same
 * properties over seeded cases.
 */
class HandshakeFuzzTest {

    /** Property 1: ClientHello, ServerHello and ClientAuth parsers over arbitrary bytes. */
    @FuzzTest(maxDuration = "30s")
    void parsers(byte[] frame) {
        HandshakeProperties.parsers(frame);
    }

    /** Property 1: {@link Handshake#receive} in each of the four waiting states, of every suite. */
    @FuzzTest(maxDuration = "30s")
    void receiveInEveryState(FuzzedDataProvider data) throws Exception {
        HandshakeProperties.receiveInState(Choices.of(data));
    }

    /** Property 3: a single bit flipped in any of the four frames of any suite fails the handshake. */
    @FuzzTest(maxDuration = "30s")
    void singleBitFlip(FuzzedDataProvider data) {
        CipherSuite suite = data.pickValue(CipherSuite.values());
        HandshakeProperties.flipOneBit(suite, data.consumeLong(), data.consumeInt(0, 3), data.consumeInt());
    }
}
