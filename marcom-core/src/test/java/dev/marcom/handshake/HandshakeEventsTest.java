package dev.marcom.handshake;

import static dev.marcom.testing.TestIdentities.ALICE;
import static dev.marcom.testing.TestIdentities.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.Bytes;
import dev.marcom.identity.RefusedByPeerException;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.internal.crypto.Sha256;
import dev.marcom.internal.wire.Frames;
import dev.marcom.session.SessionConfig;
import dev.marcom.testing.Pipe;
import dev.marcom.testing.RecordingTraceListener;
import dev.marcom.trace.DigestSubject;
import dev.marcom.trace.HandshakeFields;
import dev.marcom.trace.SignatureSubject;
import dev.marcom.trace.TraceEvent;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the handshake reports and what it leaves behind, byte for byte: each handshake signature's
 * digest covers exactly the transcript bytes it signs, every message and frame is traced on the
 * side that sent it and the side that received it, a refusal is traced with what it refused, and
 * a handshake that ended (established or refused) holds no secret and zeroed the ones it held.
 */
class HandshakeEventsTest {
    private final RecordingTraceListener clientTrace = new RecordingTraceListener();
    private final RecordingTraceListener serverTrace = new RecordingTraceListener();

    private SessionConfig client(TrustPolicy policy) {
        return SessionConfig.builder(ALICE, policy).trace(clientTrace).build();
    }

    private SessionConfig server(TrustPolicy policy) {
        return SessionConfig.builder(BOB, policy).trace(serverTrace).build();
    }

    @Test
    void eachHandshakeSignatureDigestCoversExactlyTheBytesItSigns() throws Exception {
        Pipe.Result r = Pipe.handshake(
                client(TrustPolicy.pinned(BOB.fingerprint())), server(TrustPolicy.pinned(ALICE.fingerprint())));
        List<byte[]> f = r.frames();
        byte[] serverSig = signature(serverTrace, SignatureSubject.SERVER_HANDSHAKE, true);
        byte[] clientSig = signature(clientTrace, SignatureSubject.CLIENT_HANDSHAKE, true);
        // The server signs ClientHello ‖ ServerHello's body up to its signature.
        byte[] serverSigned = concat(
                f.get(0), Arrays.copyOfRange(f.get(1), Frames.HEADER_BYTES, f.get(1).length - 2 - serverSig.length));
        // The client signs both hellos ‖ ClientAuth's body up to its signature (then the 32-byte MAC).
        byte[] clientSigned = concat(
                concat(f.get(0), f.get(1)),
                Arrays.copyOfRange(f.get(2), Frames.HEADER_BYTES, f.get(2).length - 32 - 2 - clientSig.length));
        for (RecordingTraceListener side : List.of(clientTrace, serverTrace)) {
            assertThat(digest(side, DigestSubject.SERVER_HANDSHAKE))
                    .isEqualTo(new TraceEvent.Digest(
                            DigestSubject.SERVER_HANDSHAKE,
                            0,
                            serverSigned.length,
                            Bytes.of(Sha256.hash(serverSigned))));
            assertThat(digest(side, DigestSubject.CLIENT_HANDSHAKE))
                    .isEqualTo(new TraceEvent.Digest(
                            DigestSubject.CLIENT_HANDSHAKE,
                            0,
                            clientSigned.length,
                            Bytes.of(Sha256.hash(clientSigned))));
        }
    }

    @Test
    void everyMessageAndFrameIsTracedBySenderAndReceiver() throws Exception {
        Pipe.Result r = Pipe.handshake(
                client(TrustPolicy.pinned(BOB.fingerprint())), server(TrustPolicy.pinned(ALICE.fingerprint())));
        List<byte[]> f = r.frames();
        assertThat(clientTrace.of(TraceEvent.FrameTransferred.class))
                .containsExactly(
                        new TraceEvent.FrameTransferred(true, "CLIENT_HELLO", f.get(0).length),
                        new TraceEvent.FrameTransferred(false, "SERVER_HELLO", f.get(1).length),
                        new TraceEvent.FrameTransferred(true, "CLIENT_AUTH", f.get(2).length),
                        new TraceEvent.FrameTransferred(false, "SERVER_FINISHED", f.get(3).length));
        assertThat(serverTrace.of(TraceEvent.FrameTransferred.class))
                .containsExactly(
                        new TraceEvent.FrameTransferred(false, "CLIENT_HELLO", f.get(0).length),
                        new TraceEvent.FrameTransferred(true, "SERVER_HELLO", f.get(1).length),
                        new TraceEvent.FrameTransferred(false, "CLIENT_AUTH", f.get(2).length),
                        new TraceEvent.FrameTransferred(true, "SERVER_FINISHED", f.get(3).length));
        List<String> expected = List.of("ClientHello", "ServerHello", "ClientAuth", "ServerFinished");
        for (RecordingTraceListener side : List.of(clientTrace, serverTrace)) {
            assertThat(side.of(TraceEvent.HandshakeMessage.class))
                    .extracting(m -> m.fields().getClass().getSimpleName())
                    .containsExactlyElementsOf(expected);
        }
        assertThat(clientTrace.of(TraceEvent.HandshakeMessage.class))
                .extracting(TraceEvent.HandshakeMessage::outbound)
                .containsExactly(true, false, true, false);
    }

    @Test
    void aRefusalIsTracedWithTheRefusedIdentityAndLeavesNoSecret() throws Exception {
        Handshake[] server = new Handshake[1];
        assertThatThrownBy(() ->
                        run(client(TrustPolicy.acceptAny()), server(TrustPolicy.pinned(BOB.fingerprint())), server))
                .isInstanceOf(RefusedByPeerException.class);
        HandshakeFields.Refusal refusal = serverTrace.of(TraceEvent.HandshakeMessage.class).stream()
                .filter(TraceEvent.HandshakeMessage::outbound)
                .map(TraceEvent.HandshakeMessage::fields)
                .filter(HandshakeFields.Refusal.class::isInstance)
                .map(HandshakeFields.Refusal.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(refusal.refused()).isEqualTo(ALICE.fingerprint());
        assertThat(serverTrace.of(TraceEvent.FrameTransferred.class))
                .contains(new TraceEvent.FrameTransferred(
                        true, "REFUSAL", Frames.HEADER_BYTES + refusalBodyLength(refusal)));
        assertThat(server[0].holdsSecrets()).isFalse();
    }

    @Test
    void anEstablishedHandshakeHoldsNoSecretAndZeroedWhatItHeld() throws Exception {
        SessionConfig c = client(TrustPolicy.pinned(BOB.fingerprint()));
        SessionConfig s = server(TrustPolicy.pinned(ALICE.fingerprint()));
        Handshake ch = Handshake.client(c);
        Handshake sh = Handshake.server(s);
        byte[] hello = ((HandshakeStep.Send) ch.start()).frame();
        ch.next();
        sh.start();
        byte[] serverHello = ((HandshakeStep.Send) sh.receive(hello)).frame();
        sh.next();
        byte[] auth = ((HandshakeStep.Send) ch.receive(serverHello)).frame();
        ch.next();
        byte[] clientSecret = (byte[]) field(ch, "secret");
        byte[] clientPrk = (byte[]) field(ch, "prk");
        byte[] finished = ((HandshakeStep.Send) sh.receive(auth)).frame();
        byte[] serverPrk = (byte[]) field(sh, "prk");
        sh.next();
        assertThat(ch.receive(finished)).isInstanceOf(HandshakeStep.Established.class);
        assertThat(ch.holdsSecrets()).isFalse();
        assertThat(sh.holdsSecrets()).isFalse();
        assertThat(clientSecret).containsOnly(0);
        assertThat(clientPrk).containsOnly(0);
        assertThat(serverPrk).containsOnly(0);
    }

    private static void run(SessionConfig c, SessionConfig s, Handshake[] server) throws Exception {
        Handshake ch = Handshake.client(c);
        Handshake sh = Handshake.server(s);
        server[0] = sh;
        byte[] hello = ((HandshakeStep.Send) ch.start()).frame();
        ch.next();
        sh.start();
        byte[] serverHello = ((HandshakeStep.Send) sh.receive(hello)).frame();
        sh.next();
        byte[] auth = ((HandshakeStep.Send) ch.receive(serverHello)).frame();
        ch.next();
        byte[] refusal = ((HandshakeStep.Send) sh.receive(auth)).frame();
        ch.receive(refusal);
    }

    private static int refusalBodyLength(HandshakeFields.Refusal refusal) {
        return 1 + refusal.mac().length();
    }

    private static Object field(Handshake h, String name) throws ReflectiveOperationException {
        Field f = Handshake.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(h);
    }

    private static byte[] signature(RecordingTraceListener side, SignatureSubject subject, boolean outbound) {
        return side.of(TraceEvent.Signature.class).stream()
                .filter(s -> s.subject() == subject && s.outbound() == outbound)
                .findFirst()
                .orElseThrow()
                .signature()
                .toByteArray();
    }

    private static TraceEvent.Digest digest(RecordingTraceListener side, DigestSubject subject) {
        return side.of(TraceEvent.Digest.class).stream()
                .filter(d -> d.subject() == subject)
                .findFirst()
                .orElseThrow();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
