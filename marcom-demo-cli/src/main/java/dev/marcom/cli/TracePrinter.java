package dev.marcom.cli;

import dev.marcom.trace.PhaseOutcome;
import dev.marcom.trace.TraceEvent;
import dev.marcom.trace.TraceListener;
import dev.marcom.trace.TraceText;
import java.io.PrintWriter;

/**
 * Renders core trace events as coloured lines: {@code [who] PHASE  description}. The start of a
 * handshake phase is a bold header line over the events in it; its end is printed only when the
 * phase failed (the next header, or the handshake's completion, shows it otherwise). Decisions
 * are taken on the typed events, never on their text.
 */
final class TracePrinter implements TraceListener {
    private final PrintWriter out;
    private final Style style;
    private final String who;
    private final Object lock;

    /** @param lock shared by printers writing to the same stream, so lines never interleave */
    TracePrinter(PrintWriter out, Style style, String who, Object lock) {
        this.out = out;
        this.style = style;
        this.who = who;
        this.lock = lock;
    }

    @Override
    public void onEvent(TraceEvent event) {
        boolean failed = event instanceof TraceEvent.Failure
                || (event instanceof TraceEvent.PhaseEnded e && e.outcome() == PhaseOutcome.FAILED);
        if (event instanceof TraceEvent.PhaseEnded && !failed) {
            return;
        }
        String label = String.format("%-12s", event.phase().name());
        String text = TraceText.describe(event);
        String line = "[" + who + "] " + style.phase(event.phase(), label) + " "
                + (failed ? style.error(text) : event instanceof TraceEvent.PhaseStarted ? style.bold(text) : text);
        synchronized (lock) {
            out.println(line);
            out.flush();
        }
    }
}
