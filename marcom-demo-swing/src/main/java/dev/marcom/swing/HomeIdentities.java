package dev.marcom.swing;

import dev.marcom.CipherSuite;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.identity.Identity;
import dev.marcom.identity.IdentityFileException;
import dev.marcom.identity.IdentityFiles;
import dev.marcom.identity.MarcomHome;
import java.awt.Component;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.JOptionPane;
import javax.swing.JPasswordField;
import javax.swing.SwingUtilities;

/**
 * Loads the long-term identity from the identity home, creating it on first use with the chosen
 * suite's paired signature algorithm (an existing identity keeps its own). Runs on the
 * controller's background thread; passphrase prompts are shown on the Event Dispatch Thread and
 * waited for. A wrong passphrase is asked again (three tries).
 */
final class HomeIdentities implements SessionController.IdentityProvider {
    private final Component parent;

    HomeIdentities(Component parent) {
        this.parent = parent;
    }

    @Override
    public Identity identity(Path home, CipherSuite suite) throws Exception {
        IdentityFiles files = MarcomHome.resolve(Optional.of(home)).create().identityFiles();
        if (!files.exists()) {
            SignatureAlgorithm algorithm = suite.pairedSignature();
            char[] passphrase = ask("A new " + algorithm.displayName() + " identity will be created in " + home
                    + ".\n"
                    + "Passphrase to protect it (leave empty to store it unencrypted, readable by you only):");
            try {
                return files.generate(algorithm, passphrase, new SecureRandom(), false);
            } finally {
                wipe(passphrase);
            }
        }
        if (!files.isEncrypted()) {
            return files.load(null);
        }
        for (int attempt = 1; ; attempt++) {
            char[] passphrase = ask("Passphrase for the identity in " + home + ":");
            try {
                return files.load(passphrase);
            } catch (IdentityFileException e) {
                if (e.reason() != IdentityFileException.Reason.WRONG_PASSPHRASE || attempt == 3) {
                    throw e;
                }
            } finally {
                wipe(passphrase);
            }
        }
    }

    /** Shows a password dialog on the EDT; null if cancelled or empty. */
    private char[] ask(String message) throws Exception {
        AtomicReference<char[]> result = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            JPasswordField field = new JPasswordField(24);
            int ok = JOptionPane.showConfirmDialog(
                    parent,
                    new Object[] {message, field},
                    "MARCOM identity",
                    JOptionPane.OK_CANCEL_OPTION,
                    JOptionPane.QUESTION_MESSAGE);
            char[] p = field.getPassword();
            result.set(ok == JOptionPane.OK_OPTION && p.length > 0 ? p : null);
        });
        return result.get();
    }

    private static void wipe(char[] c) {
        if (c != null) {
            Arrays.fill(c, '\0');
        }
    }
}
