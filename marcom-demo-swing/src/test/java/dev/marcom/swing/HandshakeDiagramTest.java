package dev.marcom.swing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.CipherSuite;
import dev.marcom.Role;
import dev.marcom.handshake.Handshake;
import dev.marcom.handshake.HandshakeStep;
import dev.marcom.identity.Identity;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.identity.UntrustedPeerException;
import dev.marcom.session.Session;
import dev.marcom.session.SessionConfig;
import dev.marcom.trace.HandshakePhase;
import dev.marcom.trace.Phase;
import dev.marcom.trace.TraceEvent;
import java.awt.image.BufferedImage;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The handshake diagram built from a real handshake's typed events: one band per handshake phase,
 * an arrow per message, notes for the handshake signatures only (not the message signatures that
 * follow), and a failure ending its phase. The model needs no display; painting it does, and is
 * skipped without one.
 */
@Timeout(60)
class HandshakeDiagramTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static Identity alice;
    private static Identity bob;

    @BeforeAll
    static void identities() {
        alice = Identity.generate(RANDOM);
        bob = Identity.generate(RANDOM);
    }

    /** Runs a handshake in one thread; returns the client's session (null if one side failed). */
    private static Session handshake(SessionConfig client, SessionConfig server) throws Exception {
        Handshake c = Handshake.client(client);
        Handshake s = Handshake.server(server);
        HandshakeStep cs = c.start();
        HandshakeStep ss = s.start();
        while (!(cs instanceof HandshakeStep.Established)) {
            if (cs instanceof HandshakeStep.Send send) {
                cs = c.next();
                ss = s.receive(send.frame());
            } else if (ss instanceof HandshakeStep.Send send) {
                ss = s.next();
                cs = c.receive(send.frame());
            }
        }
        return ((HandshakeStep.Established) cs).session();
    }

    private static HandshakeDiagram diagram(List<TraceEvent> events) {
        HandshakeDiagram diagram = new HandshakeDiagram();
        events.forEach(diagram::add);
        return diagram;
    }

    private static List<HandshakePhase> phases(HandshakeDiagram diagram) {
        return diagram.bands().stream().map(HandshakeDiagram.Band::phase).toList();
    }

    @Test
    void aHandshakeIsDrawnPhaseByPhase() throws Exception {
        List<TraceEvent> events = new ArrayList<>();
        Session client = handshake(
                SessionConfig.builder(alice, TrustPolicy.acceptAny())
                        .trace(events::add)
                        .random(RANDOM)
                        .build(),
                SessionConfig.builder(bob, TrustPolicy.acceptAny())
                        .random(RANDOM)
                        .build());
        client.seal("a message: its signature is not part of the handshake");

        HandshakeDiagram diagram = diagram(events);
        assertThat(phases(diagram))
                .containsExactly(
                        HandshakePhase.NEGOTIATION,
                        HandshakePhase.AUTHENTICATION,
                        HandshakePhase.KEY_TRANSPORT,
                        HandshakePhase.AUTHENTICATION,
                        HandshakePhase.KEY_TRANSPORT,
                        HandshakePhase.AUTHENTICATION,
                        HandshakePhase.KEY_CONFIRMATION,
                        HandshakePhase.KEY_DERIVATION);
        assertThat(diagram.bands()).allSatisfy(b -> {
            assertThat(b.failed()).isFalse();
            assertThat(b.end()).isGreaterThan(b.header());
        });
        assertThat(diagram.labels())
                .containsExactly(
                        "ClientHello (" + frameBytes(events, "CLIENT_HELLO") + " bytes)",
                        "ServerHello (" + frameBytes(events, "SERVER_HELLO") + " bytes)",
                        "✔ DSA-2048/256 verify: server handshake (one-time key + transcript)",
                        "✔ validated server public key y = g^x",
                        "✔ trusted " + bob.fingerprint().toString().substring(0, 19) + "…",
                        "encrypt secret: c1 (256 bytes), c2 = AEAD",
                        "DSA-2048/256 sign: client handshake (ciphertext + transcript)",
                        "Finished MAC (client)",
                        "ClientAuth (" + frameBytes(events, "CLIENT_AUTH") + " bytes)",
                        "ServerFinished (" + frameBytes(events, "SERVER_FINISHED") + " bytes)",
                        "✔ Finished MAC (server)",
                        "traffic keys derived (HKDF), one per direction",
                        "✔ secure session established");
        // The last band (key derivation) closes before the completion note.
        assertThat(diagram.bands().get(diagram.bands().size() - 1).end())
                .isEqualTo(diagram.rows().size() - 1);
    }

    /** The size of the one frame of {@code type} in a trace, as the diagram formats it. */
    private static String frameBytes(List<TraceEvent> events, String type) {
        List<Integer> sizes = events.stream()
                .filter(e -> e instanceof TraceEvent.FrameTransferred f
                        && f.frameType().equals(type))
                .map(e -> ((TraceEvent.FrameTransferred) e).bytes())
                .toList();
        assertThat(sizes).hasSize(1);
        return String.format(java.util.Locale.ROOT, "%,d", sizes.get(0));
    }

    /** The header rows' labels and colours, as "label @ COLOUR". */
    private static List<String> headers(HandshakeDiagram diagram) {
        return diagram.rows().stream()
                .filter(r -> r.kind() == HandshakeDiagram.Kind.HEADER)
                .map(r -> r.label() + " @ " + r.phase())
                .toList();
    }

    /**
     * Each suite with its paired signature algorithm, seen from both sides: the key transport band
     * names and colours the suite's mechanism, the authentication bands the signature algorithm
     * that signed in them, and every message's arrow carries its frame's size.
     */
    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void bandsAndArrowsFollowTheSuite(CipherSuite suite) throws Exception {
        Identity client = Identity.generate(suite.pairedSignature(), RANDOM);
        Identity server = Identity.generate(suite.pairedSignature(), RANDOM);
        List<TraceEvent> clientEvents = new ArrayList<>();
        List<TraceEvent> serverEvents = new ArrayList<>();
        handshake(
                SessionConfig.builder(client, TrustPolicy.acceptAny())
                        .suites(suite)
                        .trace(clientEvents::add)
                        .random(RANDOM)
                        .build(),
                SessionConfig.builder(server, TrustPolicy.acceptAny())
                        .trace(serverEvents::add)
                        .random(RANDOM)
                        .build());
        String kem = "Key transport: " + suite.keyTransport() + " @ " + Phase.of(suite);
        String auth = "Authentication: " + suite.pairedSignature().displayName() + ", trust @ "
                + Phase.of(suite.pairedSignature());
        String negotiation = "Negotiation @ KEY_EXCHANGE";
        String confirmation = "Key confirmation (Finished) @ KEY_EXCHANGE";
        String derivation = "Key derivation (HKDF) @ AES_GCM";
        // One authentication band on each side is the trust decision alone: no signature in it.
        String trust = "Authentication: trust @ KEY_EXCHANGE";
        assertThat(headers(diagram(clientEvents)))
                .containsExactly(negotiation, auth, kem, trust, kem, auth, confirmation, derivation);
        assertThat(headers(diagram(serverEvents)))
                .containsExactly(negotiation, kem, auth, kem, confirmation, trust, confirmation, derivation);
        for (List<TraceEvent> events : List.of(clientEvents, serverEvents)) {
            assertThat(diagram(events).rows())
                    .filteredOn(r -> r.kind() == HandshakeDiagram.Kind.ARROW)
                    .extracting(HandshakeDiagram.Row::label)
                    .containsExactly(
                            "ClientHello (" + frameBytes(events, "CLIENT_HELLO") + " bytes)",
                            "ServerHello (" + frameBytes(events, "SERVER_HELLO") + " bytes)",
                            "ClientAuth (" + frameBytes(events, "CLIENT_AUTH") + " bytes)",
                            "ServerFinished (" + frameBytes(events, "SERVER_FINISHED") + " bytes)");
        }
    }

    /**
     * Signatures are per identity: DSA identities in the modern suite give an X25519 key transport
     * band and DSA authentication bands, whatever the suite's paired algorithm is.
     */
    @Test
    void authenticationFollowsTheIdentitiesNotTheSuite() throws Exception {
        List<TraceEvent> events = new ArrayList<>();
        handshake(
                SessionConfig.builder(alice, TrustPolicy.acceptAny())
                        .suites(CipherSuite.MODERN)
                        .trace(events::add)
                        .random(RANDOM)
                        .build(),
                SessionConfig.builder(bob, TrustPolicy.acceptAny())
                        .random(RANDOM)
                        .build());
        HandshakeDiagram diagram = diagram(events);
        assertThat(headers(diagram))
                .contains("Key transport: X25519 @ X25519", "Authentication: DSA-2048/256, trust @ DSA")
                .noneMatch(h -> h.contains("ElGamal") || h.contains("Ed25519"));
        assertThat(diagram.color(HandshakePhase.KEY_TRANSPORT)).isEqualTo(Phase.X25519);
        assertThat(diagram.labels())
                .contains(
                        "✔ DSA-2048/256 verify: server handshake (one-time key + transcript)",
                        "✔ validated server one-time public key");
    }

    @Test
    void aRefusedClientIsShownFailingInItsPhase() throws Exception {
        List<TraceEvent> events = new ArrayList<>();
        assertThatThrownBy(() -> handshake(
                        SessionConfig.builder(alice, TrustPolicy.acceptAny())
                                .random(RANDOM)
                                .build(),
                        SessionConfig.builder(bob, TrustPolicy.pinned(bob.fingerprint()))
                                .trace(events::add)
                                .random(RANDOM)
                                .build()))
                .isInstanceOf(UntrustedPeerException.class);

        HandshakeDiagram diagram = diagram(events);
        assertThat(phases(diagram)).endsWith(HandshakePhase.AUTHENTICATION);
        assertThat(diagram.bands().get(diagram.bands().size() - 1).failed()).isTrue();
        assertThat(diagram.labels())
                .contains("Refusal (" + frameBytes(events, "REFUSAL") + " bytes)")
                .last()
                .asString()
                .startsWith("✘ ");
        assertThat(diagram.bands()).filteredOn(HandshakeDiagram.Band::failed).hasSize(1);
    }

    @Test
    void theViewPaintsTheDiagram() throws Exception {
        DisplayCondition.Display display = DisplayCondition.probe();
        Assumptions.assumeTrue(display.usable(), display.description());
        List<TraceEvent> events = new ArrayList<>();
        handshake(
                SessionConfig.builder(alice, TrustPolicy.acceptAny())
                        .trace(events::add)
                        .random(RANDOM)
                        .build(),
                SessionConfig.builder(bob, TrustPolicy.acceptAny())
                        .random(RANDOM)
                        .build());
        int steps = onEdt(() -> {
            HandshakeView view = new HandshakeView();
            view.reset(Role.SERVER);
            events.forEach(view::add);
            view.setSize(view.getPreferredSize());
            BufferedImage image = new BufferedImage(view.getWidth(), view.getHeight(), BufferedImage.TYPE_INT_ARGB);
            view.paint(image.createGraphics());
            return view.stepCount();
        });
        assertThat(steps).isEqualTo(diagram(events).labels().size()).isGreaterThan(8);
    }

    private static <T> T onEdt(Callable<T> task) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                result.set(task.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
