package dev.marcom.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.MalformedInputException;
import dev.marcom.MarcomException;
import dev.marcom.testing.Fixtures;
import dev.marcom.testing.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The size limits of messages and streams hold exactly at their boundaries, on the side that
 * sends and on the side that receives (which does not trust the sender's configuration).
 */
class SessionLimitsTest {
    private static final int MAX = 4096;

    private static Pipe.Result pair(long seed, int clientMax, int serverMax) {
        return Fixtures.directPair(
                Fixtures.client(seed)
                        .maxMessageBytes(clientMax)
                        .recordContentBytes(256)
                        .build(),
                Fixtures.server(seed)
                        .maxMessageBytes(serverMax)
                        .recordContentBytes(256)
                        .build(),
                seed);
    }

    private static Inbound deliver(byte[] frames, Session to) throws MarcomException {
        Inbound last = null;
        for (byte[] f : Fixtures.split(frames)) {
            last = to.open(f);
        }
        return last;
    }

    @Test
    void aMessageOfExactlyTheMaximumIsSentAndOneByteMoreIsRefused() throws Exception {
        Pipe.Result r = pair(1, MAX, MAX);
        byte[] max = new byte[MAX];
        Arrays.fill(max, (byte) 7);
        Inbound in = deliver(r.client().seal(max), r.server());
        assertThat(((Inbound.Message) in).message().plaintext()).isEqualTo(max);
        assertThatThrownBy(() -> r.client().seal(new byte[MAX + 1])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReceiverRefusesAMessageOverItsOwnMaximumInOneRecord() throws Exception {
        Pipe.Result r = Fixtures.directPair(
                Fixtures.client(2).maxMessageBytes(MAX).build(),
                Fixtures.server(2).maxMessageBytes(100).build(),
                2);
        assertThatThrownBy(() -> deliver(r.client().seal(new byte[101]), r.server()))
                .isInstanceOf(MalformedInputException.class)
                .hasMessage("message exceeds maxMessageBytes 100");
    }

    @Test
    void aReceiverRefusesAFragmentedMessageOverItsOwnMaximum() throws Exception {
        Pipe.Result r = pair(3, MAX, 1000);
        assertThatThrownBy(() -> deliver(r.client().seal(new byte[1001]), r.server()))
                .isInstanceOf(MalformedInputException.class)
                .hasMessage("message exceeds maxMessageBytes 1000");
    }

    @Test
    void aMessageOfManyFragmentsIsReassembledByteForByte() throws Exception {
        Pipe.Result r = pair(4, 64 * 1024, 64 * 1024);
        byte[] m = new byte[40 * 256 + 100];
        for (int i = 0; i < m.length; i++) {
            m[i] = (byte) (i * 31 + (i >> 8));
        }
        Inbound in = deliver(r.client().seal(m), r.server());
        assertThat(((Inbound.Message) in).message().plaintext()).isEqualTo(m);
    }

    /**
     * A message shorter than a record goes in one record when it fits there beside the signature
     * prefix (8-byte count, 2-byte length, DER signature), and in two when it does not; exactly
     * full still fits. Signatures vary in length (RFC 6979 makes each one fixed for its message),
     * so the lengths around the edge are tried over several sessions until the exact edge occurs.
     */
    @Test
    void aMessageThatExactlyFillsTheLastRecordBesideItsSignatureTakesOneRecord() throws Exception {
        boolean exactEdge = false;
        for (long seed = 20; seed < 40 && !exactEdge; seed++) {
            Pipe.Result r = pair(seed, MAX, MAX);
            for (int length = 256 - 84; length <= 256 - 78; length++) {
                Session.Sealed sealed = r.client().sealMessage(new byte[length]);
                int prefix = 8 + 2 + sealed.message().signature().length();
                int expected = length + prefix > 256 ? 2 : 1;
                exactEdge |= length + prefix == 256;
                assertThat(Fixtures.split(sealed.frames()))
                        .as("length %d, prefix %d", length, prefix)
                        .hasSize(expected);
                deliver(sealed.frames(), r.server());
            }
        }
        assertThat(exactEdge)
                .as("a message exactly filling its record was tried")
                .isTrue();
    }

    @Test
    void aStreamNameOfExactly1024BytesIsAcceptedAndOneMoreIsRefused() throws Exception {
        Pipe.Result r = pair(5, MAX, MAX);
        String name = "n".repeat(1024);
        Inbound in = deliver(r.client().beginStream(name, 0), r.server());
        assertThat(((Inbound.StreamStart) in).name()).isEqualTo(name);
        r.client().endStream();
        assertThatThrownBy(() -> r.client().beginStream("é".repeat(513), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStreamOfExactlyItsAnnouncedLengthEndsAndOneByteMoreIsRefused() throws Exception {
        Pipe.Result r = pair(6, MAX, MAX);
        byte[] data = "exactly this".getBytes(StandardCharsets.UTF_8);
        deliver(r.client().beginStream("a", data.length), r.server());
        deliver(r.client().sealStreamChunk(data, 0, data.length), r.server());
        Inbound end = deliver(r.client().endStream().frames(), r.server());
        assertThat(((Inbound.StreamEnd) end).stream().length()).isEqualTo(data.length);

        deliver(r.client().beginStream("b", data.length - 1), r.server());
        assertThatThrownBy(() -> deliver(r.client().sealStreamChunk(data, 0, data.length), r.server()))
                .isInstanceOf(MalformedInputException.class)
                .hasMessage("stream longer than announced");
    }

    @Test
    void anEmptyAnnouncedStreamRefusesItsFirstByte() throws Exception {
        Pipe.Result r = pair(9, MAX, MAX);
        deliver(r.client().beginStream("empty", 0), r.server());
        assertThatThrownBy(() -> deliver(r.client().sealStreamChunk(new byte[] {1}, 0, 1), r.server()))
                .isInstanceOf(MalformedInputException.class)
                .hasMessage("stream longer than announced");
    }

    @Test
    void theSenderSeesTheStreamItSignedWithItsDigest() throws Exception {
        Pipe.Result r = pair(7, MAX, MAX);
        byte[] data = "digest me".getBytes(StandardCharsets.UTF_8);
        deliver(r.client().beginStream("d", -1), r.server());
        deliver(r.client().sealStreamChunk(data, 0, data.length), r.server());
        Session.EndedStream sent = r.client().endStream();
        VerifiedStream received = ((Inbound.StreamEnd) deliver(sent.frames(), r.server())).stream();
        assertThat(sent.stream().sha256()).isEqualTo(received.sha256());
        assertThat(sent.stream().signedData()).isEqualTo(received.signedData());
        assertThat(sent.stream().signature()).isEqualTo(received.signature());
        assertThat(sent.stream().name()).isEqualTo("d");
        assertThat(sent.stream().length()).isEqualTo(data.length);
        OfflineVerifier.verify(sent.stream());
    }

    @Test
    void twoStreamSummariesAreEqualExactlyWhenEveryFieldIs() throws Exception {
        Pipe.Result r = pair(10, MAX, MAX);
        deliver(r.client().beginStream("s", -1), r.server());
        deliver(r.client().sealStreamChunk(new byte[] {1, 2, 3}, 0, 3), r.server());
        Session.EndedStream sent = r.client().endStream();
        VerifiedStream v = ((Inbound.StreamEnd) deliver(sent.frames(), r.server())).stream();
        assertThat(sent.stream()).isEqualTo(v).hasSameHashCodeAs(v);
        dev.marcom.Bytes other = dev.marcom.Bytes.of(new byte[32]);
        java.util.List<VerifiedStream> changed = java.util.List.of(
                new VerifiedStream(
                        other,
                        v.direction(),
                        v.sequence(),
                        v.name(),
                        v.length(),
                        v.sha256(),
                        v.signedData(),
                        v.signature(),
                        v.signer()),
                new VerifiedStream(
                        v.sessionId(),
                        dev.marcom.Direction.SERVER_TO_CLIENT,
                        v.sequence(),
                        v.name(),
                        v.length(),
                        v.sha256(),
                        v.signedData(),
                        v.signature(),
                        v.signer()),
                new VerifiedStream(
                        v.sessionId(),
                        v.direction(),
                        v.sequence() + 1,
                        v.name(),
                        v.length(),
                        v.sha256(),
                        v.signedData(),
                        v.signature(),
                        v.signer()),
                new VerifiedStream(
                        v.sessionId(),
                        v.direction(),
                        v.sequence(),
                        "t",
                        v.length(),
                        v.sha256(),
                        v.signedData(),
                        v.signature(),
                        v.signer()),
                new VerifiedStream(
                        v.sessionId(),
                        v.direction(),
                        v.sequence(),
                        v.name(),
                        v.length() + 1,
                        v.sha256(),
                        v.signedData(),
                        v.signature(),
                        v.signer()),
                new VerifiedStream(
                        v.sessionId(),
                        v.direction(),
                        v.sequence(),
                        v.name(),
                        v.length(),
                        other,
                        v.signedData(),
                        v.signature(),
                        v.signer()),
                new VerifiedStream(
                        v.sessionId(),
                        v.direction(),
                        v.sequence(),
                        v.name(),
                        v.length(),
                        v.sha256(),
                        other,
                        v.signature(),
                        v.signer()),
                new VerifiedStream(
                        v.sessionId(),
                        v.direction(),
                        v.sequence(),
                        v.name(),
                        v.length(),
                        v.sha256(),
                        v.signedData(),
                        other,
                        v.signer()),
                new VerifiedStream(
                        v.sessionId(),
                        v.direction(),
                        v.sequence(),
                        v.name(),
                        v.length(),
                        v.sha256(),
                        v.signedData(),
                        v.signature(),
                        r.server().localIdentity()));
        for (VerifiedStream c : changed) {
            assertThat(c).isNotEqualTo(v);
        }
        assertThat(v).isNotEqualTo("a string");
        assertThat(v.toString())
                .isEqualTo("VerifiedStream[CLIENT_TO_SERVER #1, 3 bytes, sha256="
                        + v.sha256().abbreviated(4) + ", signer=" + v.signer().fingerprint() + "]");
    }

    @Test
    void aMessageDescribesItselfWithoutItsText() throws Exception {
        Pipe.Result r = pair(11, MAX, MAX);
        VerifiedMessage m = r.client().sealMessage(new byte[] {'s', 'e', 'c'}).message();
        assertThat(m.toString())
                .isEqualTo("VerifiedMessage[CLIENT_TO_SERVER #1, 3 bytes, sha256="
                        + m.sha256().abbreviated(4) + ", signer=" + m.signer().fingerprint() + "]");
    }

    @Test
    void aSessionDescribesItselfWithoutSecrets() throws Exception {
        Pipe.Result r = pair(8, MAX, MAX);
        assertThat(r.client().toString())
                .startsWith("Session[CLIENT, ELGAMAL_FFDHE2048_AES256GCM_SHA256_DSA, id=")
                .endsWith("peer=" + r.client().peer().fingerprint() + "]");
    }
}
