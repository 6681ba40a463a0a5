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
                        + "[client] KEY_EXCHANGE ── authentication (DSA signatures, trust) ──" + nl
                        + "[client] DSA          FAILED: server handshake signature did not verify" + nl
                        + "[client] KEY_EXCHANGE ── authentication (DSA signatures, trust) failed ──" + nl);
    }
}
