package dev.marcom.swing;

import dev.marcom.Role;
import dev.marcom.trace.TraceEvent;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.List;
import javax.swing.JComponent;

/**
 * Draws the handshake as a live sequence diagram: the two lifelines, an arrow for every handshake
 * message as this side sends or receives it (with its size on the wire), and a note for every
 * check this side performs (signatures verified, the key-transport values validated, Finished
 * MACs, the trust decision), grouped in tinted bands, one per handshake phase, named in the margin
 * after the suite's key transport and the signature algorithms used, and coloured like them; a
 * failed phase turns red. What to draw comes from {@link HandshakeDiagram}, built from typed
 * events.
 */
final class HandshakeView extends JComponent {
    private static final long serialVersionUID = 1L;
    private static final int ROW = 26;
    private static final int HEADER = 18;
    private static final int TOP = 50;
    private static final Color FAILED = new Color(0xFF5C5C);

    private final HandshakeDiagram diagram = new HandshakeDiagram();
    private Role localRole = Role.CLIENT;

    HandshakeView() {
        setName("handshake-view");
        setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    }

    /** Clears the diagram for a new session on this side's {@code role}. */
    void reset(Role role) {
        localRole = role;
        diagram.clear();
        revalidate();
        repaint();
    }

    void add(TraceEvent event) {
        if (diagram.add(event)) {
            revalidate();
            repaint();
        }
    }

    /** The number of arrows and notes (for tests). */
    int stepCount() {
        return diagram.labels().size();
    }

    /** The rows drawn, headers included (for tests). */
    List<HandshakeDiagram.Row> rows() {
        return diagram.rows();
    }

    private static int height(HandshakeDiagram.Row r) {
        return r.kind() == HandshakeDiagram.Kind.HEADER ? HEADER : ROW;
    }

    @Override
    public Dimension getPreferredSize() {
        int h = TOP + ROW;
        for (HandshakeDiagram.Row r : diagram.rows()) {
            h += height(r);
        }
        return new Dimension(520, h);
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0.create();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            List<HandshakeDiagram.Row> rows = diagram.rows();
            List<HandshakeDiagram.Band> bands = diagram.bands();
            int w = getWidth();
            int left = 70;
            int right = w - 70;
            // Row i spans [tops[i], tops[i + 1]); arrows and text sit near its middle.
            int[] tops = new int[rows.size() + 1];
            tops[0] = TOP - ROW / 2;
            for (int i = 0; i < rows.size(); i++) {
                tops[i + 1] = tops[i] + height(rows.get(i));
            }
            int bottom = tops[rows.size()] + ROW / 2;
            boolean localLeft = localRole == Role.CLIENT;
            for (HandshakeDiagram.Band b : bands) {
                int end = b.end() < 0 ? rows.size() : b.end();
                Color c = b.failed()
                        ? FAILED
                        : PhaseColors.of(rows.get(b.header()).phase());
                g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 28));
                g.fillRoundRect(2, tops[b.header()] + 1, w - 4, tops[end] - tops[b.header()] - 2, 8, 8);
            }
            g.setColor(getForeground());
            g.setFont(getFont().deriveFont(Font.BOLD, 13f));
            drawCentered(g, localLeft ? "Client (you)" : "Client (peer)", left, 20);
            drawCentered(g, localLeft ? "Server (peer)" : "Server (you)", right, 20);
            g.setStroke(
                    new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
            g.setColor(Color.GRAY);
            g.drawLine(left, 30, left, bottom);
            g.drawLine(right, 30, right, bottom);
            g.setStroke(new BasicStroke(2f));
            Font plain = getFont();
            Font header = plain.deriveFont(Font.BOLD, 11f);
            for (int i = 0; i < rows.size(); i++) {
                HandshakeDiagram.Row r = rows.get(i);
                int y = tops[i] + height(r) / 2;
                g.setColor(PhaseColors.of(r.phase()));
                switch (r.kind()) {
                    case HEADER -> {
                        boolean failed = failed(bands, i);
                        g.setFont(header);
                        g.setColor(failed ? FAILED : g.getColor());
                        String text = r.label() + (failed ? "  ✘" : "");
                        int tw = g.getFontMetrics().stringWidth(text);
                        g.drawString(text, localLeft ? 6 : w - 6 - tw, y + 4);
                        g.setFont(plain);
                    }
                    case ARROW -> {
                        boolean fromLeft = r.outbound() == localLeft;
                        int x1 = fromLeft ? left : right;
                        int x2 = fromLeft ? right : left;
                        g.drawLine(x1, y, x2, y);
                        int dir = x2 > x1 ? -1 : 1;
                        g.fillPolygon(new int[] {x2, x2 + dir * 10, x2 + dir * 10}, new int[] {y, y - 5, y + 5}, 3);
                        drawCentered(g, r.label(), (left + right) / 2, y - 5);
                    }
                    case NOTE -> {
                        int x = localLeft ? left + 8 : right - 8;
                        FontMetrics fm = g.getFontMetrics();
                        int tw = fm.stringWidth(r.label());
                        g.drawString(r.label(), localLeft ? x : x - tw, y + 4);
                    }
                }
            }
        } finally {
            g.dispose();
        }
    }

    private static boolean failed(List<HandshakeDiagram.Band> bands, int headerRow) {
        return bands.stream().anyMatch(b -> b.header() == headerRow && b.failed());
    }

    private static void drawCentered(Graphics2D g, String s, int x, int y) {
        int w = g.getFontMetrics().stringWidth(s);
        g.drawString(s, x - w / 2, y);
    }
}
