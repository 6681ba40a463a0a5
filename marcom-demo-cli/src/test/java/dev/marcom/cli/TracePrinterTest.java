package dev.marcom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.trace.HandshakePhase;
import dev.marcom.trace.Phase;
import dev.marcom.trace.PhaseOutcome;
import dev.marcom.trace.TraceEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** How the CLI prints the handshake's phase events. */
class TracePrinterTest {
    private static String print(TraceEvent... events) {
        StringWriter out = new StringWriter();
        TracePrinter printer = new TracePrinter(new PrintWriter(out), Style.plain(), "client", new Object());
        for (TraceEvent e : events) {
            printer.onEvent(e);
        }
        return out.toString();
    }

    @Test
    void aPhaseIsAHeaderAndItsEndIsPrintedOnlyWhenItFailed() {
        String nl = System.lineSeparator();
        assertThat(print(
                        new TraceEvent.PhaseStarted(HandshakePhase.NEGOTIATION),
                        new TraceEvent.PhaseEnded(HandshakePhase.NEGOTIATION, PhaseOutcome.SUCCEEDED),
                        new TraceEvent.PhaseStarted(HandshakePhase.AUTHENTICATION),
                        new TraceEvent.Failure(Phase.DSA, "server handshake signature did not verify"),
                        new TraceEvent.PhaseEnded(HandshakePhase.AUTHENTICATION, PhaseOutcome.FAILED)))
                .isEqualTo("[client] KEY_EXCHANGE ── negotiation (hellos) ──" + nl
                        + "[client] KEY_EXCHANGE ── authentication (signatures, trust) ──" + nl
                        + "[client] DSA          FAILED: server handshake signature did not verify" + nl
                        + "[client] KEY_EXCHANGE ── authentication (signatures, trust) failed ──" + nl);
    }

    /** Each primitive's lines carry its own colour, the modern and post-quantum ones included. */
    @Test
    void eachPrimitiveIsPrintedInItsOwnColour() {
        java.util.Map<Phase, String> colours = new java.util.EnumMap<>(Phase.class);
        for (Phase phase :
                new Phase[] {Phase.ELGAMAL, Phase.DSA, Phase.X25519, Phase.ML_KEM, Phase.ED25519, Phase.ML_DSA}) {
            StringWriter out = new StringWriter();
            new TracePrinter(new PrintWriter(out), Style.ansi(), "server", new Object())
                    .onEvent(new TraceEvent.Failure(phase, "x"));
            String label = String.format("%-12s", phase.name());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                            "\\[server\\] \u001b\\[([0-9;]+)m" + java.util.regex.Pattern.quote(label) + "\u001b\\[0m ")
                    .matcher(out.toString());
            assertThat(m.find()).as(out.toString()).isTrue();
            colours.put(phase, m.group(1));
        }
        assertThat(colours.values()).doesNotHaveDuplicates();
    }
}
