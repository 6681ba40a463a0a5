package dev.marcom.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.AuthenticationException;
import dev.marcom.Direction;
import dev.marcom.MalformedInputException;
import dev.marcom.Role;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.identity.Identity;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.internal.crypto.Sha256;
import dev.marcom.internal.record.RecordType;
import dev.marcom.internal.session.MessageSignatures;
import dev.marcom.internal.wire.Frames;
import dev.marcom.internal.wire.WireWriter;
import dev.marcom.testing.Fixtures;
import dev.marcom.testing.ForgedRecords;
import dev.marcom.testing.Pipe;
import dev.marcom.testing.TestIdentities;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StreamTest {
    private static Pipe.Result pair(int recordBytes) throws Exception {
        SessionConfig c = SessionConfig.builder(TestIdentities.ALICE, TrustPolicy.acceptAny())
                .recordContentBytes(recordBytes)
                .keyUpdateAfterRecords(5)
                .build();
        SessionConfig s = SessionConfig.builder(TestIdentities.BOB, TrustPolicy.acceptAny())
                .build();
        return Pipe.handshake(c, s);
    }

    /** Splits concatenated frames. */
    static List<byte[]> split(byte[] frames) throws Exception {
        List<byte[]> out = new ArrayList<>();
        int pos = 0;
        while (pos < frames.length) {
            int len = Frames.HEADER_BYTES + Frames.bodyLength(frames, pos);
            byte[] f = new byte[len];
            System.arraycopy(frames, pos, f, 0, len);
            out.add(f);
            pos += len;
        }
        return out;
    }

    @Test
    void streamRoundTripWithFragmentsAndKeyUpdates() throws Exception {
        Pipe.Result r = pair(1024);
        byte[] data = new byte[50_000];
        new SecureRandom().nextBytes(data);
        List<byte[]> frames = new ArrayList<>();
        frames.addAll(split(r.client().seal("before")));
        frames.addAll(split(r.client().beginStream("file.bin", data.length)));
        for (int off = 0; off < data.length; off += 7000) {
            frames.addAll(split(r.client().sealStreamChunk(data, off, Math.min(7000, data.length - off))));
        }
        frames.addAll(split(r.client().endStream().frames()));
        frames.addAll(split(r.client().seal("after")));

        ByteArrayOutputStream got = new ByteArrayOutputStream();
        List<Inbound> events = new ArrayList<>();
        for (byte[] f : frames) {
            Inbound in = r.server().open(f);
            events.add(in);
            if (in instanceof Inbound.UnverifiedStreamChunk c) {
                ByteBuffer b = c.data();
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                got.write(chunk);
            }
        }
        assertThat(got.toByteArray()).isEqualTo(data);
        List<Inbound> significant = events.stream()
                .filter(e -> !(e instanceof Inbound.Pending) && !(e instanceof Inbound.UnverifiedStreamChunk))
                .toList();
        assertThat(significant).hasSize(4);
        assertThat(((Inbound.Message) significant.get(0)).message().sequence()).isEqualTo(1);
        assertThat(((Inbound.StreamStart) significant.get(1)).name()).isEqualTo("file.bin");
        VerifiedStream vs = ((Inbound.StreamEnd) significant.get(2)).stream();
        assertThat(vs.sequence()).isEqualTo(1); // streams are numbered apart from messages
        assertThat(vs.length()).isEqualTo(data.length);
        assertThat(vs.sha256().toByteArray()).isEqualTo(Sha256.hash(data));
        OfflineVerifier.verify(vs);
        assertThat(((Inbound.Message) significant.get(3)).message().sequence()).isEqualTo(2);
    }

    @Test
    void closeInsideAStreamIsRejected() throws Exception {
        Pipe.Result r = pair(1024);
        r.server().open(r.client().beginStream("x", -1));
        r.server().open(r.client().sealStreamChunk(new byte[10], 0, 10));
        // The sender's close() abandons the stream; the receiver must not take it as complete.
        assertThatThrownBy(() -> r.server().open(r.client().close())).isInstanceOf(MalformedInputException.class);
    }

    @Test
    void lengthMismatchIsRejected() throws Exception {
        Pipe.Result r = pair(1024);
        r.server().open(r.client().beginStream("x", 5));
        assertThatThrownBy(() -> r.server().open(r.client().sealStreamChunk(new byte[6], 0, 6)))
                .isInstanceOf(MalformedInputException.class);
    }

    @Test
    void streamSignatureIsChecked() throws Exception {
        Pipe.Result r = pair(1024);
        r.server().open(r.client().beginStream("x", -1));
        r.server().open(r.client().sealStreamChunk(new byte[10], 0, 10));
        byte[] end = r.client().endStream().frames();
        VerifiedStream ok = ((Inbound.StreamEnd) r.server().open(end)).stream();
        VerifiedStream forged = new VerifiedStream(
                ok.sessionId(),
                ok.direction(),
                ok.sequence(),
                ok.name(),
                ok.length(),
                dev.marcom.Bytes.of(new byte[32]),
                ok.signedData(),
                ok.signature(),
                ok.signer());
        assertThatThrownBy(() -> OfflineVerifier.verify(forged)).isInstanceOf(AuthenticationException.class);
    }

    /**
     * A peer holding the client's traffic key and identity key sends a stream whose STREAM_END
     * carries a signature that is well-formed but wrong: by the right key over other bytes, by
     * another key, or with one bit changed. Everything else is exactly what an honest sender sends
     * (variant 0 is one, and verifies), so the failure comes from the signature check at
     * STREAM_END, which fails the session. For every signature algorithm of the client (the server,
     * whose key signs variant 2, uses the same).
     */
    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void aBadStreamEndSignatureInASessionIsRejected(SignatureAlgorithm algorithm) throws Exception {
        byte[] data = "a stream".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Identity client = Fixtures.clientId(algorithm);
        Identity server = Fixtures.serverId(algorithm);
        for (int variant = 0; variant < 4; variant++) {
            long seed = 40L + variant;
            Session receiver = Fixtures.directPair(
                            Fixtures.client(seed, algorithm).build(),
                            Fixtures.server(seed, algorithm).build(),
                            seed)
                    .server();
            ForgedRecords peer = new ForgedRecords(Fixtures.directSendSecret(seed, Role.CLIENT));
            byte[] signed = MessageSignatures.stream(
                    client.fingerprint().sha256().toByteArray(),
                    Fixtures.directSessionId(seed),
                    Direction.CLIENT_TO_SERVER.code(),
                    1,
                    0,
                    MessageSignatures.emptyHead(),
                    0,
                    MessageSignatures.emptyHead(),
                    Sha256.hash(
                            variant == 1 ? "another stream".getBytes(java.nio.charset.StandardCharsets.UTF_8) : data));
            byte[] signature = Fixtures.sign(variant == 2 ? server : client, signed);
            if (variant == 3) {
                // DSA: the last byte of s, still strict DER; Ed25519: S; ML-DSA: the hint encoding.
                signature[signature.length - 1] ^= 1;
            }
            assertThat(receiver.open(peer.seal(
                            RecordType.STREAM_BEGIN.code(),
                            new WireWriter()
                                    .vec16("x".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                                    .u64(data.length)
                                    .toByteArray())))
                    .isInstanceOf(Inbound.StreamStart.class);
            assertThat(receiver.open(peer.seal(RecordType.STREAM_CHUNK.code(), data)))
                    .isInstanceOf(Inbound.UnverifiedStreamChunk.class);
            byte[] end = peer.seal(
                    RecordType.STREAM_END.code(),
                    new WireWriter().u64(0).vec16(signature).toByteArray());
            if (variant == 0) {
                VerifiedStream ok = ((Inbound.StreamEnd) receiver.open(end)).stream();
                assertThat(ok.signedData().toByteArray()).isEqualTo(signed);
                OfflineVerifier.verify(ok);
                continue;
            }
            assertThatThrownBy(() -> receiver.open(end))
                    .as("variant " + variant)
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessage("stream signature did not verify");
            assertThat(receiver.isFailed()).isTrue();
        }
    }
}
