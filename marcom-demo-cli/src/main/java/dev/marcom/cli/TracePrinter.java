package dev.marcom.cli;

import dev.marcom.trace.TraceEvent;
import dev.marcom.trace.TraceListener;
import dev.marcom.trace.TraceText;
import java.io.PrintWriter;

/** Renders core trace events as coloured lines: {@code [who] PHASE  description}. */
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
    String label = String.format("%-12s", event.phase().name());
    String text = TraceText.describe(event);
    String line = "[" + who + "] " + style.phase(event.phase(), label) + " "
        + (event instanceof TraceEvent.Failure ? style.error(text) : text);
    synchronized (lock) {
      out.println(line);
      out.flush();
    }
  }
}
