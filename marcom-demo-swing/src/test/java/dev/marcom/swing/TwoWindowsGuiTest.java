package dev.marcom.swing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.swing.edt.GuiActionRunner.execute;

import com.formdev.flatlaf.FlatDarkLaf;
import dev.marcom.CipherSuite;
import dev.marcom.trace.Phase;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.swing.JOptionPane;
import javax.swing.SwingUtilities;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JOptionPaneFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two real windows in one JVM, a server and a client, driven through their UI components under
 * a real display (Xvfb in CI): connect, chat both ways, stop one side and see the other report
 * "Closed by peer". The windows are sized to the screen the tests get (see
 * {@link TwoWindowLayout}), from 640x480 up. Skipped, with one line saying why, where no display
 * can be opened. Saves screenshots to target/screenshots.
 */
@RequiresDisplay
@Timeout(120)
class TwoWindowsGuiTest {
    private org.assertj.swing.core.Robot robot;
    private FrameFixture server;
    private FrameFixture client;
    private Rectangle screen;

    @TempDir
    Path tmp;
    /** What the screen showed when a test failed: target/screenshots/failed-(test).png. */
    @RegisterExtension
    final TestExecutionExceptionHandler screenshotOnFailure = (context, failure) -> {
        screenshot("failed-" + context.getRequiredTestMethod().getName());
        throw failure;
    };

    @BeforeEach
    void setUp() {
        screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
        Assumptions.assumeTrue(
                TwoWindowLayout.fits(screen),
                "screen " + screen.width + "x" + screen.height + " is smaller than the app's minimum window");
        FlatDarkLaf.setup();
        robot = BasicRobot.robotWithNewAwtHierarchy();
        MainWindow s = execute(() -> window("MARCOM server", "server"));
        MainWindow c = execute(() -> window("MARCOM client", "client"));
        server = new FrameFixture(robot, s);
        client = new FrameFixture(robot, c);
        TwoWindowLayout layout = TwoWindowLayout.on(screen);
        place(server, layout.server());
        place(client, layout.client());
    }

    private static void place(FrameFixture window, Rectangle bounds) {
        window.show(bounds.getSize());
        window.moveTo(bounds.getLocation());
    }

    private MainWindow window(String title, String name) {
        return new MainWindow(
                title,
                tmp.resolve(name + "-home"),
                tmp.resolve(name + "-received"),
                SessionController.ephemeralIdentities(),
                SessionController.knownPeers());
    }

    @AfterEach
    void tearDown() {
        if (robot != null) {
            robot.cleanUp();
        }
    }

    @Test
    void connectChatAndSeeThePeerStop() throws Exception {
        MainWindow sw = (MainWindow) server.target();
        MainWindow cw = (MainWindow) client.target();
        requireOnScreen(sw);
        requireOnScreen(cw);

        front(server).comboBox("role").selectItem("Server");
        server.spinner("port").select(0);
        server.button("toggle").click();
        waitFor(() -> sw.currentStatus() == ConnectionStatus.LISTENING, "server listening");
        int port = sw.controller().boundPort();

        front(client).comboBox("role").selectItem("Client");
        client.spinner("port").select(port);
        client.button("toggle").click();
        waitFor(
                () -> cw.currentStatus() == ConnectionStatus.CONNECTED
                        && sw.currentStatus() == ConnectionStatus.CONNECTED,
                "both connected");
        acceptFirstContact();
        client.label("status").requireText("● Connected");
        server.label("status").requireText("● Connected");
        assertThat(client.label("peer-fingerprint").text()).startsWith("SHA256:");
        assertThat(client.label("safety-number").text())
                .isEqualTo(server.label("safety-number").text());

        type(client, "hello from the client");
        front(client).button("send").click();
        waitFor(() -> execute(() -> sw.chat().entryCount()) >= 2, "server got the message");
        type(server, "hello back");
        front(server).button("send").click();
        waitFor(() -> execute(() -> cw.chat().entryCount()) >= 3, "client got the reply");

        ChatEntry received = execute(() -> sw.chat().get(sw.chat().entryCount() - 1));
        assertThat(received).isInstanceOf(ChatEntry.Message.class);
        ChatEntry.Message m = (ChatEntry.Message) received;
        assertThat(m.own()).isTrue();
        ChatEntry got = execute(() -> sw.chat().get(1));
        assertThat(((ChatEntry.Message) got).message().text()).isEqualTo("hello from the client");
        assertThat(((ChatEntry.Message) got).nonce()).isNotNull();
        assertThat(execute(() -> cw.console().eventCount())).isGreaterThan(25);
        assertThat(execute(() -> cw.handshakeView().stepCount())).isGreaterThan(8);
        screenshot("connected");

        // A file, as a drop on the chat would send it: saved on the server only once verified.
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new java.security.SecureRandom().nextBytes(content);
        Path file = tmp.resolve("report.bin");
        Files.write(file, content);
        execute(() -> cw.controller().sendFile(file));
        waitFor(
                () -> execute(() -> sw.chat().get(sw.chat().entryCount() - 1)) instanceof ChatEntry.File,
                "server saved the file");
        ChatEntry.File saved =
                (ChatEntry.File) execute(() -> sw.chat().get(sw.chat().entryCount() - 1));
        assertThat(saved.own()).isFalse();
        assertThat(saved.length()).isEqualTo(content.length);
        assertThat(Files.readAllBytes(tmp.resolve("server-received").resolve("report.bin")))
                .isEqualTo(content);
        try (var listing = Files.list(tmp.resolve("server-received"))) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("report.bin");
        }

        front(client).button("toggle").click();
        waitFor(() -> sw.currentStatus() == ConnectionStatus.CLOSED_BY_PEER, "server sees the close");
        server.label("status").requireText("● Closed by peer");
        client.label("status").requireText("● Stopped");
        screenshot("closed-by-peer");
    }

    /**
     * The suite chosen in both windows is the one used: the console and its legend name its key
     * transport and its paired signature algorithm (each window made its identity with it), and
     * the diagram's bands and arrows (with their sizes on the wire) follow it. No ElGamal or DSA
     * anywhere.
     */
    @ParameterizedTest
    @ValueSource(strings = {"modern", "pq"})
    void theChosenSuiteIsShownInConsoleAndDiagram(String name) throws Exception {
        CipherSuite suite = CipherSuite.bySuiteName(name);
        Phase kem = Phase.of(suite);
        Phase signature = Phase.of(suite.pairedSignature());
        MainWindow sw = (MainWindow) server.target();
        MainWindow cw = (MainWindow) client.target();

        front(server).comboBox("role").selectItem("Server");
        server.comboBox("suite").requireSelection("classic").selectItem(name);
        server.spinner("port").select(0);
        assertThat(execute(() -> sw.console().legend()))
                .contains(kem, signature)
                .doesNotContain(Phase.ELGAMAL);
        javax.swing.JLabel detail = server.label("suite-detail").target();
        assertThat(execute(() -> detail.getText())).startsWith(suite.keyTransport() + " key transport");
        assertThat(execute(() -> detail.isShowing() && detail.getHeight() > 0 && detail.getWidth() > 0))
                .isTrue();
        server.button("toggle").click();
        waitFor(() -> sw.currentStatus() == ConnectionStatus.LISTENING, "server listening");
        server.comboBox("suite").requireDisabled();

        front(client).comboBox("role").selectItem("Client");
        client.comboBox("suite").selectItem(name);
        client.spinner("port").select(sw.controller().boundPort());
        client.button("toggle").click();
        waitFor(
                () -> cw.currentStatus() == ConnectionStatus.CONNECTED
                        && sw.currentStatus() == ConnectionStatus.CONNECTED,
                "both connected");
        acceptFirstContact();
        client.comboBox("suite").requireDisabled();
        ChatEntry notice = execute(() -> cw.chat().get(0));
        assertThat(((ChatEntry.Notice) notice).text()).endsWith("(" + name + ")");

        for (MainWindow w : java.util.List.of(sw, cw)) {
            String console = execute(() -> w.console().text());
            assertThat(console)
                    .contains(PhaseColors.label(kem), PhaseColors.label(signature), suite.keyTransport())
                    .contains(suite.pairedSignature().displayName() + " signature")
                    .doesNotContain("ElGamal", "DSA-2048");
            assertThat(execute(() -> w.console().legend()))
                    .contains(kem, signature)
                    .doesNotContain(Phase.ELGAMAL, Phase.DSA);
            java.util.List<HandshakeDiagram.Row> rows =
                    execute(() -> w.handshakeView().rows());
            assertThat(rows)
                    .filteredOn(r -> r.kind() == HandshakeDiagram.Kind.HEADER)
                    .extracting(r -> r.label() + " @ " + r.phase())
                    .contains(
                            "Key transport: " + suite.keyTransport() + " @ " + kem,
                            "Authentication: " + suite.pairedSignature().displayName() + ", trust @ " + signature);
            assertThat(rows)
                    .filteredOn(r -> r.kind() == HandshakeDiagram.Kind.ARROW)
                    .extracting(HandshakeDiagram.Row::label)
                    .hasSize(4)
                    .allMatch(l -> l.matches(
                            "(ClientHello|ServerHello|ClientAuth|ServerFinished)" + " \\(\\d{1,3}(,\\d{3})* bytes\\)"));
        }
        screenshot("suite-" + name);

        front(client).button("toggle").click();
        waitFor(() -> sw.currentStatus() == ConnectionStatus.CLOSED_BY_PEER, "server sees the close");
        client.comboBox("suite").requireEnabled();
    }

    @Test
    void changedServerKeyIsASecurityFailureThatBlocks() throws Exception {
        MainWindow sw = (MainWindow) server.target();
        MainWindow cw = (MainWindow) client.target();
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        front(server).comboBox("role").selectItem("Server");
        server.spinner("port").select(port);
        front(client).comboBox("role").selectItem("Client");
        client.spinner("port").select(port);

        // First contact: recorded and reported in a (non-modal) dialog.
        front(server).button("toggle").click();
        waitFor(() -> sw.currentStatus() == ConnectionStatus.LISTENING, "server listening");
        front(client).button("toggle").click();
        waitFor(() -> cw.currentStatus() == ConnectionStatus.CONNECTED, "client connected");
        acceptFirstContact();
        assertThat(java.nio.file.Files.readString(tmp.resolve("client-home").resolve("known_peers")))
                .contains("127.0.0.1:" + port + " "
                        + client.label("peer-fingerprint").text());
        front(server).button("toggle").click();
        waitFor(() -> cw.currentStatus() == ConnectionStatus.CLOSED_BY_PEER, "client sees the close");

        // Same address, another identity (another home): the client must refuse it.
        javax.swing.JTextField home =
                (javax.swing.JTextField) server.textBox("home").target();
        execute(() -> home.setText(tmp.resolve("impostor-home").toString()));
        front(server).button("toggle").click();
        waitFor(() -> sw.currentStatus() == ConnectionStatus.LISTENING, "impostor listening");
        front(client).button("toggle").click();
        waitFor(() -> cw.currentStatus() == ConnectionStatus.SECURITY_FAILURE, "changed key refused");
        assertThat(client.label("status-detail").text()).contains("known_peers");
        screenshot("changed-key");
        JOptionPaneFixture error = org.assertj.swing.finder.JOptionPaneFinder.findOptionPane(
                        new org.assertj.swing.core.GenericTypeMatcher<javax.swing.JOptionPane>(
                                javax.swing.JOptionPane.class) {
                            @Override
                            protected boolean isMatching(javax.swing.JOptionPane pane) {
                                return pane.getMessageType() == javax.swing.JOptionPane.ERROR_MESSAGE;
                            }
                        })
                .withTimeout(10_000)
                .using(robot);
        error.requireMessage(Pattern.compile("(?s).*has changed.*line 3.*"));
        pressOk(SwingUtilities.getWindowAncestor(error.target()));
    }

    @Test
    void revealSecretsShowsABanner() {
        MainWindow sw = (MainWindow) server.target();
        assertThat(execute(() -> sw.bannerVisible())).isFalse();
        front(server).checkBox("reveal").click();
        server.label("banner").requireVisible();
    }

    /** Raises a window before the robot clicks in it: on a small screen the two overlap. */
    private static FrameFixture front(FrameFixture window) {
        window.moveToFront();
        return window;
    }

    /** Reads the client's "New peer" dialog and closes it, as a user would. */
    private void acceptFirstContact() throws InterruptedException {
        DialogFixture dialog = WindowFinder.findDialog("first-contact")
                .withTimeout(10, TimeUnit.SECONDS)
                .using(robot);
        JOptionPane pane = robot.finder().findByType(dialog.target(), JOptionPane.class);
        new JOptionPaneFixture(robot, pane)
                .requireMessage(Pattern.compile("(?s).*First contact with this peer.*known_peers.*"));
        pressOk(dialog.target());
    }

    /**
     * Closes a dialog that has just appeared with Enter (its OK button is the default button).
     * The keyboard, not a mouse click: under a bare X server (no window manager) Java sometimes
     * keeps believing a new dialog is at 0,0 while the server shows it centred (about one run in
     * ten at 640x480), so a click at the believed position of OK misses it.
     */
    private void pressOk(java.awt.Window dialog) throws InterruptedException {
        settle(dialog);
        requireOnScreen(dialog);
        for (int presses = 0; execute(() -> dialog.isVisible()); presses++) {
            if (presses == 3) {
                throw new AssertionError(dialog.getName() + " did not close after 3 presses of Enter");
            }
            robot.pressAndReleaseKey(java.awt.event.KeyEvent.VK_ENTER);
            eventually(() -> !dialog.isVisible(), 3);
        }
    }

    /**
     * Waits until a window that has just appeared is focused and its bounds stay put (under a
     * bare X server they can still change right after it is shown).
     */
    private void settle(java.awt.Window window) throws InterruptedException {
        Rectangle last = null;
        int unchanged = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (unchanged < 6) {
            Rectangle now = execute(() -> window.isShowing() && window.isFocused() ? window.getBounds() : null);
            unchanged = now != null && now.equals(last) ? unchanged + 1 : 0;
            last = now;
            if (System.nanoTime() > deadline) {
                throw new AssertionError(window.getName() + " did not settle: " + now);
            }
            Thread.sleep(50);
        }
    }

    /** The app must fit the screen it gets: every window and dialog wholly on it. */
    private void requireOnScreen(java.awt.Window window) {
        Rectangle bounds = execute(() -> window.getBounds());
        assertThat(screen.contains(bounds))
                .as("%s %s on screen %s", window.getName(), bounds, screen)
                .isTrue();
    }

    /** Sets the input text on the EDT (no keyboard focus needed under a bare Xvfb). */
    private static void type(FrameFixture window, String text) {
        javax.swing.JTextField field =
                (javax.swing.JTextField) window.textBox("input").target();
        execute(() -> field.setText(text));
    }

    private void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        if (!eventually(condition, 30)) {
            throw new AssertionError("timed out waiting for: " + what);
        }
    }

    /** Whether {@code condition}, polled on the EDT, holds within {@code seconds}. */
    private static boolean eventually(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (!execute(condition::getAsBoolean)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private void screenshot(String name) throws Exception {
        robot.waitForIdle();
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
        BufferedImage image = new Robot().createScreenCapture(screen);
        ImageIO.write(image, "png", dir.resolve(name + ".png").toFile());
    }
}
