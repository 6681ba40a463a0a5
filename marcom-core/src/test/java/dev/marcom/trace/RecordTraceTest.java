package dev.marcom.trace;

import static dev.marcom.testing.TestIdentities.ALICE;
import static dev.marcom.testing.TestIdentities.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.marcom.AuthenticationException;
import dev.marcom.Bytes;
import dev.marcom.MalformedInputException;
import dev.marcom.Role;
import dev.marcom.SessionClosedException;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.internal.crypto.Dsa;
import dev.marcom.internal.crypto.Sha256;
import dev.marcom.internal.record.RecordType;
import dev.marcom.internal.wire.WireWriter;
import dev.marcom.session.Session;
import dev.marcom.session.SessionConfig;
import dev.marcom.testing.Fixtures;
import dev.marcom.testing.ForgedRecords;
import dev.marcom.testing.Pipe;
import dev.marcom.testing.RecordingTraceListener;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The session's trace: signatures and digests name what they cover (message or stream, and its
 * number); the keys and IVs revealed in teaching mode are exactly the ones the record layer
 * encrypts with; and a failure names what failed (the AES-GCM record, the DSA signature, the
 * frame).
 */
@Timeout(60)
class RecordTraceTest {
    private final RecordingTraceListener clientTrace = new RecordingTraceListener();
    private final RecordingTraceListener serverTrace = new RecordingTraceListener();

    private Pipe.Result handshake(boolean reveal) throws Exception {
        return Pipe.handshake(
                SessionConfig.builder(ALICE, TrustPolicy.pinned(BOB.fingerprint()))
                        .trace(clientTrace)
                        .revealSecrets(reveal)
                        .keyUpdateAfterRecords(1)
                        .build(),
                SessionConfig.builder(BOB, TrustPolicy.pinned(ALICE.fingerprint()))
                        .trace(serverTrace)
                        .revealSecrets(reveal)
                        .keyUpdateAfterRecords(1)
                        .build());
    }

    /** Opens each of the concatenated frames {@code seal} returned. */
    private static void deliver(byte[] frames, Session to) throws Exception {
        for (byte[] frame : Fixtures.split(frames)) {
            to.open(frame);
        }
    }

    @Test
    void keepAlivesAreTracedAsPingOrPongOnBothSides() throws Exception {
        Pipe.Result r = handshake(false);
        clientTrace.clear();
        serverTrace.clear();
        deliver(r.client().ping(), r.server());
        deliver(r.server().pong(), r.client());
        assertThat(clientTrace.of(TraceEvent.KeepAlive.class))
                .containsExactly(new TraceEvent.KeepAlive(true, true), new TraceEvent.KeepAlive(false, false));
        assertThat(serverTrace.of(TraceEvent.KeepAlive.class))
                .containsExactly(new TraceEvent.KeepAlive(false, true), new TraceEvent.KeepAlive(true, false));
    }

    // ---- subjects -------------------------------------------------------------------------------

    @Test
    void messageAndStreamSignaturesNameWhatTheySignAndItsNumber() throws Exception {
        Pipe.Result r = handshake(false);
        clientTrace.clear();
        serverTrace.clear();
        byte[] first = "first".getBytes(StandardCharsets.UTF_8);
        deliver(r.client().seal(first), r.server());
        deliver(r.client().seal("second"), r.server());
        byte[] content = new byte[1000];
        deliver(r.client().beginStream("file.bin", content.length), r.server());
        deliver(r.client().sealStreamChunk(content, 0, 600), r.server());
        deliver(r.client().sealStreamChunk(content, 600, 400), r.server());
        deliver(r.client().endStream().frames(), r.server());

        for (RecordingTraceListener side : List.of(clientTrace, serverTrace)) {
            boolean sender = side == clientTrace;
            assertThat(side.of(TraceEvent.Signature.class))
                    .extracting(
                            TraceEvent.Signature::outbound, TraceEvent.Signature::subject,
                            TraceEvent.Signature::sequence, TraceEvent.Signature::signer)
                    .containsExactly(
                            tuple(sender, SignatureSubject.MESSAGE, 1L, ALICE.fingerprint()),
                            tuple(sender, SignatureSubject.MESSAGE, 2L, ALICE.fingerprint()),
                            tuple(sender, SignatureSubject.STREAM, 1L, ALICE.fingerprint()));
            assertThat(side.of(TraceEvent.Digest.class))
                    .extracting(TraceEvent.Digest::subject, TraceEvent.Digest::sequence, TraceEvent.Digest::bytes)
                    .containsExactly(
                            tuple(DigestSubject.MESSAGE, 1L, 5L),
                            tuple(DigestSubject.MESSAGE, 2L, 6L),
                            tuple(DigestSubject.STREAM, 1L, 1000L));
        }
        assertThat(clientTrace.of(TraceEvent.Digest.class).get(0).sha256()).isEqualTo(Bytes.of(Sha256.hash(first)));
        assertThat(clientTrace.of(TraceEvent.Signature.class))
                .extracting(TraceEvent.Signature::signature)
                .isEqualTo(serverTrace.of(TraceEvent.Signature.class).stream()
                        .map(TraceEvent.Signature::signature)
                        .toList());
    }

    // ---- revealed keys --------------------------------------------------------------------------

    /** Opens one record frame with the JDK's AES-GCM, given a key, an IV and a sequence number. */
    private static byte[] openWithJdk(byte[] frame, Bytes key, Bytes iv, long sequence) throws Exception {
        byte[] nonce = iv.toByteArray();
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] ^= (byte) (sequence >>> (56 - 8 * i));
        }
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.toByteArray(), "AES"), new GCMParameterSpec(128, nonce));
        gcm.updateAAD(ByteBuffer.allocate(13).put(frame, 0, 5).putLong(sequence).array());
        return gcm.doFinal(frame, 5, frame.length - 5);
    }

    private static byte[] tail(byte[] inner, int n) {
        return Arrays.copyOfRange(inner, inner.length - n, inner.length);
    }

    /**
     * With "reveal secrets", the key and IV of each direction (from KeysDerived, and from
     * KeyUpdated after a key update) decrypt what the session actually sent: they are the record
     * layer's own, not values derived a second time elsewhere.
     */
    @Test
    void revealedKeysAndIvsDecryptTheRecordsTheSessionSent() throws Exception {
        Pipe.Result r = handshake(true);
        TraceEvent.KeysDerived keys =
                clientTrace.of(TraceEvent.KeysDerived.class).get(0);
        assertThat(serverTrace.of(TraceEvent.KeysDerived.class)).containsExactly(keys);

        byte[] hello = "hello from the client".getBytes(StandardCharsets.UTF_8);
        byte[] c2s = r.client().seal(hello);
        byte[] inner = openWithJdk(c2s, keys.clientToServerKey().orElseThrow(), keys.clientToServerIv(), 0);
        assertThat(inner[0]).isEqualTo((byte) RecordType.MESSAGE_FINAL.code());
        assertThat(tail(inner, hello.length)).isEqualTo(hello);
        r.server().open(c2s);

        byte[] reply = "reply from the server".getBytes(StandardCharsets.UTF_8);
        byte[] s2c = r.server().seal(reply);
        assertThat(tail(
                        openWithJdk(s2c, keys.serverToClientKey().orElseThrow(), keys.serverToClientIv(), 0),
                        reply.length))
                .isEqualTo(reply);
        r.client().open(s2c);

        // keyUpdateAfterRecords(1): the next message is a KEY_UPDATE record (generation 0, sequence
        // 1) and the message under generation 1, whose key and IV KeyUpdated reveals.
        byte[] again = "after the key update".getBytes(StandardCharsets.UTF_8);
        List<byte[]> frames = Fixtures.split(r.client().seal(again));
        assertThat(frames).hasSize(2);
        assertThat(openWithJdk(frames.get(0), keys.clientToServerKey().orElseThrow(), keys.clientToServerIv(), 1))
                .containsExactly((byte) RecordType.KEY_UPDATE.code());
        TraceEvent.KeyUpdated update =
                clientTrace.of(TraceEvent.KeyUpdated.class).get(0);
        assertThat(update.outbound()).isTrue();
        assertThat(update.generation()).isEqualTo(1);
        assertThat(tail(openWithJdk(frames.get(1), update.key().orElseThrow(), update.iv(), 0), again.length))
                .isEqualTo(again);
        r.server().open(frames.get(0));
        r.server().open(frames.get(1));
        assertThat(serverTrace.of(TraceEvent.KeyUpdated.class)).singleElement().satisfies(u -> {
            assertThat(u.outbound()).isFalse();
            assertThat(u.key()).isEqualTo(update.key());
            assertThat(u.iv()).isEqualTo(update.iv());
        });
        // Each AeadRecord's nonce is the reported IV of its generation XOR its sequence number.
        assertThat(clientTrace.of(TraceEvent.AeadRecord.class).get(0).nonce()).isEqualTo(keys.clientToServerIv());
        assertThat(clientTrace.of(TraceEvent.AeadRecord.class))
                .last()
                .extracting(TraceEvent.AeadRecord::nonce)
                .isEqualTo(update.iv());
    }

    @Test
    void withoutRevealNoKeyIsCopiedIntoAnyEvent() throws Exception {
        Pipe.Result r = handshake(false);
        deliver(r.client().seal("one"), r.server());
        deliver(r.client().seal("two"), r.server()); // after a key update
        for (RecordingTraceListener side : List.of(clientTrace, serverTrace)) {
            TraceEvent.KeysDerived keys = side.of(TraceEvent.KeysDerived.class).get(0);
            assertThat(keys.clientToServerKey()).isEmpty();
            assertThat(keys.serverToClientKey()).isEmpty();
            assertThat(side.of(TraceEvent.KeyUpdated.class))
                    .isNotEmpty()
                    .allSatisfy(u -> assertThat(u.key()).isEmpty());
        }
    }

    // ---- failures -------------------------------------------------------------------------------

    private static TraceEvent.Failure failure(RecordingTraceListener trace) {
        assertThat(trace.of(TraceEvent.Failure.class)).hasSize(1);
        return trace.of(TraceEvent.Failure.class).get(0);
    }

    @Test
    void aTamperedRecordIsAnAesGcmFailure() throws Exception {
        Pipe.Result r = handshake(false);
        byte[] frame = r.client().seal("tamper with me");
        frame[frame.length - 20] ^= 1;
        assertThatThrownBy(() -> r.server().open(frame)).isInstanceOf(AuthenticationException.class);
        assertThat(failure(serverTrace).phase()).isEqualTo(Phase.AES_GCM);
    }

    @Test
    void aReplayedRecordIsAnAesGcmFailure() throws Exception {
        Pipe.Result r = handshake(false);
        byte[] frame = r.client().seal("once");
        r.server().open(frame);
        assertThatThrownBy(() -> r.server().open(frame)).isInstanceOf(AuthenticationException.class);
        assertThat(failure(serverTrace).phase()).isEqualTo(Phase.AES_GCM);
    }

    /** A peer holding the session's keys, so that records authenticate but their content is bad. */
    private Session receiverOfForgedRecords(long seed) {
        Pipe.Result pair = Fixtures.directPair(
                Fixtures.client(seed).build(),
                Fixtures.server(seed).trace(serverTrace).build(),
                seed);
        return pair.server();
    }

    private static byte[] messageFinal(long seen, byte[] signature, byte[] plaintext) {
        return new WireWriter().u64(seen).vec16(signature).bytes(plaintext).toByteArray();
    }

    @Test
    void aMessageWhoseSignatureDoesNotVerifyIsADsaFailure() throws Exception {
        Session server = receiverOfForgedRecords(7);
        ForgedRecords peer = new ForgedRecords(Fixtures.directSendSecret(7, Role.CLIENT));
        byte[] plaintext = "signed over something else".getBytes(StandardCharsets.UTF_8);
        byte[] wrong = Dsa.sign(Fixtures.CLIENT_ID.privateKey(), plaintext); // not the signed data
        byte[] frame = peer.seal(RecordType.MESSAGE_FINAL.code(), messageFinal(0, wrong, plaintext));
        assertThatThrownBy(() -> server.open(frame)).isInstanceOf(AuthenticationException.class);
        assertThat(failure(serverTrace).phase()).isEqualTo(Phase.DSA);
        // The record itself was fine: AES-GCM opened it.
        assertThat(serverTrace.of(TraceEvent.AeadRecord.class)).hasSize(1);
    }

    @Test
    void aSignatureClaimingAMessageNeverSentIsADsaFailure() throws Exception {
        Session server = receiverOfForgedRecords(8);
        ForgedRecords peer = new ForgedRecords(Fixtures.directSendSecret(8, Role.CLIENT));
        byte[] plaintext = "I saw your fifth message".getBytes(StandardCharsets.UTF_8);
        byte[] signature = Dsa.sign(Fixtures.CLIENT_ID.privateKey(), plaintext);
        byte[] frame = peer.seal(RecordType.MESSAGE_FINAL.code(), messageFinal(5, signature, plaintext));
        assertThatThrownBy(() -> server.open(frame)).isInstanceOf(AuthenticationException.class);
        assertThat(failure(serverTrace).phase()).isEqualTo(Phase.DSA);
    }

    @Test
    void aMalformedRecordContentIsANetworkFailure() throws Exception {
        Session server = receiverOfForgedRecords(9);
        ForgedRecords peer = new ForgedRecords(Fixtures.directSendSecret(9, Role.CLIENT));
        byte[] frame = peer.seal(0x7f, new byte[0]); // no such inner type
        assertThatThrownBy(() -> server.open(frame)).isInstanceOf(MalformedInputException.class);
        assertThat(failure(serverTrace).phase()).isEqualTo(Phase.NETWORK);
    }

    @Test
    void anAbortIsTracedOnceAsANetworkFailure() throws Exception {
        Pipe.Result r = handshake(false);
        r.server().abort(new SessionClosedException("transport failed"));
        r.server().abort(new SessionClosedException("again"));
        assertThat(failure(serverTrace)).isEqualTo(new TraceEvent.Failure(Phase.NETWORK, "transport failed"));
        assertThatThrownBy(() -> r.server().open(r.client().close())).isInstanceOf(SessionClosedException.class);
        assertThat(failure(serverTrace).reason()).isEqualTo("transport failed");
    }
}
