package dev.marcom.swing;

import com.formdev.flatlaf.FlatDarkLaf;
import dev.marcom.handshake.Handshake;
import dev.marcom.handshake.HandshakeStep;
import dev.marcom.identity.Identity;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.session.Inbound;
import dev.marcom.session.Session;
import dev.marcom.session.SessionConfig;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.security.SecureRandom;
import javax.swing.SwingUtilities;

/**
 * Entry point of the desktop demo. {@code --version} prints the version; {@code --self-check}
 * runs a complete in-memory handshake and a signed message without opening a window (used to
 * test packaged app images); otherwise the window opens.
 */
public final class MarcomApp {
  private MarcomApp() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("--version")) {
      System.out.println("MARCOM " + version());
      return;
    }
    if (args.length == 1 && args[0].equals("--self-check")) {
      System.out.println(selfCheck());
      return;
    }
    if (args.length > 0) {
      System.err.println("usage: marcom-swing [--version | --self-check]");
      System.exit(2);
    }
    if (GraphicsEnvironment.isHeadless()) {
      System.err.println("marcom-swing: no display available (try --self-check)");
      System.exit(4);
    }
    FlatDarkLaf.setup();
    SwingUtilities.invokeLater(() -> open("MARCOM").setVisible(true));
  }

  /** Creates a window with the default identity home ($MARCOM_HOME or ~/.marcom). */
  static MainWindow open(String title) {
    Path home = dev.marcom.identity.MarcomHome.resolve(java.util.Optional.empty()).directory();
    Path receive = Path.of(System.getProperty("user.home"), "Downloads", "marcom");
    // null: identities come from the identity home (created on first use, passphrase dialog).
    MainWindow w = new MainWindow(title, home, receive, null, SessionController.knownPeers());
    w.setLocationByPlatform(true);
    return w;
  }

  static String version() {
    String v = MarcomApp.class.getPackage().getImplementationVersion();
    return v == null ? "(development build)" : v;
  }

  /** Handshake plus one signed message, entirely in memory; returns a one-line report. */
  static String selfCheck() throws Exception {
    SecureRandom random = new SecureRandom();
    Identity a = Identity.generate(random);
    Identity b = Identity.generate(random);
    Handshake client = Handshake.client(SessionConfig.builder(a, TrustPolicy.acceptAny()).build());
    Handshake server = Handshake.server(SessionConfig.builder(b, TrustPolicy.acceptAny()).build());
    HandshakeStep c = client.start();
    HandshakeStep s = server.start();
    Session cs = null;
    Session ss = null;
    for (int i = 0; i < 8 && (cs == null || ss == null); i++) {
      if (c instanceof HandshakeStep.Send send) {
        c = client.next();
        s = server.receive(send.frame());
      } else if (s instanceof HandshakeStep.Send send) {
        s = server.next();
        c = client.receive(send.frame());
      }
      if (c instanceof HandshakeStep.Established e) {
        cs = e.session();
      }
      if (s instanceof HandshakeStep.Established e) {
        ss = e.session();
      }
    }
    if (cs == null || ss == null) {
      throw new IllegalStateException("self-check handshake did not complete");
    }
    Inbound in = ss.open(cs.seal("self-check"));
    if (!(in instanceof Inbound.Message m) || !m.message().text().equals("self-check")) {
      throw new IllegalStateException("self-check message did not round-trip");
    }
    return "MARCOM self-check OK: " + cs.suite() + ", session " + cs.sessionId().abbreviated(4)
        + ", Java " + System.getProperty("java.version");
  }
}
