package dev.marcom.trace;

import static dev.marcom.testing.TestIdentities.ALICE;
import static dev.marcom.testing.TestIdentities.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.identity.TrustPolicy;
import dev.marcom.session.Inbound;
import dev.marcom.session.Session;
import dev.marcom.session.SessionConfig;
import dev.marcom.testing.Pipe;
import dev.marcom.testing.RecordingTraceListener;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TraceText} renders every event a session produces (handshake, messages, a stream, key
 * updates, keep-alives, close and a failure) as one non-empty line that names what happened, and
 * shows a key only when the application asked to reveal secrets.
 */
@Timeout(60)
class TraceTextTest {
    /** Opens every frame of {@code frames} (a seal may add a key update) and returns the last. */
    private static Inbound open(Session s, byte[] frames) throws Exception {
        Inbound last = null;
        for (byte[] frame : dev.marcom.testing.Fixtures.split(frames)) {
            last = s.open(frame);
        }
        return last;
    }

    private static List<TraceEvent> everyKindOfEvent(boolean reveal) throws Exception {
        RecordingTraceListener a = new RecordingTraceListener();
        RecordingTraceListener b = new RecordingTraceListener();
        SessionConfig ac = SessionConfig.builder(ALICE, TrustPolicy.pinned(BOB.fingerprint()))
                .trace(a)
                .revealSecrets(reveal)
                .keyUpdateAfterRecords(2)
                .build();
        SessionConfig bc = SessionConfig.builder(BOB, TrustPolicy.pinned(ALICE.fingerprint()))
                .trace(b)
                .revealSecrets(reveal)
                .keyUpdateAfterRecords(2)
                .build();
        Pipe.Result r = Pipe.handshake(ac, bc);
        Session alice = r.client();
        Session bob = r.server();
        for (String text : List.of("one", "two", "three")) {
            assertThat(open(bob, alice.seal(text))).isInstanceOf(Inbound.Message.class);
            assertThat(open(alice, bob.seal("re: " + text))).isInstanceOf(Inbound.Message.class);
        }
        open(bob, alice.beginStream("file.txt", 3));
        open(bob, alice.sealStreamChunk(new byte[] {1, 2, 3}, 0, 3));
        assertThat(open(bob, alice.endStream().frames())).isInstanceOf(Inbound.StreamEnd.class);
        assertThat(open(bob, alice.ping())).isInstanceOf(Inbound.Ping.class);
        open(alice, bob.pong());
        List<byte[]> tampered = dev.marcom.testing.Fixtures.split(alice.seal("tampered"));
        byte[] last = tampered.get(tampered.size() - 1);
        last[last.length - 1] ^= 1;
        try {
            for (byte[] frame : tampered) {
                bob.open(frame);
            }
        } catch (dev.marcom.MarcomException expected) {
            // traced as a failure
        }
        alice.close();
        List<TraceEvent> all = new ArrayList<>(a.events());
        all.addAll(b.events());
        return all;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyEventRendersAsOneNamedLine(boolean reveal) throws Exception {
        List<TraceEvent> events = everyKindOfEvent(reveal);
        Set<Class<?>> kinds = new java.util.HashSet<>();
        for (TraceEvent e : events) {
            String line = TraceText.describe(e);
            assertThat(line).as(e.toString()).isNotBlank().doesNotContain("\n");
            kinds.add(e.getClass());
        }
        assertThat(kinds)
                .contains(
                        TraceEvent.Signature.class,
                        TraceEvent.Digest.class,
                        TraceEvent.AeadRecord.class,
                        TraceEvent.KeyUpdated.class,
                        TraceEvent.KeepAlive.class,
                        TraceEvent.CloseNotify.class,
                        TraceEvent.Failure.class,
                        TraceEvent.KeysDerived.class,
                        TraceEvent.HandshakeMessage.class,
                        TraceEvent.PhaseStarted.class,
                        TraceEvent.PhaseEnded.class);
    }

    @Test
    void namesAreGivenForEveryPhaseSubjectAndValue() {
        for (HandshakePhase p : HandshakePhase.values()) {
            assertThat(TraceText.name(p)).isNotBlank();
        }
        for (SignatureSubject s : SignatureSubject.values()) {
            assertThat(TraceText.name(s, 7)).isNotBlank();
        }
        for (ElGamalValue v : EnumSet.allOf(ElGamalValue.class)) {
            assertThat(TraceText.name(v)).isNotBlank();
        }
    }

    @Test
    void keysAppearInTheTextOnlyWhenRevealed() throws Exception {
        String hidden = String.join(
                "\n",
                everyKindOfEvent(false).stream()
                        .filter(e -> e instanceof TraceEvent.KeysDerived)
                        .map(TraceText::describe)
                        .toList());
        String shown = String.join(
                "\n",
                everyKindOfEvent(true).stream()
                        .filter(e -> e instanceof TraceEvent.KeysDerived)
                        .map(TraceText::describe)
                        .toList());
        assertThat(shown).isNotEqualTo(hidden);
        assertThat(shown.length()).isGreaterThan(hidden.length());
    }
}
