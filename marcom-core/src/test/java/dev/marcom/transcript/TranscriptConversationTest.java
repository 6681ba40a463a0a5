package dev.marcom.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.Direction;
import dev.marcom.session.Inbound;
import dev.marcom.session.Session;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.testing.Fixtures;
import dev.marcom.testing.Pipe;
import dev.marcom.testing.TestIdentities;
import dev.marcom.transcript.TranscriptException.Reason;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, finding 1: a transcript binds the conversation, not only each message. ALICE, the
 * writer, holds her own key and re-signs her own messages as well as anyone can
 * ({@link TranscriptForgery}), to pair BOB's answers with other questions, to reorder, or to drop
 * messages; the verifier refuses, because each of BOB's signatures says which of ALICE's messages
 * he had seen. The last tests show, and so document, what the writer can still do.
 *
 * <p>The conversation, one step at a time (each message received before the next is written):
 * <pre>
 *   line 1  ALICE #1  "pay $10,000?"   had seen 0 of BOB's
 *   line 2  BOB   #1  "no"             had seen 1 of ALICE's
 *   line 3  ALICE #2  "pay $10?"       had seen 1
 *   line 4  BOB   #2  "yes"            had seen 2
 *   line 5  ALICE #3  "done"           had seen 2
 * </pre>
 */
@Timeout(120)
class TranscriptConversationTest {
    static final Map<Direction, dev.marcom.identity.Identity> ALICES_KEY =
            Map.of(Direction.CLIENT_TO_SERVER, TestIdentities.ALICE);

    @TempDir
    static Path dir;
    /** ALICE's transcript without its end line. */
    static List<String> lines;

    @BeforeAll
    static void record() throws Exception {
        Pipe.Result r = Pipe.handshake(Transcripts.CLIENT, Transcripts.SERVER);
        Path file = dir.resolve("alice.jsonl");
        try (TranscriptWriter w =
                TranscriptWriter.builder(file, TestIdentities.ALICE).open()) {
            say(r.client(), r.server(), "pay $10,000?", w);
            say(r.server(), r.client(), "no", w);
            say(r.client(), r.server(), "pay $10?", w);
            say(r.server(), r.client(), "yes", w);
            say(r.client(), r.server(), "done", w);
        }
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        lines = all.subList(0, all.size() - 1);
    }

    /** {@code from} sends {@code text} to {@code to}; ALICE records what she sent or received. */
    static void say(Session from, Session to, String text, TranscriptWriter alice) throws Exception {
        Session.Sealed sealed = from.sealMessage(text.getBytes(StandardCharsets.UTF_8));
        VerifiedMessage received = received(to, sealed.frames());
        alice.append(from.role() == dev.marcom.Role.CLIENT ? sealed.message() : received);
    }

    static VerifiedMessage received(Session to, byte[] frames) throws Exception {
        VerifiedMessage received = null;
        for (byte[] f : Fixtures.split(frames)) {
            if (to.open(f) instanceof Inbound.Message m) {
                received = m.message();
            }
        }
        return received;
    }

    /** The lines with these (1-based) numbers, in this order. */
    static List<String> lines(int... numbers) {
        return java.util.Arrays.stream(numbers).mapToObj(n -> lines.get(n - 1)).toList();
    }

    /** The lines as given, every one re-signed by the writer ALICE (only the prev chain fixed). */
    static byte[] asIs(List<String> order) throws Exception {
        return TranscriptForgery.forge(order, Map.of(), t -> t, TestIdentities.ALICE);
    }

    /** The lines in this order, ALICE's messages re-signed by her with texts edited. */
    static byte[] resigned(List<String> order, UnaryOperator<String> edit) throws Exception {
        return TranscriptForgery.forge(order, ALICES_KEY, edit, TestIdentities.ALICE);
    }

    static TranscriptSummary verify(byte[] file) throws Exception {
        return TranscriptVerifier.create().verify(new ByteArrayInputStream(file));
    }

    static void assertContinuityFailure(byte[] file, long line, String detail) {
        TranscriptException e = TranscriptTamperTest.failure(file);
        assertThat(e.lineNumber()).as(e.getMessage()).isEqualTo(line);
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.CONTINUITY);
        assertThat(e.getMessage()).contains(detail);
    }

    @Test
    void theRecordedConversationVerifies() throws Exception {
        TranscriptSummary s = verify(asIs(lines));
        assertThat(s.messages()).isEqualTo(5);
        List<Long> seen = lines.stream()
                .map(l -> {
                    try {
                        return TranscriptTamperTest.fields(l).n("seen");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
        assertThat(seen).containsExactly(0L, 1L, 1L, 2L, 2L);
        // Re-signing her own messages unchanged changes nothing (RFC 6979 signatures), and verifies.
        assertThat(resigned(lines, t -> t)).isEqualTo(asIs(lines));
    }

    @Test
    void theWriterCannotPairThePeersAnswersWithOtherQuestions() throws Exception {
        // "yes" after "pay $10,000?": ALICE swaps her two questions and re-signs both. BOB's "no"
        // said that he had seen her first message as it was: "pay $10,000?".
        byte[] swapped = resigned(lines, t -> switch (t) {
            case "pay $10,000?" -> "pay $10?";
            case "pay $10?" -> "pay $10,000?";
            default -> t;
        });
        assertContinuityFailure(swapped, 2, "client-to-server messages #1 to #1");
    }

    @Test
    void theWriterCannotMoveAnAnswerAfterALaterQuestion() throws Exception {
        // "pay $10,000?", "pay $10?", "no", "yes": both questions before both answers. ALICE's
        // second question says she had seen BOB's "no" ...
        assertContinuityFailure(
                asIs(lines(1, 3, 2, 4, 5)),
                2,
                "had seen 1 server-to-client message(s) of this session, but only 0 come before");
        // ... and if she re-signs it to say she had not, BOB's "yes" (which had seen it) disagrees.
        assertContinuityFailure(resigned(lines(1, 3, 2, 4, 5), t -> t), 4, "client-to-server messages #1 to #2");
    }

    @Test
    void theWriterCannotDropOneOfItsOwnMessagesFromTheMiddle() throws Exception {
        // Without "pay $10?", renumbered and re-signed: BOB's "yes" had seen two of her messages.
        assertContinuityFailure(
                resigned(lines(1, 2, 4, 5), t -> t),
                3,
                "had seen 2 client-to-server message(s) of this session, but only 1 come before");
        assertContinuityFailure(resigned(lines(1, 2, 5, 4), t -> t), 4, "client-to-server messages #1 to #2");
    }

    @Test
    void theWriterCannotDropAPeerMessageFromTheMiddle() throws Exception {
        // Without BOB's "no": her second question had seen it ...
        assertContinuityFailure(asIs(lines(1, 3, 4, 5)), 2, "but only 0 come before");
        // ... and re-signed to say it had not, BOB's "yes" is his second message, not his first.
        assertContinuityFailure(
                resigned(lines(1, 3, 4, 5), t -> t),
                3,
                "expected server-to-client message #1 of this session, found #2");
    }

    @Test
    void theWriterCannotDropAPeerMessageThatItsOwnMessagesAcknowledge() throws Exception {
        // Without BOB's "yes", keeping her "done" as she sent it: it says she had seen the "yes".
        assertContinuityFailure(
                asIs(lines(1, 2, 3, 5)),
                4,
                "had seen 2 server-to-client message(s) of this session, but only 1 come before");
    }

    @Test
    void aMessageCannotSayItsSenderHadSeenLessThanAnEarlierOneSaid() throws Exception {
        // ALICE re-signs "done" as if she had seen none of BOB's messages: her "pay $10?" said she
        // had seen his "no".
        byte[] f = TranscriptForgery.forge(lines, ALICES_KEY, t -> t, Map.of("done", 0L), TestIdentities.ALICE);
        assertContinuityFailure(f, 5, "fewer than an earlier client-to-server message said");
    }

    @Test
    void theWriterCannotReplaceAMessageThatThePeerAcknowledgedOnlyThroughALaterOne() throws Exception {
        // BOB answers two questions at once: his "yes" had seen both, so it fixes ALICE's second
        // message, which in turn names her first as its predecessor. She replaces the first alone
        // (re-signed, same number and claims) and keeps the second as it was.
        Pipe.Result r = Pipe.handshake(Transcripts.CLIENT, Transcripts.SERVER);
        Path file = dir.resolve("two-questions.jsonl");
        try (TranscriptWriter w =
                TranscriptWriter.builder(file, TestIdentities.ALICE).open()) {
            say(r.client(), r.server(), "pay $10,000?", w);
            say(r.client(), r.server(), "by Friday?", w);
            say(r.server(), r.client(), "yes", w);
        }
        List<String> two = Files.readAllLines(file, StandardCharsets.UTF_8).subList(0, 3);
        List<String> copy = new java.util.ArrayList<>(two);
        copy.set(
                0,
                TranscriptTamperTest.forgeMessage(
                        two.get(0), "pay $10?", TranscriptFormat.GENESIS, TestIdentities.ALICE, TestIdentities.ALICE));
        assertContinuityFailure(asIs(copy), 2, "does not follow client-to-server message #1 of this session");
    }

    // What remains possible, and is documented (docs/TRANSCRIPTS.md): nothing the peer signed
    // speaks of messages it had not seen yet, so the writer can end the conversation early and
    // rewrite its own messages that the peer never acknowledged.

    @Test
    void theWriterCanEndTheTranscriptEarly() throws Exception {
        // Without BOB's "yes" and her "done", which acknowledged it: a valid, shorter conversation.
        TranscriptSummary s = verify(asIs(lines(1, 2, 3)));
        assertThat(s.sessions().get(0).messages(Direction.SERVER_TO_CLIENT)).isEqualTo(1);
        // Or without her last message alone.
        assertThat(verify(asIs(lines(1, 2, 3, 4))).messages()).isEqualTo(4);
    }

    @Test
    void theWriterCanRewriteItsOwnMessagesThatThePeerNeverAcknowledged() throws Exception {
        // BOB signed nothing after ALICE's "done": she can sign something else in its place.
        // (BOB's own transcript, if he kept one, holds her original: two of her signatures for one
        // position are evidence against her.)
        byte[] rewritten = resigned(lines, t -> t.equals("done") ? "I never agreed" : t);
        assertThat(verify(rewritten).messages()).isEqualTo(5);
        // And so she can also drop BOB's last message, re-signing "done" as if she had not seen it.
        assertThat(verify(resigned(lines(1, 2, 3, 5), t -> t)).messages()).isEqualTo(4);
    }

    @Test
    void crossingMessagesVerifyInEitherOrder() throws Exception {
        // Both send at once: neither had seen the other's message. Whichever order the writer
        // records them in is consistent with what each had seen; their order means nothing more.
        Pipe.Result r = Pipe.handshake(Transcripts.CLIENT, Transcripts.SERVER);
        Session.Sealed a1 = r.client().sealMessage("a1".getBytes(StandardCharsets.UTF_8));
        Session.Sealed b1 = r.server().sealMessage("b1".getBytes(StandardCharsets.UTF_8));
        VerifiedMessage b1In = received(r.client(), b1.frames());
        received(r.server(), a1.frames());
        Session.Sealed a2 = r.client().sealMessage("a2".getBytes(StandardCharsets.UTF_8));
        Session.Sealed b2 = r.server().sealMessage("b2".getBytes(StandardCharsets.UTF_8));
        VerifiedMessage b2In = received(r.client(), b2.frames());
        received(r.server(), a2.frames());
        for (List<VerifiedMessage> order : List.of(
                List.of(a1.message(), b1In, a2.message(), b2In), List.of(b1In, a1.message(), b2In, a2.message()))) {
            Path file = dir.resolve("crossing-" + order.get(0).text() + ".jsonl");
            try (TranscriptWriter w =
                    TranscriptWriter.builder(file, TestIdentities.ALICE).open()) {
                for (VerifiedMessage m : order) {
                    w.append(m);
                }
            }
            TranscriptSummary s = TranscriptVerifier.create().verify(file);
            assertThat(s.messages()).isEqualTo(4);
        }
    }
}
