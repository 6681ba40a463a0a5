package dev.marcom.transcript;

import dev.marcom.SignatureAlgorithm;

/** Every case of {@link TranscriptTamperTest} with a transcript and forgeries signed by {@link SignatureAlgorithm#ED25519} identities. */
class TranscriptTamperEd25519Test extends TranscriptTamperTest {
    @Override
    SignatureAlgorithm algorithm() {
        return SignatureAlgorithm.ED25519;
    }
}
