package dev.marcom.handshake;

import static dev.marcom.testing.TestIdentities.ALICE;
import static dev.marcom.testing.TestIdentities.BOB;
import static dev.marcom.testing.TestIdentities.MALLORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.marcom.AuthenticationException;
import dev.marcom.CipherSuite;
import dev.marcom.MalformedInputException;
import dev.marcom.MarcomException;
import dev.marcom.identity.RefusedByPeerException;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.identity.UntrustedPeerException;
import dev.marcom.internal.crypto.DhGroup;
import dev.marcom.session.SessionConfig;
import dev.marcom.testing.Pipe;
import dev.marcom.testing.RecordingTraceListener;
import dev.marcom.trace.HandshakeFields;
import dev.marcom.trace.HandshakePhase;
import dev.marcom.trace.Phase;
import dev.marcom.trace.PhaseOutcome;
import dev.marcom.trace.SignatureSubject;
import dev.marcom.trace.TraceEvent;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The handshake's trace: its phases come in start/end pairs in protocol order, on success and on
 * every kind of failure, and a {@link TraceEvent.Failure} names what failed (the DSA signature,
 * the ElGamal value, the frame), not where the handshake happened to be.
 */
@Timeout(60)
class HandshakeTraceTest {
    private static final CipherSuite FF2048 = CipherSuite.CLASSIC;

    private final RecordingTraceListener clientTrace = new RecordingTraceListener();
    private final RecordingTraceListener serverTrace = new RecordingTraceListener();

    private SessionConfig client(TrustPolicy policy) {
        return SessionConfig.builder(ALICE, policy)
                .trace(clientTrace)
                .suites(FF2048)
                .build();
    }

    private SessionConfig server(TrustPolicy policy) {
        return SessionConfig.builder(BOB, policy)
                .trace(serverTrace)
                .suites(FF2048)
                .build();
    }

    private SessionConfig client() {
        return client(TrustPolicy.pinned(BOB.fingerprint()));
    }

    private SessionConfig server() {
        return server(TrustPolicy.pinned(ALICE.fingerprint()));
    }

    @Test
    void aSuccessfulHandshakeGoesThroughItsPhasesInProtocolOrder() throws Exception {
        Pipe.handshake(client(), server());
        assertThat(clientTrace.phases())
                .containsExactly(
                        HandshakePhase.NEGOTIATION,
                        HandshakePhase.AUTHENTICATION,
                        HandshakePhase.KEY_TRANSPORT,
                        HandshakePhase.AUTHENTICATION,
                        HandshakePhase.KEY_TRANSPORT,
                        HandshakePhase.AUTHENTICATION,
                        HandshakePhase.KEY_CONFIRMATION,
                        HandshakePhase.KEY_DERIVATION);
        assertThat(serverTrace.phases())
                .containsExactly(
                        HandshakePhase.NEGOTIATION,
                        HandshakePhase.KEY_TRANSPORT,
                        HandshakePhase.AUTHENTICATION,
                        HandshakePhase.KEY_TRANSPORT,
                        HandshakePhase.KEY_CONFIRMATION,
                        HandshakePhase.AUTHENTICATION,
                        HandshakePhase.KEY_CONFIRMATION,
                        HandshakePhase.KEY_DERIVATION);
        for (RecordingTraceListener side : List.of(clientTrace, serverTrace)) {
            List<TraceEvent> events = side.events();
            assertThat(events.get(0)).isInstanceOf(TraceEvent.PhaseStarted.class);
            assertThat(side.of(TraceEvent.PhaseEnded.class))
                    .allSatisfy(e -> assertThat(e.outcome()).isEqualTo(PhaseOutcome.SUCCEEDED));
            // HandshakeCompleted sums up the handshake: it comes after its last phase ended.
            assertThat(events.get(events.size() - 2))
                    .isEqualTo(new TraceEvent.PhaseEnded(HandshakePhase.KEY_DERIVATION, PhaseOutcome.SUCCEEDED));
            assertThat(events.get(events.size() - 1)).isInstanceOf(TraceEvent.HandshakeCompleted.class);
        }
    }

    /** Each phase holds the events of its kind of work, on both sides. */
    @Test
    void eventsFallInThePhaseOfTheirWork() throws Exception {
        Pipe.handshake(client(), server());
        for (RecordingTraceListener side : List.of(clientTrace, serverTrace)) {
            HandshakePhase open = null;
            for (TraceEvent e : side.events()) {
                if (e instanceof TraceEvent.PhaseStarted s) {
                    open = s.handshakePhase();
                } else if (e instanceof TraceEvent.PhaseEnded) {
                    open = null;
                } else if (e instanceof TraceEvent.Negotiated || e instanceof TraceEvent.Offer) {
                    assertThat(open).as("%s", e).isEqualTo(HandshakePhase.NEGOTIATION);
                } else if (e instanceof TraceEvent.KemKeyGenerated
                        || e instanceof TraceEvent.KemValueValidated
                        || e instanceof TraceEvent.KemEncapsulation) {
                    assertThat(open).as("%s", e).isEqualTo(HandshakePhase.KEY_TRANSPORT);
                } else if (e instanceof TraceEvent.Signature || e instanceof TraceEvent.PeerTrusted) {
                    assertThat(open).as("%s", e).isEqualTo(HandshakePhase.AUTHENTICATION);
                } else if (e instanceof TraceEvent.FinishedMac) {
                    assertThat(open).as("%s", e).isEqualTo(HandshakePhase.KEY_CONFIRMATION);
                } else if (e instanceof TraceEvent.KeysDerived) {
                    assertThat(open).as("%s", e).isEqualTo(HandshakePhase.KEY_DERIVATION);
                } else if (e instanceof TraceEvent.HandshakeCompleted) {
                    assertThat(open).as("%s", e).isNull();
                } else {
                    assertThat(open).as("%s outside any phase", e).isNotNull();
                }
            }
        }
    }

    @Test
    void handshakeSignaturesNameWhatTheySign() throws Exception {
        Pipe.handshake(client(), server());
        assertThat(clientTrace.of(TraceEvent.Signature.class))
                .containsExactly(
                        new TraceEvent.Signature(
                                false,
                                SignatureSubject.SERVER_HANDSHAKE,
                                0,
                                BOB.fingerprint(),
                                BOB.algorithm(),
                                serverTrace
                                        .of(TraceEvent.Signature.class)
                                        .get(0)
                                        .signature()),
                        new TraceEvent.Signature(
                                true,
                                SignatureSubject.CLIENT_HANDSHAKE,
                                0,
                                ALICE.fingerprint(),
                                ALICE.algorithm(),
                                serverTrace
                                        .of(TraceEvent.Signature.class)
                                        .get(1)
                                        .signature()));
        assertThat(serverTrace.of(TraceEvent.Signature.class))
                .extracting(TraceEvent.Signature::outbound, TraceEvent.Signature::subject)
                .containsExactly(
                        tuple(true, SignatureSubject.SERVER_HANDSHAKE),
                        tuple(false, SignatureSubject.CLIENT_HANDSHAKE));
    }

    // ---- failures -------------------------------------------------------------------------------

    /** Which side fails, what the Failure must blame, and in which handshake phase it happens. */
    record Case(
            String name,
            Pipe.Rewriter attack,
            boolean clientFails,
            TrustPolicy clientPolicy,
            TrustPolicy serverPolicy,
            Class<? extends MarcomException> thrown,
            Phase blamed,
            HandshakePhase during) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final TrustPolicy PIN_BOB = TrustPolicy.pinned(BOB.fingerprint());
    private static final TrustPolicy PIN_ALICE = TrustPolicy.pinned(ALICE.fingerprint());
    private static final TrustPolicy PIN_MALLORY = TrustPolicy.pinned(MALLORY.fingerprint());

    private static byte[] flipLast(byte[] b) {
        byte[] out = b.clone();
        out[out.length - 1] ^= 1;
        return out;
    }

    /** p - 1 (order 2) in the group's fixed-length encoding: never a valid element. */
    private static byte[] pMinusOne() {
        BigInteger p = DhGroup.FFDHE2048.params().getP();
        return BigIntegers.asUnsignedByteArray(DhGroup.FFDHE2048.elementBytes(), p.subtract(BigInteger.ONE));
    }

    /** A rewriter that sees every frame sent so far, to re-sign messages over the transcript. */
    interface Forger {
        byte[] forge(int index, byte[] frame, List<byte[]> sent);
    }

    private static Pipe.Rewriter recording(Forger forger) {
        List<byte[]> sent = new ArrayList<>();
        return (i, f) -> {
            byte[] out = forger.forge(i, f, sent);
            sent.add(out);
            return out;
        };
    }

    static Stream<Case> failures() {
        return Stream.of(
                new Case(
                        "server signature flipped",
                        (i, f) -> i != 1 ? f : withSignature(Mitm.serverHello(f)),
                        true,
                        PIN_BOB,
                        PIN_ALICE,
                        AuthenticationException.class,
                        Phase.DSA,
                        HandshakePhase.AUTHENTICATION),
                new Case(
                        "client signature flipped",
                        (i, f) -> {
                            if (i != 2) {
                                return f;
                            }
                            ClientAuth a = Mitm.clientAuth(f);
                            return new ClientAuth(a.c1(), a.c2(), a.identity(), flipLast(a.signature()), a.finished())
                                    .encode();
                        },
                        false,
                        PIN_BOB,
                        PIN_ALICE,
                        AuthenticationException.class,
                        Phase.DSA,
                        HandshakePhase.AUTHENTICATION),
                new Case(
                        "server identity not a DSA key",
                        (i, f) -> i != 1
                                ? f
                                : Mitm.withIdentity(Mitm.serverHello(f), new byte[] {0x30, 0x03, 0x02, 0x01, 0x01})
                                        .encode(),
                        true,
                        TrustPolicy.acceptAny(),
                        PIN_ALICE,
                        MalformedInputException.class,
                        Phase.DSA,
                        HandshakePhase.AUTHENTICATION),
                new Case(
                        "server's y is p-1, signed by the server",
                        recording((i, f, sent) -> i != 1
                                ? f
                                : Mitm.signServerHello(sent.get(0), Mitm.withY(Mitm.serverHello(f), pMinusOne()), BOB)),
                        true,
                        PIN_BOB,
                        PIN_ALICE,
                        MalformedInputException.class,
                        Phase.ELGAMAL,
                        HandshakePhase.KEY_TRANSPORT),
                new Case(
                        "client's c1 is p-1, signed by the client",
                        recording((i, f, sent) -> i != 2
                                ? f
                                : Mitm.signClientAuth(
                                        Mitm.concat(sent.get(0), sent.get(1)),
                                        Mitm.withC1(Mitm.clientAuth(f), pMinusOne()),
                                        ALICE)),
                        false,
                        PIN_BOB,
                        PIN_ALICE,
                        MalformedInputException.class,
                        Phase.ELGAMAL,
                        HandshakePhase.KEY_TRANSPORT),
                new Case(
                        "client's c2 altered, signed by the client",
                        recording((i, f, sent) -> {
                            if (i != 2) {
                                return f;
                            }
                            ClientAuth a = Mitm.clientAuth(f);
                            return Mitm.signClientAuth(
                                    Mitm.concat(sent.get(0), sent.get(1)),
                                    new ClientAuth(a.c1(), flipLast(a.c2()), a.identity(), a.signature(), a.finished()),
                                    ALICE);
                        }),
                        false,
                        PIN_BOB,
                        PIN_ALICE,
                        AuthenticationException.class,
                        Phase.ELGAMAL,
                        HandshakePhase.KEY_TRANSPORT),
                new Case(
                        "client Finished flipped",
                        (i, f) -> i != 2 ? f : flipLast(f),
                        false,
                        PIN_BOB,
                        PIN_ALICE,
                        AuthenticationException.class,
                        Phase.KEY_EXCHANGE,
                        HandshakePhase.KEY_CONFIRMATION),
                new Case(
                        "server Finished flipped",
                        (i, f) -> i != 3 ? f : flipLast(f),
                        true,
                        PIN_BOB,
                        PIN_ALICE,
                        AuthenticationException.class,
                        Phase.KEY_EXCHANGE,
                        HandshakePhase.KEY_CONFIRMATION),
                new Case(
                        "not a frame instead of the ClientHello",
                        (i, f) -> i != 0 ? f : new byte[] {0x7f, 0, 0, 0, 0},
                        false,
                        PIN_BOB,
                        PIN_ALICE,
                        MalformedInputException.class,
                        Phase.NETWORK,
                        HandshakePhase.NEGOTIATION),
                new Case(
                        "ServerHello truncated",
                        (i, f) -> {
                            if (i != 1) {
                                return f;
                            }
                            // One byte short, with a header that says so: the frame is fine, the message is not.
                            byte[] out = Arrays.copyOf(f, f.length - 1);
                            ByteBuffer.wrap(out).putInt(1, out.length - 5);
                            return out;
                        },
                        true,
                        PIN_BOB,
                        PIN_ALICE,
                        MalformedInputException.class,
                        Phase.NETWORK,
                        HandshakePhase.NEGOTIATION),
                new Case(
                        "server not trusted by the client",
                        (i, f) -> f,
                        true,
                        PIN_MALLORY,
                        PIN_ALICE,
                        UntrustedPeerException.class,
                        Phase.KEY_EXCHANGE,
                        HandshakePhase.AUTHENTICATION),
                new Case(
                        "client refused by the server",
                        (i, f) -> f,
                        false,
                        PIN_BOB,
                        PIN_MALLORY,
                        UntrustedPeerException.class,
                        Phase.KEY_EXCHANGE,
                        HandshakePhase.AUTHENTICATION));
    }

    private static byte[] withSignature(ServerHello h) {
        return new ServerHello(
                        h.version(), h.suite(), h.nonce(), h.kemPublicKey(), h.identity(), flipLast(h.signature()))
                .encode();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void aFailureBlamesWhatFailedAndEndsTheOpenPhase(Case c) {
        assertThatThrownBy(() -> Pipe.handshake(client(c.clientPolicy()), server(c.serverPolicy()), c.attack()))
                .isInstanceOf(c.thrown());
        RecordingTraceListener failing = c.clientFails() ? clientTrace : serverTrace;
        assertFailedIn(failing, c.blamed(), c.during());
    }

    /** The side's single Failure blames {@code blamed} and is followed by the end of the phase. */
    private static void assertFailedIn(RecordingTraceListener side, Phase blamed, HandshakePhase during) {
        List<HandshakePhase> phases = side.phases(); // well formed: nothing left open
        List<TraceEvent> events = side.events();
        assertThat(side.of(TraceEvent.Failure.class))
                .singleElement()
                .extracting(TraceEvent.Failure::phase)
                .isEqualTo(blamed);
        int at = events.indexOf(side.of(TraceEvent.Failure.class).get(0));
        assertThat(events.get(at + 1)).isEqualTo(new TraceEvent.PhaseEnded(during, PhaseOutcome.FAILED));
        assertThat(at + 2).as("the failure's phase end is the last event").isEqualTo(events.size());
        assertThat(phases.get(phases.size() - 1)).isEqualTo(during);
        assertThat(side.of(TraceEvent.PhaseEnded.class))
                .filteredOn(e -> e.outcome() == PhaseOutcome.FAILED)
                .hasSize(1);
    }

    @Test
    void theRefusedClientFailsInKeyConfirmation() throws Exception {
        Handshake c = Handshake.client(client());
        Handshake s = Handshake.server(server(PIN_MALLORY));
        byte[] hello = ((HandshakeStep.Send) c.start()).frame();
        c.next();
        s.start();
        byte[] serverHello = ((HandshakeStep.Send) s.receive(hello)).frame();
        s.next();
        byte[] auth = ((HandshakeStep.Send) c.receive(serverHello)).frame();
        c.next();
        byte[] refusal = ((HandshakeStep.Send) s.receive(auth)).frame();
        assertThatThrownBy(s::next).isInstanceOf(UntrustedPeerException.class);
        assertThatThrownBy(() -> c.receive(refusal)).isInstanceOf(RefusedByPeerException.class);
        assertFailedIn(serverTrace, Phase.KEY_EXCHANGE, HandshakePhase.AUTHENTICATION);
        assertFailedIn(clientTrace, Phase.KEY_EXCHANGE, HandshakePhase.KEY_CONFIRMATION);
        assertThat(clientTrace.of(TraceEvent.HandshakeMessage.class)).last().satisfies(m -> {
            assertThat(m.outbound()).isFalse();
            assertThat(m.fields())
                    .isInstanceOfSatisfying(
                            HandshakeFields.Refusal.class,
                            r -> assertThat(r.refused()).isEqualTo(ALICE.fingerprint()));
        });
    }

    @Test
    void anAbandonedHandshakeBlamesTheNetworkAndEndsItsPhase() throws Exception {
        Handshake c = Handshake.client(client());
        c.start();
        c.next(); // waiting for the ServerHello
        c.abort("the transport failed");
        assertFailedIn(clientTrace, Phase.NETWORK, HandshakePhase.NEGOTIATION);

        Handshake s = Handshake.server(server());
        Handshake c2 = Handshake.client(client());
        s.start();
        s.receive(((HandshakeStep.Send) c2.start()).frame());
        s.next(); // waiting for the ClientAuth
        s.abort("timed out");
        assertFailedIn(serverTrace, Phase.NETWORK, HandshakePhase.AUTHENTICATION);
    }
}
