package dev.marcom.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.AuthenticationException;
import dev.marcom.CipherSuite;
import dev.marcom.NegotiationException;
import dev.marcom.SessionClosedException;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.identity.Identity;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.identity.UntrustedPeerException;
import dev.marcom.internal.crypto.Suite;
import dev.marcom.internal.wire.FrameType;
import dev.marcom.internal.wire.Frames;
import dev.marcom.session.SessionConfig;
import dev.marcom.testing.Pipe;
import dev.marcom.testing.RecordingTraceListener;
import dev.marcom.testing.TestIdentities;
import dev.marcom.trace.TraceEvent;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An active attacker in the middle of the handshake. Every forged message is re-encoded with the
 * package-private message records (see {@link Mitm}) so it parses; where the attacker holds a
 * signing key (MALLORY's) the forgery carries a valid signature by that key. Each test also checks
 * from the two trace listeners <em>which</em> side detected the attack.
 *
 * <p>Every attack runs over every {@link CipherSuite}, both sides offering only that suite and the
 * three parties signing with its {@linkplain CipherSuite#pairedSignature() paired algorithm}; the
 * identity substitutions also run with MALLORY signing under every other algorithm.
 *
 * <p>Frame indices in a {@link Pipe} run: 0 ClientHello, 1 ServerHello, 2 ClientAuth,
 * 3 ServerFinished.
 */
@Timeout(30)
class ActiveAttackerTest {
    private static final CipherSuite FF2048 = CipherSuite.CLASSIC;
    private static final CipherSuite FF3072 = CipherSuite.CLASSIC_3072;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RecordingTraceListener clientTrace = new RecordingTraceListener();
    private final RecordingTraceListener serverTrace = new RecordingTraceListener();

    /** The suite both sides offer; set by each test before it builds a config. */
    private CipherSuite suite = CipherSuite.CLASSIC;

    private Identity alice = TestIdentities.ALICE;
    private Identity bob = TestIdentities.BOB;
    private Identity mallory = TestIdentities.MALLORY;

    /** Runs the test over {@code s}, the three parties signing with its paired algorithm. */
    private void use(CipherSuite s) {
        use(s, s.pairedSignature());
    }

    /** Runs the test over {@code s}, ALICE and BOB with its paired algorithm, MALLORY with {@code m}. */
    private void use(CipherSuite s, SignatureAlgorithm m) {
        suite = s;
        alice = TestIdentities.alice(s.pairedSignature());
        bob = TestIdentities.bob(s.pairedSignature());
        mallory = TestIdentities.mallory(m);
    }

    static Stream<Arguments> suiteAndMalloryAlgorithm() {
        return Arrays.stream(CipherSuite.values())
                .flatMap(s -> Arrays.stream(SignatureAlgorithm.values()).map(a -> Arguments.of(s, a)));
    }

    private SessionConfig.Builder alice(TrustPolicy policy) {
        return SessionConfig.builder(alice, policy).suites(suite).trace(clientTrace);
    }

    private SessionConfig.Builder bob(TrustPolicy policy) {
        return SessionConfig.builder(bob, policy).suites(suite).trace(serverTrace);
    }

    private TrustPolicy pinBob() {
        return TrustPolicy.pinned(bob.fingerprint());
    }

    private TrustPolicy pinAlice() {
        return TrustPolicy.pinned(alice.fingerprint());
    }

    private static byte[] spki(Identity id) {
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

    /** A valid KEM public key of the suite a ServerHello chose, whose private key the attacker holds. */
    private static byte[] attackersKemKey(ServerHello h) {
        return Suite.of(CipherSuite.of(h.suite())).kem().generateKeyPair(RANDOM).publicKey();
    }

    private void assertOnlyClientFailed() {
        assertThat(clientTrace.failed()).as("client detected the attack").isTrue();
        assertThat(serverTrace.failed()).as("server saw nothing wrong").isFalse();
    }

    private void assertOnlyServerFailed() {
        assertThat(serverTrace.failed()).as("server detected the attack").isTrue();
        assertThat(clientTrace.failed()).as("client had nothing to check yet").isFalse();
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void genuineHandshakeBetweenPinnedPeersSucceeds(CipherSuite s) throws Exception {
        use(s);
        Pipe.Result r = Pipe.handshake(alice(pinBob()).build(), bob(pinAlice()).build());
        assertThat(r.client().suite()).isEqualTo(s);
        assertThat(r.server().suite()).isEqualTo(s);
        assertThat(r.client().peer()).isEqualTo(bob.publicIdentity());
        assertThat(r.server().peer()).isEqualTo(alice.publicIdentity());
        assertThat(r.client().sessionId()).isEqualTo(r.server().sessionId());
        assertThat(clientTrace.failed()).isFalse();
        assertThat(serverTrace.failed()).isFalse();
    }

    // ---- ServerHello: the attacker's own KEM key ------------------------------------------------

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void substitutedKemKeyInServerHelloIsDetectedByTheClient(CipherSuite s) {
        use(s);
        // A valid public key whose private key the attacker knows: if the client encapsulated its
        // secret to it, the attacker would read the session. The server's signature covers it.
        Pipe.Rewriter attack = (i, f) -> {
            if (i != 1) {
                return f;
            }
            ServerHello h = Mitm.serverHello(f);
            byte[] mine = attackersKemKey(h);
            Suite.of(s).kem().checkPublicKey(mine);
            return Mitm.withY(h, mine).encode();
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
     * and reports MALLORY's identity, whether MALLORY relays BOB's KEM key or substitutes one it
     * controls, and whatever algorithm MALLORY signs with.
     */
    @ParameterizedTest
    @MethodSource("suiteAndMalloryAlgorithm")
    void resignedServerHelloWithMallorysIdentityIsRefusedByAPinningClient(CipherSuite s, SignatureAlgorithm m) {
        use(s, m);
        for (boolean ownKemKey : new boolean[] {false, true}) {
            clientTrace.clear();
            serverTrace.clear();
            Wire wire = new Wire();
            Pipe.Rewriter attack = recording(wire, (i, f) -> {
                if (i != 1) {
                    return f;
                }
                ServerHello h = Mitm.withIdentity(Mitm.serverHello(f), spki(mallory));
                if (ownKemKey) {
                    h = Mitm.withY(h, attackersKemKey(h));
                }
                return Mitm.signServerHello(wire.sent.get(0), h, mallory);
            });
            assertThatThrownBy(() -> Pipe.handshake(
                            alice(pinBob()).build(), bob(pinAlice()).build(), attack))
                    .isInstanceOfSatisfying(UntrustedPeerException.class, e -> {
                        assertThat(e.peer()).isEqualTo(mallory.publicIdentity());
                        assertThat(e.getMessage())
                                .contains(mallory.fingerprint().toString());
                    });
            assertOnlyClientFailed();
            // The forgery got past every cryptographic check: the signature by MALLORY verified.
            assertThat(clientTrace.of(TraceEvent.Signature.class)).anySatisfy(sig -> {
                assertThat(sig.outbound()).isFalse();
                assertThat(sig.signer()).isEqualTo(mallory.fingerprint());
                assertThat(sig.algorithm()).isEqualTo(m);
            });
        }
    }

    /**
     * What {@link TrustPolicy#acceptAny()} does and does not protect.
     *
     * <p>It does NOT authenticate the peer: any party with any key can complete a handshake
     * with such a client (see {@link #acceptAnyDoesNotStopAFullImpersonator(CipherSuite, SignatureAlgorithm)}), so an attacker who
     * plays a complete server (its own identity AND its own KEM key) reads everything, and can
     * relay to the real server through a second session. The only defence left is a human comparing
     * {@code session.peer().fingerprint()} out of band.
     *
     * <p>It DOES still guarantee that the session keys are shared only with whoever signed the
     * ServerHello with the key in it, together with the KEM key in it. An attacker that swaps in
     * its identity but relays the real server's KEM key (because it wants the real server to
     * keep talking) cannot complete either side:
     * <ul>
     *   <li>the client accepts MALLORY's identity and encapsulates its secret to BOB's KEM key, under a KEM
     *       context that hashes the forged ServerHello;</li>
     *   <li>BOB rejects the relayed ClientAuth: ALICE signed a transcript containing the forged
     *       ServerHello (AuthenticationException); re-signing ClientAuth with MALLORY's key does
     *       not help, because BOB's decapsulation uses BOB's transcript as the KEM context;</li>
     *   <li>MALLORY does not know BOB's KEM private key, so it cannot decrypt c2, so it cannot compute the client's
     *       key schedule or a valid ServerFinished: the client never reaches Established.</li>
     * </ul>
     */
    @ParameterizedTest
    @MethodSource("suiteAndMalloryAlgorithm")
    void acceptAnyClientWithMallorysIdentityButBobsKemKeyCannotBeCompleted(CipherSuite s, SignatureAlgorithm m)
            throws Exception {
        use(s, m);
        // (1) Relay everything else: BOB refuses the client's flight.
        Wire wire = new Wire();
        Pipe.Rewriter swapIdentity = recording(wire, (i, f) -> {
            if (i != 1) {
                return f;
            }
            ServerHello h = Mitm.withIdentity(Mitm.serverHello(f), spki(mallory));
            return Mitm.signServerHello(wire.sent.get(0), h, mallory);
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
                .isEqualTo(mallory.fingerprint());
        assertThat(serverTrace.failed()).isTrue();

        // (2) Also re-sign ClientAuth as MALLORY over BOB's transcript: the KEM context differs.
        clientTrace.clear();
        serverTrace.clear();
        Wire wire2 = new Wire();
        Pipe.Rewriter swapBoth = recording(wire2, (i, f) -> {
            if (i == 1) {
                ServerHello h = Mitm.withIdentity(Mitm.serverHello(f), spki(mallory));
                return Mitm.signServerHello(wire2.sent.get(0), h, mallory);
            }
            if (i == 2) {
                ClientAuth a = Mitm.withClientIdentity(Mitm.clientAuth(f), spki(mallory));
                return Mitm.signClientAuth(Mitm.concat(wire2.delivered.get(0), wire2.sent.get(1)), a, mallory);
            }
            return f;
        });
        assertThatThrownBy(() -> Pipe.handshake(
                        alice(TrustPolicy.acceptAny()).build(),
                        bob(TrustPolicy.acceptAny()).build(),
                        swapBoth))
                .isInstanceOf(AuthenticationException.class);
        assertThat(serverTrace.failed()).isTrue();

        // (3) MALLORY answers the client itself: without BOB's KEM key it can only guess the
        // ServerFinished.
        clientTrace.clear();
        Handshake client = Handshake.client(alice(TrustPolicy.acceptAny()).build());
        Handshake server = Handshake.server(bob(TrustPolicy.acceptAny()).build());
        byte[] clientHello = ((HandshakeStep.Send) client.start()).frame();
        assertThat(client.next()).isInstanceOf(HandshakeStep.AwaitFrame.class);
        server.start();
        byte[] serverHello = ((HandshakeStep.Send) server.receive(clientHello)).frame();
        ServerHello forged = Mitm.withIdentity(Mitm.serverHello(serverHello), spki(mallory));
        HandshakeStep step = client.receive(Mitm.signServerHello(clientHello, forged, mallory));
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
    @ParameterizedTest
    @MethodSource("suiteAndMalloryAlgorithm")
    void acceptAnyDoesNotStopAFullImpersonator(CipherSuite s, SignatureAlgorithm m) throws Exception {
        use(s, m);
        SessionConfig impostor = SessionConfig.builder(mallory, TrustPolicy.acceptAny())
                .suites(s)
                .build();
        Pipe.Result r = Pipe.handshake(alice(TrustPolicy.acceptAny()).build(), impostor);
        assertThat(r.client().peer()).isEqualTo(mallory.publicIdentity());
        assertThat(r.client().peer().fingerprint()).isNotEqualTo(bob.fingerprint());
        // Pinning is what stops it.
        assertThatThrownBy(() -> Pipe.handshake(alice(pinBob()).build(), impostor))
                .isInstanceOfSatisfying(
                        UntrustedPeerException.class, e -> assertThat(e.peer()).isEqualTo(mallory.publicIdentity()));
    }

    // ---- ClientAuth: the attacker's identity ----------------------------------------------------

    @ParameterizedTest
    @MethodSource("suiteAndMalloryAlgorithm")
    void substitutedClientIdentityWithAlicesSignatureFailsAtTheServer(CipherSuite s, SignatureAlgorithm m) {
        use(s, m);
        Pipe.Rewriter attack = (i, f) -> i != 2
                ? f
                : Mitm.withClientIdentity(Mitm.clientAuth(f), spki(mallory)).encode();
        assertThatThrownBy(() -> Pipe.handshake(
                        alice(pinBob()).build(), bob(TrustPolicy.acceptAny()).build(), attack))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("client handshake signature did not verify");
        assertOnlyServerFailed();
    }

    @ParameterizedTest
    @MethodSource("suiteAndMalloryAlgorithm")
    void substitutedClientIdentityResignedByMalloryFailsTheFinishedMac(CipherSuite s, SignatureAlgorithm m) {
        use(s, m);
        // MALLORY's signature over BOB's transcript verifies, and c1/c2 still decrypt (the KEM context
        // is the transcript before ClientAuth). But the Finished MAC covers the identity and the
        // signature and is keyed by the transported secret, which MALLORY cannot know. The server
        // trusts anyone here, so the refusal is cryptographic, not a policy decision.
        Wire wire = new Wire();
        Pipe.Rewriter attack = recording(wire, (i, f) -> {
            if (i != 2) {
                return f;
            }
            ClientAuth a = Mitm.withClientIdentity(Mitm.clientAuth(f), spki(mallory));
            return Mitm.signClientAuth(Mitm.concat(wire.delivered.get(0), wire.sent.get(1)), a, mallory);
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

    /**
     * A stronger suite both sides prefer, stripped from the ClientHello so that the server falls
     * back to classic: the server's signature covers the ClientHello it saw, so the client detects
     * it, whichever suite was stripped and whatever the parties sign with.
     */
    @ParameterizedTest
    @EnumSource(
            value = CipherSuite.class,
            names = {"CLASSIC"},
            mode = EnumSource.Mode.EXCLUDE)
    void strippingTheStrongerSuiteFromClientHelloIsDetectedByTheClient(CipherSuite stronger) {
        use(stronger);
        Pipe.Rewriter strip = (i, f) -> {
            if (i != 0) {
                return f;
            }
            ClientHello h = Mitm.clientHello(f);
            List<Integer> weaker =
                    h.suites().stream().filter(c -> c != stronger.code()).toList();
            assertThat(weaker).containsExactly(FF2048.code());
            return new ClientHello(h.versions(), weaker, h.nonce()).encode();
        };
        assertThatThrownBy(() -> Pipe.handshake(
                        alice(pinBob()).suites(stronger, FF2048).build(),
                        bob(pinAlice()).suites(stronger, FF2048).build(),
                        strip))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("server handshake signature did not verify");
        assertThat(serverTrace.of(TraceEvent.Negotiated.class))
                .singleElement()
                .extracting(TraceEvent.Negotiated::suite)
                .isEqualTo(FF2048);
        assertOnlyClientFailed();
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void serverChoosingASuiteTheClientDidNotOfferIsRefused(CipherSuite s) {
        use(s);
        // BOB re-signs, i.e. this is a misbehaving server rather than a tampering attacker: the
        // client must refuse on negotiation grounds, whatever the signature says.
        List<Integer> codes = new ArrayList<>();
        for (CipherSuite other : CipherSuite.values()) {
            if (other != s) {
                codes.add(other.code());
            }
        }
        codes.add(0xffff);
        for (int code : codes) {
            clientTrace.clear();
            Wire wire = new Wire();
            Pipe.Rewriter attack = recording(
                    wire,
                    (i, f) -> i != 1
                            ? f
                            : Mitm.signServerHello(wire.sent.get(0), Mitm.withSuite(Mitm.serverHello(f), code), bob));
            assertThatCode(() -> Pipe.handshake(
                            alice(pinBob()).build(), bob(pinAlice()).build(), attack))
                    .as("suite 0x%04x", code)
                    .isInstanceOf(NegotiationException.class);
            assertThat(clientTrace.failed()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void serverChoosingAnotherVersionIsRefused(CipherSuite s) {
        use(s);
        Wire wire = new Wire();
        Pipe.Rewriter attack = recording(
                wire,
                (i, f) -> i != 1
                        ? f
                        : Mitm.signServerHello(wire.sent.get(0), Mitm.withVersion(Mitm.serverHello(f), 2), bob));
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
                .hasMessage("no common cipher suite: the client offers [classic], this side supports [classic-3072]");
        assertThat(serverTrace.failed()).isTrue();
        // A ClientHello offering only codes this version does not know, or only another version.
        Pipe.Rewriter unknownSuites = (i, f) -> {
            if (i != 0) {
                return f;
            }
            ClientHello h = Mitm.clientHello(f);
            return new ClientHello(h.versions(), List.of(0x0401, 0xffff), h.nonce()).encode();
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

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void serverHelloReplayedFromAnotherSessionIsRejected(CipherSuite s) throws Exception {
        use(s);
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

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void clientFlightReplayedFromAnotherSessionIsRejected(CipherSuite s) throws Exception {
        use(s);
        Pipe.Result earlier =
                Pipe.handshake(alice(pinBob()).build(), bob(pinAlice()).build());
        // A fresh server answers the old ClientHello with a fresh nonce and KEM key, so the old
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
