package dev.marcom.swing;

import dev.marcom.CipherSuite;
import dev.marcom.trace.Phase;
import dev.marcom.trace.PhaseOutcome;
import dev.marcom.trace.TraceEvent;
import dev.marcom.trace.TraceText;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.FlowLayout;
import java.awt.Font;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextPane;
import javax.swing.text.BadLocationException;
import javax.swing.text.SimpleAttributeSet;
import javax.swing.text.StyleConstants;
import javax.swing.text.StyledDocument;

/**
 * The crypto console: renders the core's typed trace events, one colour per phase, filterable by
 * phase, with the filter checkboxes doubling as the legend. The legend shows the phases of the
 * chosen suite (its key transport and the paired signature algorithm, beside network, key
 * exchange, AES-GCM and SHA-256) and every other phase an event arrived in, such as a peer's
 * signature algorithm. The handshake's phases head their events, which are indented under them (a
 * phase's end is shown only when it failed). It renders events; it never parses text to decide
 * anything.
 */
final class ConsolePanel extends JPanel {
    private static final long serialVersionUID = 1L;
    private static final int MAX_ENTRIES = 4000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    /** The phases every suite shows. */
    private static final Set<Phase> COMMON = EnumSet.of(Phase.NETWORK, Phase.KEY_EXCHANGE, Phase.AES_GCM, Phase.SHA256);
    /** The label column's width: the longest label, so that the events line up. */
    private static final String LABEL_FORMAT = "%-"
            + Arrays.stream(Phase.values())
                    .mapToInt(p -> PhaseColors.label(p).length())
                    .max()
                    .orElseThrow()
            + "s ";

    /** An event, when it arrived, and whether a handshake phase was open (to indent it). */
    private record Entry(String time, TraceEvent event, boolean inPhase) {}

    private final JTextPane text = new JTextPane();
    private final Map<Phase, JCheckBox> filters = new EnumMap<>(Phase.class);
    private final Deque<Entry> entries = new ArrayDeque<>();
    private boolean phaseOpen;
    private CipherSuite suite = CipherSuite.CLASSIC;

    ConsolePanel() {
        super(new BorderLayout());
        text.setEditable(false);
        text.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 12));
        text.setName("console");
        JPanel legend = new JPanel(new WrapLayout(FlowLayout.LEFT, 6, 2));
        for (Phase p : Phase.values()) {
            JCheckBox box = new JCheckBox(PhaseColors.label(p), true);
            box.setForeground(PhaseColors.of(p));
            box.setName("filter-" + p.name());
            box.addActionListener(e -> rerender());
            filters.put(p, box);
            legend.add(box);
        }
        JButton clear = new JButton("Clear");
        clear.setName("console-clear");
        clear.addActionListener(e -> {
            entries.clear();
            showLegend();
            rerender();
        });
        legend.add(clear);
        showLegend();
        legend.setBorder(BorderFactory.createEmptyBorder(2, 2, 2, 2));
        add(legend, BorderLayout.NORTH);
        add(new JScrollPane(text), BorderLayout.CENTER);
    }

    /** Shows the legend for {@code chosen}, the suite of the next session. */
    void suite(CipherSuite chosen) {
        suite = chosen;
        showLegend();
    }

    /** The chosen suite's phases, and any other phase an event arrived in. */
    private void showLegend() {
        Set<Phase> shown = EnumSet.copyOf(COMMON);
        shown.add(Phase.of(suite));
        shown.add(Phase.of(suite.pairedSignature()));
        entries.forEach(e -> shown.add(e.event().phase()));
        filters.forEach((phase, box) -> box.setVisible(shown.contains(phase)));
        revalidate();
    }

    void add(TraceEvent event) {
        JCheckBox box = filters.get(event.phase());
        if (!box.isVisible()) {
            box.setVisible(true);
            revalidate();
        }
        if (event instanceof TraceEvent.PhaseStarted) {
            phaseOpen = false; // the header itself is not indented
        }
        Entry e = new Entry(LocalTime.now(ZoneId.systemDefault()).format(TIME), event, phaseOpen);
        if (event instanceof TraceEvent.PhaseStarted) {
            phaseOpen = true;
        } else if (event instanceof TraceEvent.PhaseEnded) {
            phaseOpen = false;
        }
        entries.addLast(e);
        if (entries.size() > MAX_ENTRIES) {
            entries.removeFirst();
            rerender();
        } else if (filters.get(event.phase()).isSelected()) {
            append(e);
        }
    }

    private void rerender() {
        text.setText("");
        for (Entry e : entries) {
            if (filters.get(e.event().phase()).isSelected()) {
                append(e);
            }
        }
    }

    private void append(Entry e) {
        if (e.event() instanceof TraceEvent.PhaseEnded end && end.outcome() == PhaseOutcome.SUCCEEDED) {
            return; // the next header, or the handshake's completion, shows it
        }
        StyledDocument doc = text.getStyledDocument();
        SimpleAttributeSet tag = new SimpleAttributeSet();
        Color color = PhaseColors.of(e.event().phase());
        StyleConstants.setForeground(tag, color);
        StyleConstants.setBold(tag, true);
        SimpleAttributeSet body = new SimpleAttributeSet();
        boolean failure = e.event() instanceof TraceEvent.Failure || e.event() instanceof TraceEvent.PhaseEnded;
        boolean header = e.event() instanceof TraceEvent.PhaseStarted;
        StyleConstants.setForeground(body, failure ? new Color(0xFF5C5C) : color.brighter());
        StyleConstants.setBold(body, failure || header);
        try {
            doc.insertString(doc.getLength(), e.time() + " ", null);
            doc.insertString(
                    doc.getLength(),
                    String.format(LABEL_FORMAT, PhaseColors.label(e.event().phase())),
                    tag);
            doc.insertString(doc.getLength(), (e.inPhase() ? "  " : "") + TraceText.describe(e.event()) + "\n", body);
        } catch (BadLocationException ex) {
            throw new IllegalStateException(ex);
        }
        text.setCaretPosition(doc.getLength());
    }

    /** The phases the legend shows (for tests). */
    Set<Phase> legend() {
        Set<Phase> shown = EnumSet.noneOf(Phase.class);
        filters.forEach((phase, box) -> {
            if (box.isVisible()) {
                shown.add(phase);
            }
        });
        return shown;
    }

    /** The text shown (for tests). */
    String text() {
        return text.getText();
    }

    /** The number of events received (for tests). */
    int eventCount() {
        return entries.size();
    }
}
