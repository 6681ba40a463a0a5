package dev.marcom.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.AuthenticationException;
import dev.marcom.Bytes;
import dev.marcom.SessionClosedException;
import dev.marcom.testing.Fixtures;
import dev.marcom.testing.Pipe;
import dev.marcom.testing.TestIdentities;
import dev.marcom.transcript.TranscriptVerifier;
import dev.marcom.transcript.TranscriptWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys are erased on every way a session ends (a close in both directions, a failure, a discard),
 * the first failure stays the reported cause, and the offline verifier re-checks the signature
 * itself rather than trusting that a {@link VerifiedMessage} was once verified.
 */
class SessionErasureAndVerifyTest {
    @TempDir
    Path dir;

    private static Pipe.Result pair(long seed) throws Exception {
        return Fixtures.directPair(
                Fixtures.client(seed).build(), Fixtures.server(seed).build(), seed);
    }

    @Test
    void aCloseInBothDirectionsErasesBothDirectionsKeys() throws Exception {
        Pipe.Result p = pair(21);
        Session a = p.client();
        Session b = p.server();
        byte[] closeA = a.close();
        assertThat(a.isErased()).as("the receiving direction still waits for b").isFalse();
        assertThat(b.open(closeA)).isInstanceOf(Inbound.Closed.class);
        assertThat(b.isErased()).as("b may still send").isFalse();
        assertThat(a.open(b.close())).isInstanceOf(Inbound.Closed.class);
        assertThat(a.isErased()).isTrue();
        assertThat(b.isErased()).isTrue();
    }

    @Test
    void aFailureErasesBothDirectionsAndStaysTheCause() throws Exception {
        Pipe.Result p = pair(22);
        byte[] frame = p.client().seal("hello");
        frame[frame.length - 1] ^= 1;
        assertThatThrownBy(() -> p.server().open(frame)).isInstanceOf(AuthenticationException.class);
        Session s = p.server();
        assertThat(s.isFailed()).isTrue();
        assertThat(s.isErased()).isTrue();
        s.discard(); // must not replace the failure with "discarded"
        assertThatThrownBy(() -> s.seal("x"))
                .isInstanceOf(SessionClosedException.class)
                .hasCauseInstanceOf(AuthenticationException.class)
                .hasMessageContaining("failed earlier");
    }

    @Test
    void discardErasesBothDirections() throws Exception {
        Session s = pair(23).client();
        s.discard();
        assertThat(s.isErased()).isTrue();
        assertThat(s.isFailed()).isTrue();
        assertThatThrownBy(() -> s.seal("x"))
                .isInstanceOf(SessionClosedException.class)
                .hasMessageContaining("discarded");
    }

    @Test
    void aLaterFailureKeepsTheFirstAndStillReturnsItsOwnExceptionToThrow() throws Exception {
        Session s = pair(26).server();
        s.abort(new dev.marcom.MalformedInputException("transport broke"));
        AuthenticationException late = new AuthenticationException("late");
        assertThat(s.fail(dev.marcom.trace.Phase.DSA, late)).isSameAs(late);
        assertThatThrownBy(() -> s.seal("x"))
                .isInstanceOf(SessionClosedException.class)
                .hasMessageContaining("transport broke");
    }

    @Test
    void abortErasesBothDirections() throws Exception {
        Session s = pair(24).server();
        s.abort(new dev.marcom.MalformedInputException("transport broke"));
        assertThat(s.isErased()).isTrue();
    }

    @Test
    void theOfflineVerifierChecksTheSignatureItself() throws Exception {
        Pipe.Result p = pair(25);
        VerifiedMessage m = ((Inbound.Message) p.server().open(p.client().seal("pay 10"))).message();
        OfflineVerifier.verify(m);
        byte[] badSignature = m.signature().toByteArray();
        badSignature[badSignature.length - 1] ^= 1;
        VerifiedMessage forged = new VerifiedMessage(
                m.sessionId(),
                m.direction(),
                m.sequence(),
                m.plaintext(),
                m.sha256(),
                m.signedData(),
                Bytes.of(badSignature),
                m.signer());
        assertThatThrownBy(() -> OfflineVerifier.verify(forged)).isInstanceOf(AuthenticationException.class);
        // A transcript writer checks what it is given in the same way, and writes nothing forged.
        Path file = dir.resolve("t.jsonl");
        try (TranscriptWriter w =
                TranscriptWriter.builder(file, TestIdentities.BOB).open()) {
            assertThatThrownBy(() -> w.append(forged)).isInstanceOf(AuthenticationException.class);
        }
        assertThat(TranscriptVerifier.create().verify(file).messages()).isZero();
    }

    @Test
    void theOfflineVerifierChecksAStreamsSignatureItself() throws Exception {
        Pipe.Result p = pair(26);
        Session a = p.client();
        Session b = p.server();
        b.open(a.beginStream("f", 2));
        b.open(a.sealStreamChunk(new byte[] {1, 2}, 0, 2));
        VerifiedStream v = ((Inbound.StreamEnd) b.open(a.endStream().frames())).stream();
        OfflineVerifier.verify(v);
        byte[] badSignature = v.signature().toByteArray();
        badSignature[badSignature.length - 1] ^= 1;
        VerifiedStream forged = new VerifiedStream(
                v.sessionId(),
                v.direction(),
                v.sequence(),
                v.name(),
                v.length(),
                v.sha256(),
                v.signedData(),
                Bytes.of(badSignature),
                v.signer());
        assertThatThrownBy(() -> OfflineVerifier.verify(forged)).isInstanceOf(AuthenticationException.class);
    }
}
