package dev.marcom.internal.crypto;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.marcom.testing.Choices;

/**
 * Jazzer fuzz test of {@link DsaDifferential}: the fuzzer chooses the signer, the message and a
 * few mutations; MARCOM's DSA verifier must decide every input as the JDK does. In a plain
 * {@code mvn verify} it replays the stored inputs; {@code .ci/fuzz.sh} fuzzes it.
 */
class DsaDifferentialFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void decidesAsTheJdk(FuzzedDataProvider data) {
        DsaDifferential.run(Choices.of(data), 3, false);
    }

    /** Arbitrary signature bytes (mostly refused by the decoder) for one of the signers' keys. */
    @FuzzTest(maxDuration = "30s")
    void arbitrarySignatureBytes(FuzzedDataProvider data) {
        var signers = DsaDifferential.signers();
        var signer = signers.get(data.consumeInt(0, signers.size() - 1));
        byte[] msg = data.consumeBytes(data.consumeInt(0, 64));
        DsaDifferential.compare(
                signer.publicKey(),
                signer.warm(),
                msg,
                data.consumeRemainingAsBytes(),
                signer.name() + " fuzzed signature");
    }
}
