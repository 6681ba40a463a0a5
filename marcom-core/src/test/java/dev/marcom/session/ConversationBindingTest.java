package dev.marcom.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.AuthenticationException;
import dev.marcom.CipherSuite;
import dev.marcom.Direction;
import dev.marcom.MarcomException;
import dev.marcom.Role;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.identity.Identity;
import dev.marcom.internal.crypto.Sha256;
import dev.marcom.internal.record.RecordType;
import dev.marcom.internal.session.MessageSignatures;
import dev.marcom.internal.wire.WireWriter;
import dev.marcom.testing.Fixtures;
import dev.marcom.testing.ForgedRecords;
import dev.marcom.testing.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each signature says what its sender had received of the other direction (docs/PROTOCOL.md
 * §6.1), and the receiver checks that it is true: messages that cross in flight verify, and a
 * peer cannot claim to have seen a message that was never sent, fewer messages than it said
 * before, or a chain of its own that skips a message.
 */
class ConversationBindingTest {
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static VerifiedMessage deliver(Session to, byte[] frames) throws MarcomException {
        VerifiedMessage m = null;
        for (byte[] f : Fixtures.split(frames)) {
            if (to.open(f) instanceof Inbound.Message got) {
                m = got.message();
            }
        }
        return m;
    }

    static MessageSignatures.Message signed(VerifiedMessage m) throws Exception {
        return MessageSignatures.parseMessage(m.signedData().toByteArray());
    }

    @Test
    void messagesThatCrossInFlightVerifyAndSayWhatEachSideHadSeen() throws Exception {
        Pipe.Result r = Fixtures.directPair(
                Fixtures.client(1).build(), Fixtures.server(1).build(), 1);
        // Both send twice before either receives anything.
        List<Session.Sealed> fromClient = new ArrayList<>();
        List<Session.Sealed> fromServer = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            fromClient.add(r.client().sealMessage(utf8("c" + i)));
            fromServer.add(r.server().sealMessage(utf8("s" + i)));
        }
        VerifiedMessage s1 = deliver(r.client(), fromServer.get(0).frames());
        VerifiedMessage c1 = deliver(r.server(), fromClient.get(0).frames());
        VerifiedMessage c2 = deliver(r.server(), fromClient.get(1).frames());
        // The client has seen s1 only; the server has seen c1 and c2.
        Session.Sealed c3sealed = r.client().sealMessage(utf8("c3"));
        Session.Sealed s3sealed = r.server().sealMessage(utf8("s3"));
        VerifiedMessage s2 = deliver(r.client(), fromServer.get(1).frames());
        // Each receiver checks the claims against what it sent: true, so both verify.
        VerifiedMessage s3 = deliver(r.client(), s3sealed.frames());
        VerifiedMessage c3 = deliver(r.server(), c3sealed.frames());
        for (VerifiedMessage m : List.of(s1, c1, c2, s2)) {
            assertThat(signed(m).seen()).as(m.text()).isZero();
            OfflineVerifier.verify(m);
        }
        assertThat(c3.signedData()).isEqualTo(c3sealed.message().signedData());
        assertThat(s3.signedData()).isEqualTo(s3sealed.message().signedData());
        assertThat(signed(c3).seen()).isEqualTo(1);
        assertThat(signed(c3).seenHead().toByteArray())
                .isEqualTo(MessageSignatures.head(s1.signedData().toByteArray()));
        assertThat(signed(s3).seen()).isEqualTo(2);
        assertThat(signed(s3).seenHead().toByteArray())
                .isEqualTo(MessageSignatures.head(c2.signedData().toByteArray()));
        // Each direction is a chain: c2 follows c1.
        assertThat(signed(c2).previous().toByteArray())
                .isEqualTo(MessageSignatures.head(c1.signedData().toByteArray()));
    }

    /** A client that holds the keys and signs whatever a test tells it to. */
    static final class ForgedClient {
        final long seed;
        final Identity id;
        final Session server;
        final ForgedRecords records;
        byte[] previous = MessageSignatures.emptyHead();
        long sent;

        /** A client signing with {@code algorithm}, facing a server of {@code suite}'s paired algorithm. */
        ForgedClient(long seed, SignatureAlgorithm algorithm, CipherSuite suite) {
            this.seed = seed;
            this.id = Fixtures.clientId(algorithm);
            this.server = Fixtures.directPair(
                            Fixtures.client(seed, algorithm).build(),
                            Fixtures.server(seed, suite.pairedSignature()).build(),
                            seed,
                            suite)
                    .server();
            this.records = new ForgedRecords(Fixtures.directSendSecret(seed, Role.CLIENT));
        }

        byte[] message(String text, long seen, byte[] seenHead, byte[] chainedTo) {
            byte[] signed = MessageSignatures.message(
                    id.fingerprint().sha256().toByteArray(),
                    Fixtures.directSessionId(seed),
                    Direction.CLIENT_TO_SERVER.code(),
                    sent + 1,
                    chainedTo,
                    seen,
                    seenHead,
                    Sha256.hash(utf8(text)));
            byte[] signature = Fixtures.sign(id, signed);
            byte[] content = new WireWriter()
                    .u64(seen)
                    .vec16(signature)
                    .bytes(utf8(text))
                    .toByteArray();
            return records.seal(RecordType.MESSAGE_FINAL.code(), content);
        }

        /** A whole one-byte stream whose end says the client had seen {@code seen} messages. */
        VerifiedStream stream(long seen, byte[] seenHead) throws MarcomException {
            byte[] data = {42};
            server.open(records.seal(
                    RecordType.STREAM_BEGIN.code(),
                    new WireWriter().vec16(utf8("s")).u64(1).toByteArray()));
            server.open(records.seal(RecordType.STREAM_CHUNK.code(), data));
            byte[] signed = MessageSignatures.stream(
                    id.fingerprint().sha256().toByteArray(),
                    Fixtures.directSessionId(seed),
                    Direction.CLIENT_TO_SERVER.code(),
                    1,
                    sent,
                    previous,
                    seen,
                    seenHead,
                    Sha256.hash(data));
            byte[] signature = Fixtures.sign(id, signed);
            byte[] end = records.seal(
                    RecordType.STREAM_END.code(),
                    new WireWriter().u64(seen).vec16(signature).toByteArray());
            return ((Inbound.StreamEnd) server.open(end)).stream();
        }

        VerifiedMessage send(String text, long seen, byte[] seenHead) throws MarcomException {
            VerifiedMessage m = ((Inbound.Message) server.open(message(text, seen, seenHead, previous))).message();
            previous = MessageSignatures.head(m.signedData().toByteArray());
            sent++;
            return m;
        }
    }

    @ParameterizedTest
    @MethodSource("signers")
    void truthfulClaimsVerify(SignatureAlgorithm algorithm, CipherSuite suite) throws Exception {
        ForgedClient c = new ForgedClient(2, algorithm, suite);
        c.send("before", 0, MessageSignatures.emptyHead());
        VerifiedMessage s1 = c.server.sealMessage(utf8("s1")).message();
        VerifiedMessage s2 = c.server.sealMessage(utf8("s2")).message();
        // Still not seen them (they are in flight), then seen one, then both, then both again.
        c.send("a", 0, MessageSignatures.emptyHead());
        c.send("b", 1, MessageSignatures.head(s1.signedData().toByteArray()));
        c.send("c", 2, MessageSignatures.head(s2.signedData().toByteArray()));
        c.send("d", 2, MessageSignatures.head(s2.signedData().toByteArray()));
        assertThat(c.sent).isEqualTo(5);
    }

    @ParameterizedTest
    @MethodSource("signers")
    void aClaimToHaveSeenAMessageNeverSentFails(SignatureAlgorithm algorithm, CipherSuite suite) throws Exception {
        ForgedClient c = new ForgedClient(3, algorithm, suite);
        VerifiedMessage s1 = c.server.sealMessage(utf8("s1")).message();
        byte[] forged = c.message("x", 2, MessageSignatures.head(s1.signedData().toByteArray()), c.previous);
        assertThatThrownBy(() -> c.server.open(forged))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("never sent");
        assertThat(c.server.isFailed()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("signers")
    void aClaimToHaveSeenFewerThanBeforeFails(SignatureAlgorithm algorithm, CipherSuite suite) throws Exception {
        ForgedClient c = new ForgedClient(4, algorithm, suite);
        VerifiedMessage s1 = c.server.sealMessage(utf8("s1")).message();
        c.send("seen s1", 1, MessageSignatures.head(s1.signedData().toByteArray()));
        byte[] forged = c.message("not seen s1", 0, MessageSignatures.emptyHead(), c.previous);
        assertThatThrownBy(() -> c.server.open(forged))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("fewer");
    }

    @ParameterizedTest
    @MethodSource("signers")
    void aClaimToHaveSeenFewerThanAStreamSaidFails(SignatureAlgorithm algorithm, CipherSuite suite) throws Exception {
        ForgedClient c = new ForgedClient(8, algorithm, suite);
        VerifiedMessage s1 = c.server.sealMessage(utf8("s1")).message();
        c.stream(1, MessageSignatures.head(s1.signedData().toByteArray()));
        byte[] forged = c.message("not seen s1", 0, MessageSignatures.emptyHead(), c.previous);
        assertThatThrownBy(() -> c.server.open(forged))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("fewer");
    }

    @ParameterizedTest
    @MethodSource("signers")
    void aClaimWithTheWrongHashFails(SignatureAlgorithm algorithm, CipherSuite suite) throws Exception {
        ForgedClient c = new ForgedClient(5, algorithm, suite);
        c.server.sealMessage(utf8("s1"));
        byte[] forged = c.message("x", 1, Sha256.hash(utf8("another s1")), c.previous);
        assertThatThrownBy(() -> c.server.open(forged))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("message signature did not verify");
    }

    @ParameterizedTest
    @MethodSource("signers")
    void aChainThatSkipsAMessageFails(SignatureAlgorithm algorithm, CipherSuite suite) throws Exception {
        ForgedClient c = new ForgedClient(6, algorithm, suite);
        VerifiedMessage first = c.send("first", 0, MessageSignatures.emptyHead());
        // The second message signed as if it followed another first message.
        byte[] forged = c.message("second", 0, MessageSignatures.emptyHead(), Sha256.hash(utf8("another first")));
        assertThatThrownBy(() -> c.server.open(forged)).isInstanceOf(AuthenticationException.class);
        assertThat(first.sequence()).isEqualTo(1);
    }

    /** Each algorithm as the client's, each paired with a suite (and the server's algorithm) in turn. */
    static Stream<Arguments> signers() {
        CipherSuite[] suites = CipherSuite.values();
        SignatureAlgorithm[] algorithms = SignatureAlgorithm.values();
        return IntStream.range(0, algorithms.length)
                .mapToObj(i -> Arguments.of(algorithms[i], suites[(i + 1) % suites.length]));
    }

    @ParameterizedTest
    @MethodSource("signers")
    void aStreamIsAnchoredToBothChains(SignatureAlgorithm algorithm, CipherSuite suite) throws Exception {
        Pipe.Result r = Fixtures.directPair(
                Fixtures.client(7, algorithm).build(),
                Fixtures.server(7, suite.pairedSignature()).build(),
                7,
                suite);
        VerifiedMessage c1 = deliver(r.server(), r.client().seal(utf8("c1")));
        VerifiedMessage s1 = deliver(r.client(), r.server().seal(utf8("s1")));
        r.server().open(r.client().beginStream("f", 1));
        r.server().open(r.client().sealStreamChunk(new byte[] {7}, 0, 1));
        VerifiedStream stream = null;
        for (byte[] f : Fixtures.split(r.client().endStream().frames())) {
            if (r.server().open(f) instanceof Inbound.StreamEnd end) {
                stream = end.stream();
            }
        }
        assertThat(stream).isNotNull();
        OfflineVerifier.verify(stream);
        MessageSignatures.Stream s =
                MessageSignatures.parseStream(stream.signedData().toByteArray());
        assertThat(s.sent()).isEqualTo(1);
        assertThat(s.sentHead().toByteArray())
                .isEqualTo(MessageSignatures.head(c1.signedData().toByteArray()));
        assertThat(s.seen()).isEqualTo(1);
        assertThat(s.seenHead().toByteArray())
                .isEqualTo(MessageSignatures.head(s1.signedData().toByteArray()));
        assertThat(s.signer())
                .isEqualTo(Fixtures.clientId(algorithm).fingerprint().sha256());
        // Streams are not links of the message chain: the next message follows c1.
        VerifiedMessage c2 = deliver(r.server(), r.client().seal(utf8("c2")));
        assertThat(signed(c2).previous().toByteArray())
                .isEqualTo(MessageSignatures.head(c1.signedData().toByteArray()));
    }
}
