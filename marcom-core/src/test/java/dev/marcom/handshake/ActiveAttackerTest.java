package dev.marcom.handshake;

import static dev.marcom.testing.TestIdentities.ALICE;
import static dev.marcom.testing.TestIdentities.BOB;
import static dev.marcom.testing.TestIdentities.MALLORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.AuthenticationException;
import dev.marcom.CipherSuite;
import dev.marcom.NegotiationException;
import dev.marcom.SessionClosedException;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.identity.UntrustedPeerException;
import dev.marcom.internal.crypto.DhGroup;
import dev.marcom.internal.crypto.ElGamalKem;
import dev.marcom.internal.crypto.Suite;
import dev.marcom.internal.wire.FrameType;
import dev.marcom.internal.wire.Frames;
import dev.marcom.session.SessionConfig;
import dev.marcom.testing.Pipe;
import dev.marcom.testing.RecordingTraceListener;
import dev.marcom.trace.TraceEvent;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An active attacker in the middle of the handshake. Every forged message is re-encoded with the
 * package-private message records (see {@link Mitm}) so it parses; where the attacker holds a
 * signing key (MALLORY's) the forgery carries a valid signature by that key. Each test also checks
 * from the two trace listeners <em>which</em> side detected the attack.
 *
 * <p>Frame indices in a {@link Pipe} run: 0 ClientHello, 1 ServerHello, 2 ClientAuth,
 * 3 ServerFinished.
 */
@Timeout(30)
class ActiveAttackerTest {
    private static final CipherSuite FF2048 = CipherSuite.ELGAMAL_FFDHE2048_AES256GCM_SHA256_DSA;
    private static final CipherSuite FF3072 = CipherSuite.ELGAMAL_FFDHE3072_AES256GCM_SHA256_DSA;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RecordingTraceListener clientTrace = new RecordingTraceListener();
    private final RecordingTraceListener serverTrace = new RecordingTraceListener();

    private SessionConfig.Builder alice(TrustPolicy policy) {
        return SessionConfig.builder(ALICE, policy).trace(clientTrace);
    }

    private SessionConfig.Builder bob(TrustPolicy policy) {
        return SessionConfig.builder(BOB, policy).trace(serverTrace);
    }

    private static TrustPolicy pinBob() {
        return TrustPolicy.pinned(BOB.fingerprint());
    }

    private static TrustPolicy pinAlice() {
        return TrustPolicy.pinned(ALICE.fingerprint());
    }

    private static byte[] spki(dev.marcom.identity.Identity id) {
        return id.publicIdentity().subjectPublicKeyInfo().toByteArray();
    }

    /** Records the frames as each sender produced them, before any rewriting. */
    private static final class Wire {
        final List<byte[]> sent = new ArrayList<>();
        final List<byte[]> delivered = new ArrayList<>();
    }

    private static Pipe.Rewriter recording(Wire wire, Pipe.Rewriter attack) {
        return (i, f) -> {
            wire.sent.add(f);
            byte[] out = attack.rewrite(i, f);
            wire.delivered.add(out);
            return out;
        };
    }

    /** The ElGamal group of the suite a ServerHello chose. */
    private static DhGroup group(ServerHello h) {
        return ((ElGamalKem) Suite.of(CipherSuite.of(h.suite())).kem()).group();
    }

    private void assertOnlyClientFailed() {
        assertThat(clientTrace.failed()).as("client detected the attack").isTrue();
        assertThat(serverTrace.failed()).as("server saw nothing wrong").isFalse();
    }

    private void assertOnlyServerFailed() {
        assertThat(serverTrace.failed()).as("server detected the attack").isTrue();
        assertThat(clientTrace.failed()).as("client had nothing to check yet").isFalse();
    }

    @Test
    void genuineHandshakeBetweenPinnedPeersSucceeds() throws Exception {
        Pipe.Result r = Pipe.handshake(alice(pinBob()).build(), bob(pinAlice()).build());
        assertThat(r.client().peer()).isEqualTo(BOB.publicIdentity());
        assertThat(r.server().peer()).isEqualTo(ALICE.publicIdentity());
        assertThat(r.client().sessionId()).isEqualTo(r.server().sessionId());
        assertThat(clientTrace.failed()).isFalse();
        assertThat(serverTrace.failed()).isFalse();
    }

    // ---- ServerHello: the attacker's own ElGamal key --------------------------------------------

    @Test
    void substitutedElGamalKeyInServerHelloIsDetectedByTheClient() {
        // A valid group element whose private key the attacker knows: if the client encrypted its
        // secret to it, the attacker would read the session. The server's signature covers y.
        Pipe.Rewriter attack = (i, f) -> {
            if (i != 1) {
                return f;
            }
            ServerHello h = Mitm.serverHello(f);
            ElGamalKem.KeyPair mine = ElGamalKem.generate(group(h), RANDOM);
            ElGamalKem.validate(group(h), mine.publicValue());
            return Mitm.withY(h, mine.publicValue()).encode();
        };
        assertThatThrownBy(() ->
                        Pipe.handshake(alice(pinBob()).build(), bob(pinAlice()).build(), attack))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("server handshake signature did not verify");
        assertOnlyClientFailed();
        // Even a client that trusts anyone rejects it: the check is the signature, not the policy.
        clientTrace.clear();
        serverTrace.clear();
        assertThatThrownBy(() -> Pipe.handshake(
                        alice(TrustPolicy.acceptAny()).build(),
                        bob(TrustPolicy.acceptAny()).build(),
                        attack))
                .isInstanceOf(AuthenticationException.class);
        assertOnlyClientFailed();
    }

    // ---- ServerHello: the attacker's own identity, re-signed ------------------------------------

    /**
     * MALLORY replaces BOB's identity with its own and signs the ServerHello with its own key. The
     * signature is valid, so only the trust decision can stop this: a client that pins BOB refuses
     * and reports MALLORY's identity, whether MALLORY relays BOB's ElGamal key or substitutes one it
     * controls.
     */
    @Test
    void resignedServerHelloWithMallorysIdentityIsRefusedByAPinningClient() {
        for (boolean ownElGamalKey : new boolean[] {false, true}) {
            clientTrace.clear();
            serverTrace.clear();
            Wire wire = new Wire();
            Pipe.Rewriter attack = recording(wire, (i, f) -> {
                if (i != 1) {
                    return f;
                }
                ServerHello h = Mitm.withIdentity(Mitm.serverHello(f), spki(MALLORY));
                if (ownElGamalKey) {
                    h = Mitm.withY(h, ElGamalKem.generate(group(h), RANDOM).publicValue());
                }
                return Mitm.signServerHello(wire.sent.get(0), h, MALLORY.privateKey());
            });
            assertThatThrownBy(() -> Pipe.handshake(
                            alice(pinBob()).build(), bob(pinAlice()).build(), attack))
                    .isInstanceOfSatisfying(UntrustedPeerException.class, e -> {
                        assertThat(e.peer()).isEqualTo(MALLORY.publicIdentity());
                        assertThat(e.getMessage())
                                .contains(MALLORY.fingerprint().toString());
                    });
            assertOnlyClientFailed();
            // The forgery got past every cryptographic check: the signature by MALLORY verified.
            assertThat(clientTrace.of(TraceEvent.Signature.class)).anySatisfy(s -> {
                assertThat(s.outbound()).isFalse();
                assertThat(s.signer()).isEqualTo(MALLORY.fingerprint());
            });
        }
    }

    /**
     * What {@link TrustPolicy#acceptAny()} does and does not protect.
     *
     * <p>It does NOT authenticate the peer: any party with any DSA key can complete a handshake
     * with such a client (see {@link #acceptAnyDoesNotStopAFullImpersonator()}), so an attacker who
     * plays a complete server (its own identity AND its own ElGamal key) reads everything, and can
     * relay to the real server through a second session. The only defence left is a human comparing
     * {@code session.peer().fingerprint()} out of band.
     *
     * <p>It DOES still guarantee that the session keys are shared only with whoever signed the
     * ServerHello with the key in it, together with the ElGamal key in it. An attacker that swaps in
     * its identity but relays the real server's ElGamal key (because it wants the real server to
     * keep talking) cannot complete either side:
     * <ul>
     *   <li>the client accepts MALLORY's identity and encrypts its secret to BOB's y, under a KEM
     *       context that hashes the forged ServerHello;</li>
     *   <li>BOB rejects the relayed ClientAuth: ALICE signed a transcript containing the forged
     *       ServerHello (AuthenticationException); re-signing ClientAuth with MALLORY's key does
     *       not help, because BOB's decapsulation uses BOB's transcript as the KEM context;</li>
     *   <li>MALLORY does not know x, so it cannot decrypt c2, so it cannot compute the client's
     *       key schedule or a valid ServerFinished: the client never reaches Established.</li>
     * </ul>
     */
    @Test
    void acceptAnyClientWithMallorysIdentityButBobsElGamalKeyCannotBeCompleted() throws Exception {
        // (1) Relay everything else: BOB refuses the client's flight.
        Wire wire = new Wire();
        Pipe.Rewriter swapIdentity = recording(wire, (i, f) -> {
            if (i != 1) {
                return f;
            }
            ServerHello h = Mitm.withIdentity(Mitm.serverHello(f), spki(MALLORY));
            return Mitm.signServerHello(wire.sent.get(0), h, MALLORY.privateKey());
        });
        assertThatThrownBy(() -> Pipe.handshake(
                        alice(TrustPolicy.acceptAny()).build(),
                        bob(TrustPolicy.acceptAny()).build(),
                        swapIdentity))
                .isInstanceOf(AuthenticationException.class);
        assertThat(clientTrace.of(TraceEvent.PeerTrusted.class))
                .as("acceptAny let the client accept MALLORY")
                .singleElement()
                .extracting(TraceEvent.PeerTrusted::fingerprint)
                .isEqualTo(MALLORY.fingerprint());
        assertThat(serverTrace.failed()).isTrue();

        // (2) Also re-sign ClientAuth as MALLORY over BOB's transcript: the KEM context differs.
        clientTrace.clear();
        serverTrace.clear();
        Wire wire2 = new Wire();
        Pipe.Rewriter swapBoth = recording(wire2, (i, f) -> {
            if (i == 1) {
                ServerHello h = Mitm.withIdentity(Mitm.serverHello(f), spki(MALLORY));
                return Mitm.signServerHello(wire2.sent.get(0), h, MALLORY.privateKey());
            }
            if (i == 2) {
                ClientAuth a = Mitm.withClientIdentity(Mitm.clientAuth(f), spki(MALLORY));
                return Mitm.signClientAuth(
                        Mitm.concat(wire2.delivered.get(0), wire2.sent.get(1)), a, MALLORY.privateKey());
            }
            return f;
        });
        assertThatThrownBy(() -> Pipe.handshake(
                        alice(TrustPolicy.acceptAny()).build(),
                        bob(TrustPolicy.acceptAny()).build(),
                        swapBoth))
                .isInstanceOf(AuthenticationException.class);
        assertThat(serverTrace.failed()).isTrue();

        // (3) MALLORY answers the client itself: without x it can only guess the ServerFinished.
        clientTrace.clear();
        Handshake client = Handshake.client(alice(TrustPolicy.acceptAny()).build());
        Handshake server = Handshake.server(bob(TrustPolicy.acceptAny()).build());
        byte[] clientHello = ((HandshakeStep.Send) client.start()).frame();
        assertThat(client.next()).isInstanceOf(HandshakeStep.AwaitFrame.class);
        server.start();
        byte[] serverHello = ((HandshakeStep.Send) server.receive(clientHello)).frame();
        ServerHello forged = Mitm.withIdentity(Mitm.serverHello(serverHello), spki(MALLORY));
        HandshakeStep step = client.receive(Mitm.signServerHello(clientHello, forged, MALLORY.privateKey()));
        assertThat(step).as("acceptAny: the client proceeds").isInstanceOf(HandshakeStep.Send.class);
        assertThat(client.next()).isInstanceOf(HandshakeStep.AwaitFrame.class);
        byte[] guess = new byte[32];
        RANDOM.nextBytes(guess);
        assertThatThrownBy(() -> client.receive(Frames.frame(FrameType.SERVER_FINISHED, guess)))
                .isInstanceOf(AuthenticationException.class);
        assertThatCode(() -> client.receive(Frames.frame(FrameType.SERVER_FINISHED, guess)))
                .as("a failed handshake is terminal")
                .isInstanceOf(SessionClosedException.class);
    }

    /** The limit of acceptAny: a complete impersonator is accepted; peer() is the only clue. */
    @Test
    void acceptAnyDoesNotStopAFullImpersonator() throws Exception {
        SessionConfig mallory =
                SessionConfig.builder(MALLORY, TrustPolicy.acceptAny()).build();
        Pipe.Result r = Pipe.handshake(alice(TrustPolicy.acceptAny()).build(), mallory);
        assertThat(r.client().peer()).isEqualTo(MALLORY.publicIdentity());
        assertThat(r.client().peer().fingerprint()).isNotEqualTo(BOB.fingerprint());
        // Pinning is what stops it.
        assertThatThrownBy(() -> Pipe.handshake(alice(pinBob()).build(), mallory))
                .isInstanceOfSatisfying(
                        UntrustedPeerException.class, e -> assertThat(e.peer()).isEqualTo(MALLORY.publicIdentity()));
    }

    // ---- ClientAuth: the attacker's identity ----------------------------------------------------

    @Test
    void substitutedClientIdentityWithAlicesSignatureFailsAtTheServer() {
        Pipe.Rewriter attack = (i, f) -> i != 2
                ? f
                : Mitm.withClientIdentity(Mitm.clientAuth(f), spki(MALLORY)).encode();
        assertThatThrownBy(() -> Pipe.handshake(
                        alice(pinBob()).build(), bob(TrustPolicy.acceptAny()).build(), attack))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("client handshake signature did not verify");
        assertOnlyServerFailed();
    }

    @Test
    void substitutedClientIdentityResignedByMalloryFailsTheFinishedMac() {
        // MALLORY's signature over BOB's transcript verifies, and c1/c2 still decrypt (the KEM context
        // is the transcript before ClientAuth). But the Finished MAC covers the identity and the
        // signature and is keyed by the transported secret, which MALLORY cannot know. The server
        // trusts anyone here, so the refusal is cryptographic, not a policy decision.
        Wire wire = new Wire();
        Pipe.Rewriter attack = recording(wire, (i, f) -> {
            if (i != 2) {
                return f;
            }
            ClientAuth a = Mitm.withClientIdentity(Mitm.clientAuth(f), spki(MALLORY));
            return Mitm.signClientAuth(Mitm.concat(wire.delivered.get(0), wire.sent.get(1)), a, MALLORY.privateKey());
        });
        assertThatThrownBy(() -> Pipe.handshake(
                        alice(pinBob()).build(), bob(TrustPolicy.acceptAny()).build(), attack))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Finished");
        assertOnlyServerFailed();
        assertThat(serverTrace.of(TraceEvent.PeerTrusted.class)).isEmpty();
    }

    // ---- Downgrade and negotiation --------------------------------------------------------------

    @Test
    void bothPreferringFfdhe3072NegotiateIt() throws Exception {
        Pipe.Result r = Pipe.handshake(
                alice(pinBob()).suites(FF3072, FF2048).build(),
                bob(pinAlice()).suites(FF3072, FF2048).build());
        assertThat(r.client().suite()).isEqualTo(FF3072);
        assertThat(r.server().suite()).isEqualTo(FF3072);
    }

    @Test
    void strippingFfdhe3072FromClientHelloIsDetectedByTheClient() {
        Pipe.Rewriter strip = (i, f) -> {
            if (i != 0) {
                return f;
            }
            ClientHello h = Mitm.clientHello(f);
            List<Integer> weaker =
                    h.suites().stream().filter(c -> c != FF3072.code()).toList();
            assertThat(weaker).containsExactly(FF2048.code());
            return new ClientHello(h.versions(), weaker, h.nonce()).encode();
        };
        assertThatThrownBy(() -> Pipe.handshake(
                        alice(pinBob()).suites(FF3072, FF2048).build(),
                        bob(pinAlice()).suites(FF3072, FF2048).build(),
                        strip))
                .isInstanceOf(AuthenticationException.class);
        // The downgrade took effect at the server, and the client caught it through the signature.
        assertThat(serverTrace.of(TraceEvent.Negotiated.class))
                .singleElement()
                .extracting(TraceEvent.Negotiated::suite)
                .isEqualTo(FF2048);
        assertOnlyClientFailed();
    }

    @Test
    void serverChoosingASuiteTheClientDidNotOfferIsRefused() {
        // BOB re-signs, i.e. this is a misbehaving server rather than a tampering attacker: the
        // client must refuse on negotiation grounds, whatever the signature says.
        for (int code : new int[] {FF3072.code(), 0x0201, 0xffff}) {
            clientTrace.clear();
            Wire wire = new Wire();
            Pipe.Rewriter attack = recording(
                    wire,
                    (i, f) -> i != 1
                            ? f
                            : Mitm.signServerHello(
                                    wire.sent.get(0), Mitm.withSuite(Mitm.serverHello(f), code), BOB.privateKey()));
            assertThatCode(() -> Pipe.handshake(
                            alice(pinBob()).suites(FF2048).build(),
                            bob(pinAlice()).build(),
                            attack))
                    .as("suite 0x%04x", code)
                    .isInstanceOf(NegotiationException.class);
            assertThat(clientTrace.failed()).isTrue();
        }
    }

    @Test
    void serverChoosingAnotherVersionIsRefused() {
        Wire wire = new Wire();
        Pipe.Rewriter attack = recording(
                wire,
                (i, f) -> i != 1
                        ? f
                        : Mitm.signServerHello(
                                wire.sent.get(0), Mitm.withVersion(Mitm.serverHello(f), 2), BOB.privateKey()));
        assertThatThrownBy(() ->
                        Pipe.handshake(alice(pinBob()).build(), bob(pinAlice()).build(), attack))
                .isInstanceOf(NegotiationException.class);
    }

    @Test
    void noCommonSuiteIsANegotiationFailure() {
        assertThatThrownBy(() -> Pipe.handshake(
                        alice(pinBob()).suites(FF2048).build(),
                        bob(pinAlice()).suites(FF3072).build()))
                .isInstanceOf(NegotiationException.class)
                .hasMessage("no common cipher suite; client offered [0x0101]");
        assertThat(serverTrace.failed()).isTrue();
        // A ClientHello offering only codes this version does not know, or only another version.
        Pipe.Rewriter unknownSuites = (i, f) -> {
            if (i != 0) {
                return f;
            }
            ClientHello h = Mitm.clientHello(f);
            return new ClientHello(h.versions(), List.of(0x0201, 0x0301), h.nonce()).encode();
        };
        assertThatThrownBy(() ->
                        Pipe.handshake(alice(pinBob()).build(), bob(pinAlice()).build(), unknownSuites))
                .isInstanceOf(NegotiationException.class);
        Pipe.Rewriter otherVersion = (i, f) -> {
            if (i != 0) {
                return f;
            }
            ClientHello h = Mitm.clientHello(f);
            return new ClientHello(List.of(2), h.suites(), h.nonce()).encode();
        };
        assertThatThrownBy(() ->
                        Pipe.handshake(alice(pinBob()).build(), bob(pinAlice()).build(), otherVersion))
                .isInstanceOf(NegotiationException.class);
    }

    // ---- Replay from another session ------------------------------------------------------------

    @Test
    void serverHelloReplayedFromAnotherSessionIsRejected() throws Exception {
        Pipe.Result earlier =
                Pipe.handshake(alice(pinBob()).build(), bob(pinAlice()).build());
        byte[] oldServerHello = earlier.frames().get(1);
        clientTrace.clear();
        serverTrace.clear();
        assertThatThrownBy(() -> Pipe.handshake(
                        alice(pinBob()).build(), bob(pinAlice()).build(), (i, f) -> i == 1 ? oldServerHello : f))
                .isInstanceOf(AuthenticationException.class);
        assertOnlyClientFailed();
    }

    @Test
    void clientFlightReplayedFromAnotherSessionIsRejected() throws Exception {
        Pipe.Result earlier =
                Pipe.handshake(alice(pinBob()).build(), bob(pinAlice()).build());
        // A fresh server answers the old ClientHello with a fresh nonce and ElGamal key, so the old
        // ClientAuth (signed over the old ServerHello, encrypted to the old key) cannot be accepted.
        Handshake server = Handshake.server(bob(pinAlice()).build());
        server.start();
        assertThat(server.receive(earlier.frames().get(0))).isInstanceOf(HandshakeStep.Send.class);
        server.next();
        assertThatThrownBy(() -> server.receive(earlier.frames().get(2))).isInstanceOf(AuthenticationException.class);
        // And the old ServerFinished does not finish a new client's handshake.
        clientTrace.clear();
        serverTrace.clear();
        assertThatThrownBy(() -> Pipe.handshake(
                        alice(pinBob()).build(),
                        bob(pinAlice()).build(),
                        (i, f) -> i == 3 ? earlier.frames().get(3) : f))
                .isInstanceOf(AuthenticationException.class);
        assertThat(clientTrace.failed()).isTrue();
    }
}
