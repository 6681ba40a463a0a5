package dev.marcom.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.AuthenticationException;
import dev.marcom.Bytes;
import dev.marcom.Direction;
import dev.marcom.identity.Identity;
import dev.marcom.identity.PeerIdentity;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.internal.crypto.Dsa;
import dev.marcom.internal.crypto.Sha256;
import dev.marcom.internal.wire.WireWriter;
import dev.marcom.testing.DuplicateSignatureKeys;
import dev.marcom.testing.Pipe;
import dev.marcom.testing.TestIdentities;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, finding 2: anyone can make a DSA key of their own under which BOB's signature
 * verifies ({@link DuplicateSignatureKeys}). MARCOM's identity checks cannot refuse that key (it
 * is a valid DSA key with its own domain parameters, like keys OpenSSL makes), so the signed data
 * must name the signer: then BOB's signature can be attributed to no other key.
 */
class DuplicateSignatureKeyTest {
    static Pipe.Result pair() throws Exception {
        return Pipe.handshake(
                SessionConfig.builder(TestIdentities.ALICE, TrustPolicy.acceptAny())
                        .build(),
                SessionConfig.builder(TestIdentities.BOB, TrustPolicy.acceptAny())
                        .build());
    }

    @Test
    void theAlternativeKeyIsValidAndVerifiesTheSignatureAsPlainDsa() throws Exception {
        // The signed data MARCOM used before issue 10: nothing in it names the signer.
        Pipe.Result r = pair();
        byte[] oldSignedData = new WireWriter()
                .bytes("MARCOM v1, message\0".getBytes(StandardCharsets.US_ASCII))
                .bytes(r.server().sessionId().toByteArray())
                .u8(Direction.SERVER_TO_CLIENT.code())
                .u64(1)
                .bytes(Sha256.hash("yes".getBytes(StandardCharsets.UTF_8)))
                .toByteArray();
        byte[] signature = Dsa.sign(TestIdentities.BOB.privateKey(), oldSignedData);
        Identity mallory =
                DuplicateSignatureKeys.forSignature(TestIdentities.BOB.publicIdentity(), oldSignedData, signature);
        // A key MARCOM accepts as an identity (subgroup checks, canonical DER), not BOB's ...
        PeerIdentity m = PeerIdentity.fromSubjectPublicKeyInfo(
                mallory.publicIdentity().subjectPublicKeyInfo().toByteArray());
        assertThat(m.fingerprint()).isNotEqualTo(TestIdentities.BOB.fingerprint());
        assertThat(((java.security.interfaces.DSAPublicKey) m.publicKey())
                        .getParams()
                        .getP())
                .isEqualTo(((java.security.interfaces.DSAPublicKey)
                                TestIdentities.BOB.publicIdentity().publicKey())
                        .getParams()
                        .getP());
        assertThat(((java.security.interfaces.DSAPublicKey) m.publicKey())
                        .getParams()
                        .getG())
                .isNotEqualTo(((java.security.interfaces.DSAPublicKey)
                                TestIdentities.BOB.publicIdentity().publicKey())
                        .getParams()
                        .getG());
        // ... under which BOB's signature verifies: before issue 10, OfflineVerifier.verify(signer, data,
        // signature) and so the transcript verifier accepted "MALLORY said yes".
        Dsa.verify(m.publicKey(), oldSignedData, signature, "BOB's signature under MALLORY's key");
        OfflineVerifier.verify(m, oldSignedData, signature);
        // MALLORY holds the private key too: the key pair is entirely ordinary.
        byte[] own = Dsa.sign(mallory.privateKey(), oldSignedData);
        Dsa.verify(m.publicKey(), oldSignedData, own, "MALLORY's own signature");
    }

    @Test
    void aMessageCannotBeAttributedToTheAlternativeKey() throws Exception {
        Pipe.Result r = pair();
        VerifiedMessage bobs =
                r.server().sealMessage("yes".getBytes(StandardCharsets.UTF_8)).message();
        byte[] signedData = bobs.signedData().toByteArray();
        byte[] signature = bobs.signature().toByteArray();
        OfflineVerifier.verify(bobs);
        Identity mallory =
                DuplicateSignatureKeys.forSignature(TestIdentities.BOB.publicIdentity(), signedData, signature);
        // The DSA equation still holds for the alternative key: that is DSA, MARCOM cannot change it.
        Dsa.verify(mallory.publicIdentity().publicKey(), signedData, signature, "BOB's signature under MALLORY's key");
        // But the signed data names BOB, so the message verifies only as BOB's.
        VerifiedMessage attributed = new VerifiedMessage(
                bobs.sessionId(),
                bobs.direction(),
                bobs.sequence(),
                bobs.plaintext(),
                bobs.sha256(),
                bobs.signedData(),
                bobs.signature(),
                mallory.publicIdentity());
        assertThatThrownBy(() -> OfflineVerifier.verify(attributed)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aStreamCannotBeAttributedToTheAlternativeKey() throws Exception {
        Pipe.Result r = pair();
        r.client().open(r.server().beginStream("invoice.pdf", 3));
        r.client().open(r.server().sealStreamChunk(new byte[] {1, 2, 3}, 0, 3));
        VerifiedStream bobs = null;
        for (byte[] f : dev.marcom.testing.Fixtures.split(r.server().endStream().frames())) {
            if (r.client().open(f) instanceof Inbound.StreamEnd end) {
                bobs = end.stream();
            }
        }
        assertThat(bobs).isNotNull();
        OfflineVerifier.verify(bobs);
        Identity mallory = DuplicateSignatureKeys.forSignature(
                TestIdentities.BOB.publicIdentity(),
                bobs.signedData().toByteArray(),
                bobs.signature().toByteArray());
        Dsa.verify(
                mallory.publicIdentity().publicKey(),
                bobs.signedData().toByteArray(),
                bobs.signature().toByteArray(),
                "BOB's signature under MALLORY's key");
        VerifiedStream attributed = new VerifiedStream(
                bobs.sessionId(),
                bobs.direction(),
                bobs.sequence(),
                bobs.name(),
                bobs.length(),
                bobs.sha256(),
                bobs.signedData(),
                bobs.signature(),
                mallory.publicIdentity());
        assertThatThrownBy(() -> OfflineVerifier.verify(attributed)).isInstanceOf(AuthenticationException.class);
        assertThat(Bytes.of(Sha256.hash(new byte[] {1, 2, 3}))).isEqualTo(bobs.sha256());
    }
}
