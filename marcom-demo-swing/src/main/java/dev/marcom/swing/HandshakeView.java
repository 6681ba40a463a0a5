package dev.marcom.swing;

import dev.marcom.handshake.Role;
import dev.marcom.trace.Phase;
import dev.marcom.trace.TraceEvent;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.swing.JComponent;

/**
 * Draws the handshake as a live sequence diagram: the two lifelines, an arrow for every handshake
 * message as this side sends or receives it, and a note for every check this side performs
 * (signatures verified, ElGamal values validated, Finished MACs, the trust decision).
 */
final class HandshakeView extends JComponent {
  private static final long serialVersionUID = 1L;
  private static final int ROW = 26;
  private static final int TOP = 50;

  /** One row: an arrow (from this side or from the peer) or a note on this side's lifeline. */
  private record Step(boolean arrow, boolean outbound, String label, Phase phase) {
  }

  private final List<Step> steps = new ArrayList<>();
  private Role localRole = Role.CLIENT;

  HandshakeView() {
    setName("handshake-view");
    setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
  }

  /** Clears the diagram for a new session on this side's {@code role}. */
  void reset(Role role) {
    localRole = role;
    steps.clear();
    revalidate();
    repaint();
  }

  void add(TraceEvent event) {
    Step s = toStep(event);
    if (s != null) {
      steps.add(s);
      revalidate();
      repaint();
    }
  }

  int stepCount() {
    return steps.size();
  }

  private static Step toStep(TraceEvent event) {
    if (event instanceof TraceEvent.HandshakeMessage m) {
      return new Step(true, m.outbound(), m.name(), Phase.KEY_EXCHANGE);
    } else if (event instanceof TraceEvent.ElGamalKeyGenerated e) {
      return new Step(false, false, "fresh ElGamal key y = g^x (" + e.group() + ")",
          Phase.ELGAMAL);
    } else if (event instanceof TraceEvent.ElGamalValueValidated e) {
      return new Step(false, false, "✔ validated " + e.what(), Phase.ELGAMAL);
    } else if (event instanceof TraceEvent.ElGamalEncapsulation e) {
      return new Step(false, false, e.outbound() ? "encrypt secret: c1 = g^r, c2 = AEAD"
          : "decrypt secret from c1, c2", Phase.ELGAMAL);
    } else if (event instanceof TraceEvent.Signature s && !s.what().startsWith("message")
        && !s.what().startsWith("stream")) {
      return new Step(false, false, (s.outbound() ? "DSA sign: " : "✔ DSA verify: ") + s.what(),
          Phase.DSA);
    } else if (event instanceof TraceEvent.FinishedMac f) {
      return new Step(false, false, (f.outbound() ? "Finished MAC (" : "✔ Finished MAC (")
          + f.of().name().toLowerCase(Locale.ROOT) + ")", Phase.KEY_EXCHANGE);
    } else if (event instanceof TraceEvent.PeerTrusted p) {
      return new Step(false, false, "✔ trusted " + p.fingerprint().toString().substring(0, 19)
          + "…", Phase.KEY_EXCHANGE);
    } else if (event instanceof TraceEvent.HandshakeCompleted) {
      return new Step(false, false, "keys derived (HKDF) — secure session established",
          Phase.AES_GCM);
    } else if (event instanceof TraceEvent.Failure f) {
      return new Step(false, false, "✘ " + f.reason(), f.phase());
    }
    return null;
  }

  @Override
  public Dimension getPreferredSize() {
    return new Dimension(520, TOP + ROW * (steps.size() + 1));
  }

  @Override
  protected void paintComponent(Graphics g0) {
    Graphics2D g = (Graphics2D) g0.create();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      int w = getWidth();
      int left = 70;
      int right = w - 70;
      int bottom = TOP + ROW * (steps.size() + 1);
      boolean localLeft = localRole == Role.CLIENT;
      g.setColor(getForeground());
      g.setFont(getFont().deriveFont(Font.BOLD, 13f));
      drawCentered(g, localLeft ? "Client (you)" : "Client (peer)", left, 20);
      drawCentered(g, localLeft ? "Server (peer)" : "Server (you)", right, 20);
      g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
          new float[] {4f, 4f}, 0f));
      g.setColor(Color.GRAY);
      g.drawLine(left, 30, left, bottom);
      g.drawLine(right, 30, right, bottom);
      g.setStroke(new BasicStroke(2f));
      g.setFont(getFont());
      int y = TOP;
      for (Step s : steps) {
        g.setColor(PhaseColors.of(s.phase()));
        if (s.arrow()) {
          boolean fromLeft = s.outbound() == localLeft;
          int x1 = fromLeft ? left : right;
          int x2 = fromLeft ? right : left;
          g.drawLine(x1, y, x2, y);
          int dir = x2 > x1 ? -1 : 1;
          g.fillPolygon(new int[] {x2, x2 + dir * 10, x2 + dir * 10},
              new int[] {y, y - 5, y + 5}, 3);
          drawCentered(g, s.label(), (left + right) / 2, y - 5);
        } else {
          int x = localLeft ? left + 8 : right - 8;
          FontMetrics fm = g.getFontMetrics();
          int tw = fm.stringWidth(s.label());
          int tx = localLeft ? x : x - tw;
          g.drawString(s.label(), tx, y + 4);
        }
        y += ROW;
      }
    } finally {
      g.dispose();
    }
  }

  private static void drawCentered(Graphics2D g, String s, int x, int y) {
    int w = g.getFontMetrics().stringWidth(s);
    g.drawString(s, x - w / 2, y);
  }
}
