package dev.marcom.swing;

import dev.marcom.SignatureAlgorithm;
import dev.marcom.trace.Phase;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Font;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.time.format.DateTimeFormatter;
import javax.swing.BorderFactory;
import javax.swing.DefaultListModel;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.ListCellRenderer;
import javax.swing.SwingConstants;

/**
 * The chat pane: own and peer messages, each with a badge for its verified signature (named after
 * the signer's algorithm), its
 * sequence number and time. Double-clicking a message shows its SHA-256, signature, signed data
 * and the record's nonce and tag. Every text it shows goes through {@link PeerText}: control
 * characters and bidirectional overrides appear escaped, and a message's lines stay in its bubble.
 */
final class ChatPanel extends JPanel {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final DefaultListModel<ChatEntry> model = new DefaultListModel<>();
    private final JList<ChatEntry> list = new JList<>(model);

    ChatPanel() {
        super(new BorderLayout());
        list.setName("chat");
        list.setCellRenderer(new Renderer());
        list.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                if (e.getClickCount() == 2) {
                    int i = list.locationToIndex(e.getPoint());
                    if (i >= 0) {
                        showDetails(model.get(i));
                    }
                }
            }
        });
        add(new JScrollPane(list), BorderLayout.CENTER);
    }

    void add(ChatEntry entry) {
        model.addElement(entry);
        list.ensureIndexIsVisible(model.size() - 1);
    }

    int entryCount() {
        return model.size();
    }

    ChatEntry get(int i) {
        return model.get(i);
    }

    private void showDetails(ChatEntry entry) {
        String details;
        if (entry instanceof ChatEntry.Message m) {
            var msg = m.message();
            details = "Direction: " + msg.direction() + "\nSequence: #" + msg.sequence()
                    + "\nSigner: " + msg.signer().fingerprint()
                    + "\n\nSHA-256(plaintext):\n" + msg.sha256().hex()
                    + "\n\n" + msg.signer().algorithm().displayName() + " signature:\n"
                    + wrap(msg.signature().hex())
                    + "\n\nSigned data:\n" + wrap(msg.signedData().hex())
                    + "\n\nRecord nonce: "
                    + (m.nonce() == null ? "n/a" : m.nonce().hex())
                    + "\nRecord tag:   " + (m.tag() == null ? "n/a" : m.tag().hex());
        } else if (entry instanceof ChatEntry.File f) {
            details = "File: " + PeerText.escape(f.name()) + "\nSize: " + f.length()
                    + " bytes\nSHA-256: " + f.sha256().hex()
                    + "\nSignature verified over the whole file's SHA-256.";
        } else {
            return;
        }
        JTextArea area = new JTextArea(details, 18, 70);
        area.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 12));
        area.setEditable(false);
        JOptionPane.showMessageDialog(this, new JScrollPane(area), "Message details", JOptionPane.INFORMATION_MESSAGE);
    }

    private static String wrap(String hex) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 64) {
            b.append(hex, i, Math.min(hex.length(), i + 64)).append('\n');
        }
        return b.toString().strip();
    }

    /** Renders each entry as a bubble with its badge line. */
    private static final class Renderer implements ListCellRenderer<ChatEntry> {
        private final JPanel panel = new JPanel(new BorderLayout());
        private final JLabel text = new JLabel();
        private final JLabel meta = new JLabel();

        Renderer() {
            panel.add(text, BorderLayout.CENTER);
            panel.add(meta, BorderLayout.SOUTH);
            meta.setFont(meta.getFont().deriveFont(Font.PLAIN, 11f));
            panel.setBorder(BorderFactory.createEmptyBorder(5, 10, 5, 10));
        }

        @Override
        public Component getListCellRendererComponent(
                JList<? extends ChatEntry> list, ChatEntry value, int index, boolean selected, boolean focus) {
            String time = value.time().format(TIME);
            boolean own =
                    value instanceof ChatEntry.Message m0 ? m0.own() : value instanceof ChatEntry.File f0 && f0.own();
            String align = value instanceof ChatEntry.Notice ? "center" : own ? "right" : "left";
            if (value instanceof ChatEntry.Message m) {
                // Peer text is escaped: no bidi override reorders the bubble, and its line breaks
                // stay inside it, under its own badge.
                text.setText(html(m.message().text(), align));
                SignatureAlgorithm signer = m.message().signer().algorithm();
                meta.setText((own ? "you · signed" : "peer · ✔ " + signer.displayName() + " signature verified")
                        + " · #" + m.message().sequence() + " · " + time);
                meta.setForeground(own ? Color.GRAY : PhaseColors.of(Phase.of(signer)));
            } else if (value instanceof ChatEntry.File f) {
                text.setText(html("📎 " + f.name() + " (" + f.length() + " bytes)", align));
                meta.setText((own
                                ? "you · file sent, signed"
                                : "peer · ✔ " + f.signer().displayName() + " file signature verified, saved")
                        + " · " + time);
                meta.setForeground(own ? Color.GRAY : PhaseColors.of(Phase.of(f.signer())));
            } else if (value instanceof ChatEntry.Notice n) {
                text.setText(html("— " + n.text() + " —", align));
                meta.setText(time);
                meta.setForeground(Color.GRAY);
            }
            int swingAlign = value instanceof ChatEntry.Notice
                    ? SwingConstants.CENTER
                    : own ? SwingConstants.RIGHT : SwingConstants.LEFT;
            text.setHorizontalAlignment(swingAlign);
            meta.setHorizontalAlignment(swingAlign);
            panel.setBackground(selected ? list.getSelectionBackground() : list.getBackground());
            text.setForeground(selected ? list.getSelectionForeground() : list.getForeground());
            return panel;
        }

        private static String html(String s, String align) {
            return "<html><body style='width: 320px'><p align='" + align + "'>" + PeerText.html(s)
                    + "</p></body></html>";
        }
    }
}
