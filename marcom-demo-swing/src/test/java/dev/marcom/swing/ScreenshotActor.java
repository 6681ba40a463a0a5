package dev.marcom.swing;

import com.formdev.flatlaf.FlatDarkLaf;
import java.awt.Component;
import java.awt.Container;
import java.awt.Window;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.AbstractButton;
import javax.swing.JComboBox;
import javax.swing.JDialog;
import javax.swing.JPasswordField;
import javax.swing.JSpinner;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;

/**
 * One person in the README screenshot (not a test): opens the real app window, as
 * {@code java -jar marcom-swing.jar} does, with the identity home of the user running it, and
 * plays a short scripted session through the window's own controls and dialogs: create the
 * identity (passphrase dialog), listen or connect, accept the first-contact dialog, confirm the
 * safety number with Verify…, and send one message. Prints {@code LISTENING} and {@code READY}
 * for marcom-demo-swing/screenshot.sh, which runs Alice's server and Bob's client in two processes
 * and captures the screen.
 *
 * <p>Usage: {@code ScreenshotActor server|client PORT X Y WIDTH HEIGHT}
 */
final class ScreenshotActor {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String PASSPHRASE = "correct horse battery staple";

    private ScreenshotActor() {}

    public static void main(String[] args) throws Exception {
        boolean server = args[0].equals("server");
        int port = Integer.parseInt(args[1]);
        FlatDarkLaf.setup();
        MainWindow window = onEdt(() -> {
            MainWindow w = MarcomApp.open("MARCOM");
            w.setBounds(
                    Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]));
            w.setVisible(true);
            return w;
        });
        onEdt(() -> {
            find(window, "role", JComboBox.class).setSelectedIndex(server ? 0 : 1);
            find(window, "port", JSpinner.class).setValue(port);
            return null;
        });
        click(window, "toggle");

        // A new identity home: the app asks for a passphrase to protect the new key.
        JDialog identity = await(() -> dialog("MARCOM identity"), "the passphrase dialog");
        onEdt(() -> {
            find(identity, null, JPasswordField.class).setText(PASSPHRASE);
            return null;
        });
        click(identity, "OK");

        if (server) {
            until(() -> window.currentStatus() == ConnectionStatus.LISTENING, "listening");
            System.out.println("LISTENING");
            until(() -> window.currentStatus() == ConnectionStatus.CONNECTED, "connected");
            verifySafetyNumber(window);
            until(() -> messages(window, false) >= 1, "Bob's message");
            send(window, "Same here, verified. Sending you the slides next.");
        } else {
            until(() -> window.currentStatus() == ConnectionStatus.CONNECTED, "connected");
            JDialog firstContact = await(() -> dialog("New peer"), "the first-contact dialog");
            click(firstContact, "OK");
            until(() -> !firstContact.isVisible(), "the first-contact dialog closed");
            verifySafetyNumber(window);
            send(window, "Hi Alice, it's Bob. Our safety numbers match, I read them out on the phone.");
            until(() -> messages(window, false) >= 1, "Alice's reply");
            onEdt(
                    () -> { // the handshake as a sequence diagram, next to Alice's console
                        find(window, null, javax.swing.JTabbedPane.class).setSelectedIndex(1);
                        return null;
                    });
        }
        Thread.sleep(500); // the last repaint
        System.out.println("READY");
    }

    /** Verify…, then Yes: both screens show the same number (it turns green). */
    private static void verifySafetyNumber(MainWindow window) throws Exception {
        SwingUtilities.invokeLater(
                () -> find(window, "verify", AbstractButton.class).doClick());
        JDialog verify = await(() -> dialog("Verify safety number"), "the verify dialog");
        click(verify, "Yes");
        until(() -> !verify.isVisible(), "the verify dialog closed");
    }

    private static void send(MainWindow window, String text) throws Exception {
        onEdt(() -> {
            find(window, "input", JTextField.class).setText(text);
            return null;
        });
        click(window, "send");
        until(() -> messages(window, true) >= 1, "own message shown");
    }

    private static long messages(MainWindow window, boolean own) {
        long n = 0;
        for (int i = 0; i < window.chat().entryCount(); i++) {
            if (window.chat().get(i) instanceof ChatEntry.Message m && m.own() == own) {
                n++;
            }
        }
        return n;
    }

    /** Clicks the button named {@code nameOrText} (or, in a dialog, with that text). */
    private static void click(Container in, String nameOrText) {
        SwingUtilities.invokeLater(() -> {
            AbstractButton b = findOptional(in, nameOrText, AbstractButton.class)
                    .or(() -> findText(in, nameOrText))
                    .orElseThrow(() -> new IllegalStateException("no button " + nameOrText));
            b.doClick();
        });
    }

    private static JDialog dialog(String title) {
        for (Window w : Window.getWindows()) {
            if (w instanceof JDialog d && d.isShowing() && title.equals(d.getTitle())) {
                return d;
            }
        }
        return null;
    }

    private static <T extends Component> T find(Container in, String name, Class<T> type) {
        return findOptional(in, name, type)
                .orElseThrow(() -> new IllegalStateException("no " + type.getSimpleName() + " " + name));
    }

    private static <T extends Component> Optional<T> findOptional(Container in, String name, Class<T> type) {
        for (Component c : in.getComponents()) {
            if (type.isInstance(c) && (name == null || name.equals(c.getName()))) {
                return Optional.of(type.cast(c));
            }
            if (c instanceof Container k) {
                Optional<T> found = findOptional(k, name, type);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<AbstractButton> findText(Container in, String text) {
        for (Component c : in.getComponents()) {
            if (c instanceof AbstractButton b && text.equals(b.getText())) {
                return Optional.of(b);
            }
            if (c instanceof Container k) {
                Optional<AbstractButton> found = findText(k, text);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static void until(java.util.function.BooleanSupplier condition, String what) throws Exception {
        await(() -> condition.getAsBoolean() ? Boolean.TRUE : null, what);
    }

    /** Polls {@code probe} on the EDT until it returns non-null. */
    private static <T> T await(Callable<T> probe, String what) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            T value = onEdt(probe);
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static <T> T onEdt(Callable<T> task) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                result.set(task.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
