package dev.marcom.swing;

import dev.marcom.trace.Phase;
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
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
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
 * phase, with the filter checkboxes doubling as the legend. It renders events; it never parses
 * text to decide anything.
 */
final class ConsolePanel extends JPanel {
  private static final long serialVersionUID = 1L;
  private static final int MAX_ENTRIES = 4000;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private record Entry(String time, TraceEvent event) {
  }

  private final JTextPane text = new JTextPane();
  private final Map<Phase, JCheckBox> filters = new EnumMap<>(Phase.class);
  private final Deque<Entry> entries = new ArrayDeque<>();

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
    clear.addActionListener(e -> {
      entries.clear();
      rerender();
    });
    legend.add(clear);
    legend.setBorder(BorderFactory.createEmptyBorder(2, 2, 2, 2));
    add(legend, BorderLayout.NORTH);
    add(new JScrollPane(text), BorderLayout.CENTER);
  }

  void add(TraceEvent event) {
    Entry e = new Entry(LocalTime.now(ZoneId.systemDefault()).format(TIME), event);
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
    StyledDocument doc = text.getStyledDocument();
    SimpleAttributeSet tag = new SimpleAttributeSet();
    Color color = PhaseColors.of(e.event().phase());
    StyleConstants.setForeground(tag, color);
    StyleConstants.setBold(tag, true);
    SimpleAttributeSet body = new SimpleAttributeSet();
    boolean failure = e.event() instanceof TraceEvent.Failure;
    StyleConstants.setForeground(body, failure ? new Color(0xFF5C5C) : color.brighter());
    StyleConstants.setBold(body, failure);
    try {
      doc.insertString(doc.getLength(), e.time() + " ", null);
      doc.insertString(doc.getLength(),
          String.format("%-13s", PhaseColors.label(e.event().phase())), tag);
      doc.insertString(doc.getLength(), TraceText.describe(e.event()) + "\n", body);
    } catch (BadLocationException ex) {
      throw new IllegalStateException(ex);
    }
    text.setCaretPosition(doc.getLength());
  }

  /** The number of events received (for tests). */
  int eventCount() {
    return entries.size();
  }
}
