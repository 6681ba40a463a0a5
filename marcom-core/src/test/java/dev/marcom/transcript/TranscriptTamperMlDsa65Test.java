package dev.marcom.transcript;

import dev.marcom.SignatureAlgorithm;

/** Every case of {@link TranscriptTamperTest} with a transcript and forgeries signed by {@link SignatureAlgorithm#ML_DSA_65} identities. */
class TranscriptTamperMlDsa65Test extends TranscriptTamperTest {
    @Override
    SignatureAlgorithm algorithm() {
        return SignatureAlgorithm.ML_DSA_65;
    }
}
