package dev.marcom.swing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.Role;
import dev.marcom.handshake.Handshake;
import dev.marcom.handshake.HandshakeStep;
import dev.marcom.identity.Identity;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.identity.UntrustedPeerException;
import dev.marcom.session.Session;
import dev.marcom.session.SessionConfig;
import dev.marcom.trace.HandshakePhase;
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
                        "ClientHello",
                        "ServerHello",
                        "✔ DSA verify: server handshake (ElGamal key + transcript)",
                        "✔ validated server public key y = g^x",
                        "✔ trusted " + bob.fingerprint().toString().substring(0, 19) + "…",
                        "encrypt secret: c1 = g^r, c2 = AEAD",
                        "DSA sign: client handshake (ciphertext + transcript)",
                        "Finished MAC (client)",
                        "ClientAuth",
                        "ServerFinished",
                        "✔ Finished MAC (server)",
                        "traffic keys derived (HKDF), one per direction",
                        "✔ secure session established");
        // The last band (key derivation) closes before the completion note.
        assertThat(diagram.bands().get(diagram.bands().size() - 1).end())
                .isEqualTo(diagram.rows().size() - 1);
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
        assertThat(diagram.labels()).contains("Refusal").last().asString().startsWith("✘ ");
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
