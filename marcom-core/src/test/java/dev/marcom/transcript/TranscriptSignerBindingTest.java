package dev.marcom.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.identity.Identity;
import dev.marcom.session.Inbound;
import dev.marcom.session.Session;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.testing.DuplicateSignatureKeys;
import dev.marcom.testing.Fixtures;
import dev.marcom.testing.Pipe;
import dev.marcom.testing.TestIdentities;
import dev.marcom.transcript.TranscriptException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, finding 2, in a transcript: the writer (or anyone who re-signs the file as its
 * writer) attributes the peer's message to a key of its own making under which the peer's
 * signature verifies. The line is otherwise untouched: the same {@code signedData} and
 * {@code signature}.
 */
@Timeout(120)
class TranscriptSignerBindingTest {
    @TempDir
    Path dir;

    @Test
    void thePeersMessageCannotBeAttributedToAKeyMadeForItsSignature() throws Exception {
        Pipe.Result r = Pipe.handshake(Transcripts.CLIENT, Transcripts.SERVER);
        Path file = dir.resolve("alice.jsonl");
        VerifiedMessage yes = null;
        try (TranscriptWriter w =
                TranscriptWriter.builder(file, TestIdentities.ALICE).open()) {
            Session.Sealed q = r.client().sealMessage("pay $10?".getBytes(StandardCharsets.UTF_8));
            r.server().open(q.frames());
            w.append(q.message());
            for (byte[] f : Fixtures.split(r.server().seal("yes"))) {
                if (r.client().open(f) instanceof Inbound.Message m) {
                    yes = m.message();
                }
            }
            w.append(yes);
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        assertThat(TranscriptVerifier.create()
                        .verify(file)
                        .sessions()
                        .get(0)
                        .signer(dev.marcom.Direction.SERVER_TO_CLIENT))
                .contains(TestIdentities.BOB.fingerprint());

        Identity mallory = DuplicateSignatureKeys.forSignature(
                yes.signer(), yes.signedData().toByteArray(), yes.signature().toByteArray());
        String line = lines.get(1);
        line = TranscriptForgery.with(line, "sender", mallory.fingerprint().toString());
        line = TranscriptForgery.with(
                line, "signer", mallory.publicIdentity().subjectPublicKeyInfo().base64());
        lines.set(1, line);
        byte[] forged = TranscriptForgery.rechainAsIs(lines, TestIdentities.ALICE);

        TranscriptException e = TranscriptTamperTest.failure(forged);
        assertThat(e.lineNumber()).isEqualTo(2);
        assertThat(e.reason()).isEqualTo(Reason.INCONSISTENT);
        assertThat(e.getMessage()).contains("signer");
    }
}
