package dev.marcom.swing;

import com.formdev.flatlaf.FlatDarkLaf;
import dev.marcom.CipherSuite;
import dev.marcom.identity.Identity;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.session.SessionConfig;
import dev.marcom.transport.InMemoryFrameChannel;
import dev.marcom.transport.SecureChannel;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.swing.SwingUtilities;

/**
 * Entry point of the desktop demo. {@code --version} prints the version; {@code --self-check}
 * runs a complete in-memory handshake and a signed message in every suite without opening a window (used to
 * test packaged app images); otherwise the window opens.
 */
public final class MarcomApp {
    private MarcomApp() {}

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
        Path home = dev.marcom.identity.MarcomHome.resolve(java.util.Optional.empty())
                .directory();
        Path receive = Path.of(System.getProperty("user.home"), "Downloads", "marcom");
        // null: identities come from the identity home (created on first use, passphrase dialog).
        MainWindow w = new MainWindow(title, home, receive, null, SessionController.knownPeers());
        // Its preferred size, but never larger than the screen's usable area (small laptop screens).
        java.awt.Rectangle usable =
                GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
        w.setSize(Math.min(w.getWidth(), usable.width), Math.min(w.getHeight(), usable.height));
        w.setLocationByPlatform(true);
        return w;
    }

    static String version() {
        String v = MarcomApp.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    /**
     * For every suite, a full handshake and one signed message between two sessions over an
     * in-memory transport, each side with an identity of the suite's paired signature algorithm,
     * with no window: proves the runtime has everything the app needs (the JDK's DSA, BouncyCastle's
     * X25519, Ed25519, ML-KEM and ML-DSA). Returns a one-line report naming each suite checked.
     */
    static String selfCheck() throws Exception {
        SecureRandom random = new SecureRandom();
        List<String> checked = new ArrayList<>();
        for (CipherSuite suite : CipherSuite.values()) {
            selfCheck(suite, random);
            checked.add(suite.suiteName() + " (" + suite.pairedSignature().displayName() + ")");
        }
        return "MARCOM self-check OK: " + String.join(", ", checked) + "; Java " + System.getProperty("java.version");
    }

    /** One suite's check. */
    private static void selfCheck(CipherSuite suite, SecureRandom random) throws Exception {
        Identity a = Identity.generate(suite.pairedSignature(), random);
        Identity b = Identity.generate(suite.pairedSignature(), random);
        InMemoryFrameChannel.Pair pair = InMemoryFrameChannel.pair();
        CompletableFuture<String> server = CompletableFuture.supplyAsync(() -> {
            try (SecureChannel ch = SecureChannel.accept(
                    pair.server(),
                    SessionConfig.builder(b, TrustPolicy.pinned(a.fingerprint()))
                            .suites(suite)
                            .build())) {
                return ch.receive().orElseThrow().text();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (SecureChannel ch = SecureChannel.connect(
                pair.client(),
                SessionConfig.builder(a, TrustPolicy.pinned(b.fingerprint()))
                        .suites(suite)
                        .build())) {
            ch.send("self-check");
            if (ch.session().suite() != suite) {
                throw new IllegalStateException(
                        "self-check negotiated " + ch.session().suite() + ", not " + suite);
            }
        }
        if (!server.get(30, TimeUnit.SECONDS).equals("self-check")) {
            throw new IllegalStateException("self-check message did not round-trip in " + suite.suiteName());
        }
    }
}
