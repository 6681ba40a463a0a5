package dev.marcom.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.Direction;
import dev.marcom.session.Session;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.testing.Pipe;
import dev.marcom.testing.TestIdentities;
import dev.marcom.transport.SecureChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class TranscriptWriterTest {
    static final Clock FIXED = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    static List<VerifiedMessage> sealed(Session s, int n) throws Exception {
        List<VerifiedMessage> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(s.sealMessage(("message " + i).getBytes(StandardCharsets.UTF_8))
                    .message());
        }
        return out;
    }

    static Pipe.Result sessions() throws Exception {
        return Pipe.handshake(Transcripts.CLIENT, Transcripts.SERVER);
    }

    TranscriptWriter writer(String name) throws Exception {
        return TranscriptWriter.builder(dir.resolve(name), TestIdentities.ALICE)
                .clock(FIXED)
                .open();
    }

    @Test
    void neverOverwritesAFile() throws Exception {
        Path p = Files.writeString(dir.resolve("t.jsonl"), "keep");
        assertThatThrownBy(
                        () -> TranscriptWriter.builder(p, TestIdentities.ALICE).open())
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(p)).isEqualTo("keep");
    }

    @Test
    void eachLineIsInTheFileWhenAppendReturns() throws Exception {
        List<VerifiedMessage> m = sealed(sessions().client(), 2);
        Path p = dir.resolve("t.jsonl");
        TranscriptWriter w = writer("t.jsonl");
        w.append(m.get(0));
        assertThat(Files.readAllLines(p)).hasSize(1);
        assertThat(Files.readString(p))
                .contains("\"timestamp\":\"2026-01-02T03:04:05.678Z\"")
                .contains("\"text\":\"message 1\"")
                .endsWith("\n");
        w.append(m.get(1));
        assertThat(Files.readAllLines(p)).hasSize(2);
        w.close();
        w.close();
        assertThat(Files.readAllLines(p)).hasSize(3);
        assertThat(Files.readAllLines(p).get(2)).startsWith("{\"v\":2,\"kind\":\"end\",\"messages\":2,");
        assertThat(TranscriptVerifier.create().verify(p).messages()).isEqualTo(2);
        assertThatThrownBy(() -> w.append(m.get(0))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEmptyTranscriptHasOnlyItsEndLine() throws Exception {
        writer("t.jsonl").close();
        TranscriptSummary s = TranscriptVerifier.create().verify(dir.resolve("t.jsonl"));
        assertThat(s.messages()).isZero();
        assertThat(s.sessions()).isEmpty();
        assertThat(s.writer()).isEqualTo(TestIdentities.ALICE.fingerprint());
    }

    @Test
    void refusesAMessageTwice() throws Exception {
        List<VerifiedMessage> m = sealed(sessions().client(), 3);
        try (TranscriptWriter w = writer("t.jsonl")) {
            w.append(m.get(0));
            assertThatThrownBy(() -> w.append(m.get(0))).isInstanceOf(IllegalArgumentException.class);
            w.append(m.get(2));
            assertThatThrownBy(() -> w.append(m.get(2))).isInstanceOf(IllegalArgumentException.class);
            w.append(m.get(1));
        }
        assertThat(TranscriptVerifier.create().verify(dir.resolve("t.jsonl")).messages())
                .isEqualTo(3);
    }

    @Test
    void holdsBackMessagesAppendedOutOfOrder() throws Exception {
        Pipe.Result r = sessions();
        List<VerifiedMessage> c = sealed(r.client(), 5);
        List<VerifiedMessage> s = sealed(r.server(), 2);
        Path p = dir.resolve("t.jsonl");
        try (TranscriptWriter w = writer("t.jsonl")) {
            w.append(c.get(2));
            w.append(s.get(1));
            assertThat(Files.size(p)).isZero();
            w.append(c.get(0));
            w.append(c.get(1));
            assertThat(Files.readAllLines(p)).hasSize(3);
            w.append(c.get(4));
            w.append(s.get(0));
            w.append(c.get(3));
        }
        TranscriptSummary summary = TranscriptVerifier.create().verify(p);
        assertThat(summary.sessions().get(0).messages(Direction.CLIENT_TO_SERVER))
                .isEqualTo(5);
        assertThat(summary.sessions().get(0).messages(Direction.SERVER_TO_CLIENT))
                .isEqualTo(2);
    }

    @Test
    void holdsBackAMessageUntilTheMessagesItsSenderHadSeenAreWritten() throws Exception {
        // The server answers the client's first message; the answer is appended first (a receiving
        // thread overtook the sending one). It waits for the message it acknowledges.
        Pipe.Result r = sessions();
        Session.Sealed c1 = r.client().sealMessage("question".getBytes(StandardCharsets.UTF_8));
        r.server().open(c1.frames());
        Session.Sealed s1 = r.server().sealMessage("answer".getBytes(StandardCharsets.UTF_8));
        Path p = dir.resolve("t.jsonl");
        try (TranscriptWriter w = writer("t.jsonl")) {
            w.append(s1.message());
            assertThat(Files.size(p)).isZero();
            w.append(c1.message());
            assertThat(Files.readAllLines(p)).hasSize(2);
        }
        List<String> lines = Files.readAllLines(p);
        assertThat(lines.get(0)).contains("\"text\":\"question\"");
        assertThat(lines.get(1)).contains("\"seen\":1").contains("\"text\":\"answer\"");
        assertThat(TranscriptVerifier.create().verify(p).messages()).isEqualTo(2);

        // Never given the message it acknowledges, the answer is reported at close, not written.
        Path q = dir.resolve("u.jsonl");
        TranscriptWriter w = writer("u.jsonl");
        w.append(s1.message());
        assertThatThrownBy(w::close)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 message(s) were never written");
        assertThat(TranscriptVerifier.create().verify(q).messages()).isZero();
    }

    @Test
    void aGapNeverFilledIsReportedAtCloseAndTheFileStillVerifies() throws Exception {
        List<VerifiedMessage> c = sealed(sessions().client(), 3);
        TranscriptWriter w = writer("t.jsonl");
        w.append(c.get(0));
        w.append(c.get(2));
        assertThatThrownBy(w::close)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 message(s) were never written");
        assertThat(TranscriptVerifier.create().verify(dir.resolve("t.jsonl")).messages())
                .isEqualTo(1);
    }

    @Test
    void refusesToHoldBackWithoutLimit() throws Exception {
        List<VerifiedMessage> c = sealed(sessions().client(), 70);
        try (TranscriptWriter w = writer("t.jsonl")) {
            for (int i = 1; i < 65; i++) {
                w.append(c.get(i));
            }
            assertThatThrownBy(() -> w.append(c.get(65))).isInstanceOf(IllegalStateException.class);
            w.append(c.get(0));
        }
        assertThat(TranscriptVerifier.create().verify(dir.resolve("t.jsonl")).messages())
                .isEqualTo(65);
    }

    /**
     * At most 64 MiB of message bytes wait at once: four held-back 16 MiB messages fit exactly, a
     * fifth is refused; and bytes written out no longer count, so the limit applies to what waits
     * now, not to everything that ever waited.
     */
    @Test
    void holdsBackAtMostSixtyFourMebibytesAtOnce() throws Exception {
        Pipe.Result r = sessions();
        byte[] big = new byte[16 << 20];
        List<VerifiedMessage> c = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            big[0] = (byte) i;
            c.add(r.client().sealMessage(big).message());
        }
        try (TranscriptWriter w = writer("limit.jsonl")) {
            for (int i = 1; i <= 4; i++) {
                w.append(c.get(i)); // messages #2..#5 wait for #1: 64 MiB
            }
            assertThatThrownBy(() -> w.append(c.get(5)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot be held back any longer");
            w.append(c.get(0)); // writes #1..#5
            w.append(c.get(5));
        }
        assertThat(TranscriptVerifier.create()
                        .verify(dir.resolve("limit.jsonl"))
                        .messages())
                .isEqualTo(6);

        Pipe.Result again = sessions();
        List<VerifiedMessage> d = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            big[0] = (byte) i;
            d.add(again.client().sealMessage(big).message());
        }
        try (TranscriptWriter w = writer("drained.jsonl")) {
            for (int i = 1; i <= 4; i++) {
                w.append(d.get(i));
            }
            w.append(d.get(0)); // drains all: nothing waits any more
            w.append(d.get(6)); // waits for #6 (16 MiB)
            w.append(d.get(5));
        }
        assertThat(TranscriptVerifier.create()
                        .verify(dir.resolve("drained.jsonl"))
                        .messages())
                .isEqualTo(7);
    }

    @Test
    void aUtf8MessageIsWrittenAsTextAndOtherBytesAsBase64() throws Exception {
        Pipe.Result r = sessions();
        VerifiedMessage text =
                r.client().sealMessage("hello".getBytes(StandardCharsets.UTF_8)).message();
        VerifiedMessage binary =
                r.client().sealMessage(new byte[] {(byte) 0xff, 0, 1}).message();
        Path p = dir.resolve("t.jsonl");
        try (TranscriptWriter w = writer("t.jsonl")) {
            w.append(text);
            w.append(binary);
        }
        List<String> lines = Files.readAllLines(p);
        assertThat(lines.get(0)).contains("\"text\":\"hello\"").doesNotContain("\"base64\"");
        assertThat(lines.get(1)).contains("\"base64\":\"/wAB\"").doesNotContain("\"text\"");
        assertThat(TranscriptVerifier.create().verify(p).messages()).isEqualTo(2);
    }

    @Test
    void recordsSeveralSessions() throws Exception {
        Pipe.Result a = sessions();
        Pipe.Result b = sessions();
        try (TranscriptWriter w = writer("t.jsonl")) {
            for (VerifiedMessage m : sealed(a.client(), 2)) {
                w.append(m);
            }
            for (VerifiedMessage m : sealed(b.client(), 3)) {
                w.append(m);
            }
            w.append(sealed(a.client(), 1).get(0));
        }
        TranscriptSummary s = TranscriptVerifier.create().verify(dir.resolve("t.jsonl"));
        assertThat(s.sessions())
                .extracting(TranscriptSummary.SessionSummary::sessionId)
                .containsExactly(a.client().sessionId(), b.client().sessionId());
        assertThat(s.sessions().get(0).messages(Direction.CLIENT_TO_SERVER)).isEqualTo(3);
        assertThat(s.sessions().get(1).messages(Direction.CLIENT_TO_SERVER)).isEqualTo(3);
    }

    @Test
    void concurrentSendersAndReceiversProduceVerifiableTranscripts() throws Exception {
        SecureChannel[] c = Transcripts.connect();
        Path clientFile = dir.resolve("client.jsonl");
        Path serverFile = dir.resolve("server.jsonl");
        int threads = 4;
        int each = 10;
        int total = threads * each;
        try (TranscriptWriter cw = TranscriptWriter.builder(clientFile, TestIdentities.ALICE)
                        .open();
                TranscriptWriter sw =
                        TranscriptWriter.builder(serverFile, TestIdentities.BOB).open()) {
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < total; i++) {
                        VerifiedMessage m = c[1].receive().orElseThrow();
                        sw.append(m);
                        sw.append(c[1].send("ack " + m.sequence()));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            CompletableFuture<Void> clientReceiver = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < total; i++) {
                        cw.append(c[0].receive().orElseThrow());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> senders = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int id = t;
                    senders.add(pool.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            cw.append(c[0].send("thread " + id + " message " + i));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : senders) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            server.get();
            clientReceiver.get();
        }
        c[0].close();
        c[1].close();
        for (Path p : List.of(clientFile, serverFile)) {
            TranscriptSummary s = TranscriptVerifier.create().verify(p);
            assertThat(s.messages()).isEqualTo(2L * total);
            assertThat(s.sessions().get(0).messages(Direction.CLIENT_TO_SERVER)).isEqualTo(total);
            assertThat(s.sessions().get(0).messages(Direction.SERVER_TO_CLIENT)).isEqualTo(total);
        }
    }
}
