package dev.marcom.session;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.marcom.testing.Choices;

/**
 * Jazzer fuzz tests of the record layer. In a plain {@code mvn verify} they replay the stored
 * inputs under {@code src/test/resources/dev/marcom/session/SessionFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} (see {@code .ci/fuzz.sh}) they fuzz. Every input runs against sessions
 * built from fixed seeds, so a finding replays exactly. {@link SessionPropertiesTest} runs the same
 * properties over seeded cases.
 */
class SessionFuzzTest {

    /**
     * Property 1: arbitrary bytes given to {@link Session#open} only ever cause typed failures. The
     * stored input {@code record-hello} is the record an honest client of this session sends for
     * "hello" (so the fuzzer starts from an authentic frame), {@code record-hello-bad-tag} the same
     * with its last bit flipped.
     */
    @FuzzTest(maxDuration = "30s")
    void openArbitraryBytes(byte[] frame) throws Exception {
        RecordProperties.openArbitrary(frame);
    }

    /** Property 2: seal/open round trip over fuzzer-chosen payloads, record sizes, key updates. */
    @FuzzTest(maxDuration = "30s")
    void sealOpenRoundTrip(FuzzedDataProvider data) throws Exception {
        RecordProperties.roundTrip(Choices.of(data), false, 200_000);
    }

    /** Properties 3 and 4: bit flips, replay, reorder, drop, splicing, truncation of records. */
    @FuzzTest(maxDuration = "30s")
    void tamperedRecords(FuzzedDataProvider data) throws Exception {
        RecordProperties.tamper(Choices.of(data), 2, false);
    }

    /** Property 4: the record stream cut anywhere delivers exactly the complete messages. */
    @FuzzTest(maxDuration = "30s")
    void truncatedStream(FuzzedDataProvider data) throws Exception {
        RecordProperties.truncatedStream(Choices.of(data));
    }

    /** A peer holding the keys sends arbitrary inner records; the receiver follows the model. */
    @FuzzTest(maxDuration = "30s")
    void maliciousPeer(FuzzedDataProvider data) throws Exception {
        RecordProperties.maliciousPeer(Choices.of(data));
    }
}
