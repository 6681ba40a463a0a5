package dev.marcom.cli;

import dev.marcom.trace.TraceListener;
import java.io.PrintWriter;
import java.util.List;

/**
 * Where the chat commands write: received messages and JSON events to stdout, diagnostics,
 * progress bars and the trace to stderr. All writes are serialised so lines never interleave.
 */
final class Terminal {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final Style style;
    private final boolean errIsTty;
    private final Object lock = new Object();
    private boolean progressLineOpen;

    Terminal(PrintWriter out, PrintWriter err, boolean json, Style style, boolean errIsTty) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.style = style;
        this.errIsTty = errIsTty;
    }

    boolean json() {
        return json;
    }

    Style style() {
        return style;
    }

    /** A JSON event line on stdout (only in --json mode). */
    void event(JsonLine line) {
        if (!json) {
            return;
        }
        synchronized (lock) {
            endProgress();
            out.println(line);
            out.flush();
        }
    }

    /**
     * A line of chat output on stdout (only in human mode). Text from a peer must have gone
     * through {@link PeerText} first.
     */
    void chat(String line) {
        chat(List.of(line));
    }

    /**
     * Lines of chat output on stdout (only in human mode), printed together: no other output comes
     * between them, so the lines of one peer's message stay together in a multi-client listen.
     */
    void chat(List<String> lines) {
        if (json) {
            return;
        }
        synchronized (lock) {
            endProgress();
            for (String line : lines) {
                out.println(line);
            }
            out.flush();
        }
    }

    /** A diagnostic line on stderr. */
    void info(String line) {
        synchronized (lock) {
            endProgress();
            err.println(line);
            err.flush();
        }
    }

    /** A trace listener printing each event on stderr, coloured by phase. */
    TraceListener tracer(String who) {
        return new TracePrinter(err, style, who, lock);
    }

    /** Progress of one transfer on stderr. */
    final class Progress {
        private final String label;
        private final long total;
        private int lastQuarter = -1;

        private Progress(String label, long total) {
            this.label = label;
            this.total = total;
        }

        /**
         * Shows {@code done} bytes: a bar redrawn in place on a terminal, otherwise a line at each
         * quarter (or every 16 MiB when the total is unknown).
         */
        void update(long done) {
            synchronized (lock) {
                if (errIsTty) {
                    int width = 30;
                    int filled = total > 0 ? (int) Math.min(width, width * done / total) : 0;
                    String bar = "#".repeat(filled) + ".".repeat(width - filled);
                    String amount = total > 0 ? (100 * done / total) + "%" : done + " bytes";
                    err.print("\r" + label + " [" + bar + "] " + amount + "   ");
                    err.flush();
                    progressLineOpen = true;
                } else {
                    int quarter = total > 0 ? (int) (4 * done / total) : (int) (done >> 24);
                    if (quarter != lastQuarter) {
                        lastQuarter = quarter;
                        err.println(
                                label + ": " + (total > 0 ? (100 * done / total) + "% of " + total : done) + " bytes");
                        err.flush();
                    }
                }
            }
        }

        /** Ends the bar's line. */
        void done() {
            synchronized (lock) {
                endProgress();
            }
        }
    }

    Progress progress(String label, long total) {
        return new Progress(label, total);
    }

    private void endProgress() {
        if (progressLineOpen) {
            err.println();
            progressLineOpen = false;
        }
    }
}
