package dev.marcom.swing;

import dev.marcom.Bytes;
import dev.marcom.CipherSuite;
import dev.marcom.Role;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.identity.PeerIdentity;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.session.VerifiedStream;
import dev.marcom.trace.TraceEvent;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.datatransfer.DataFlavor;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.io.File;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.JSpinner;
import javax.swing.JSplitPane;
import javax.swing.JTabbedPane;
import javax.swing.JTextField;
import javax.swing.SpinnerNumberModel;
import javax.swing.TransferHandler;

/**
 * The main window (the view): connection panel, chat, crypto console, handshake view and the
 * peer's identity. It renders what the {@link SessionController} reports and forwards the user's
 * actions to it; it does no network or crypto work itself.
 */
final class MainWindow extends JFrame implements ControllerListener {
    private static final long serialVersionUID = 1L;
    /** Small enough for a 640x480 screen; the layout still shows every control at this size. */
    static final Dimension MINIMUM_SIZE = new Dimension(600, 420);
    /** Starts a dialog message wrapped to a width that fits a small screen (words stay whole). */
    private static final String WRAP = "<html><body style='width: 420px'>";

    private final SessionController controller;
    private final JComboBox<String> role = new JComboBox<>(new String[] {"Server", "Client"});
    private final JComboBox<String> suite = new JComboBox<>(
            Arrays.stream(CipherSuite.values()).map(CipherSuite::suiteName).toArray(String[]::new));
    private final JLabel suiteDetail = new JLabel();
    private final JTextField host = new JTextField("127.0.0.1", 12);
    private final JSpinner port = new JSpinner(new SpinnerNumberModel(30000, 0, 65535, 1));
    private final JTextField home = new JTextField(18);
    private final JButton toggle = new JButton("Establish connection");
    private final JLabel status = new JLabel();
    private final JLabel statusDetail = new JLabel();
    private final JCheckBox reveal = new JCheckBox("Reveal secrets (teaching)");
    private final JLabel banner = new JLabel(" ⚠ REVEAL SECRETS IS ON — session keys appear in the "
            + "console. Anyone who sees this screen can decrypt the session. ");
    private final JProgressBar progress = new JProgressBar();
    private final JTextField input = new JTextField();
    private final JButton send = new JButton("Send");
    private final JButton sendFile = new JButton("Send file…");
    private final JLabel ownFingerprint = new JLabel("—");
    private final JLabel peerFingerprint = new JLabel("—");
    private final JLabel safetyNumber = new JLabel("—");
    private final JButton verify = new JButton("Verify…");
    private final ChatPanel chat = new ChatPanel();
    private final ConsolePanel console = new ConsolePanel();
    private final HandshakeView handshake = new HandshakeView();
    private final Path receiveDir;
    private ConnectionStatus current = ConnectionStatus.IDLE;
    private TraceEvent.AeadRecord lastInbound;
    private TraceEvent.AeadRecord lastOutbound;
    /** The signature algorithms of this side's identity and of the peer's, once known. */
    private SignatureAlgorithm ownAlgorithm = SignatureAlgorithm.DSA_2048_256;

    private SignatureAlgorithm peerAlgorithm = SignatureAlgorithm.DSA_2048_256;

    MainWindow(
            String title,
            Path defaultHome,
            Path receiveDir,
            SessionController.IdentityProvider identities,
            SessionController.TrustProvider trust) {
        super(title);
        this.receiveDir = receiveDir;
        this.controller =
                new SessionController(this, identities != null ? identities : new HomeIdentities(this), trust);
        setDefaultCloseOperation(JFrame.DISPOSE_ON_CLOSE);
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosed(WindowEvent e) {
                controller.stop();
            }
        });
        home.setText(defaultHome.toString());
        port.setEditor(new JSpinner.NumberEditor(port, "#")); // a port, not an amount: no "30,000"
        name();
        getContentPane().setLayout(new BorderLayout());
        JPanel north = new JPanel(new BorderLayout());
        north.add(connectionPanel(), BorderLayout.CENTER);
        banner.setOpaque(true);
        banner.setBackground(new Color(0xB00020));
        banner.setForeground(Color.WHITE);
        banner.setFont(banner.getFont().deriveFont(Font.BOLD));
        banner.setVisible(false);
        north.add(banner, BorderLayout.SOUTH);
        getContentPane().add(north, BorderLayout.NORTH);

        JTabbedPane tabs = new JTabbedPane();
        tabs.addTab("Crypto console", console);
        tabs.addTab("Handshake", new JScrollPane(handshake));
        JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, chatPanel(), tabs);
        split.setResizeWeight(0.45);
        split.setDividerLocation(440);
        getContentPane().add(split, BorderLayout.CENTER);
        getContentPane().add(identityPanel(), BorderLayout.SOUTH);

        toggle.addActionListener(e -> onToggle());
        send.addActionListener(e -> onSend());
        input.addActionListener(e -> onSend());
        sendFile.addActionListener(e -> onChooseFile());
        verify.addActionListener(e -> onVerify());
        reveal.addActionListener(e -> banner.setVisible(reveal.isSelected()));
        role.addActionListener(e -> host.setText("127.0.0.1"));
        suite.setSelectedItem(CipherSuite.CLASSIC.suiteName());
        suite.addActionListener(e -> onSuite());
        onSuite();
        chat.setTransferHandler(new FileDrop());
        status(ConnectionStatus.IDLE, "choose a role and establish a connection");
        setMinimumSize(MINIMUM_SIZE);
        pack();
    }

    private void name() {
        role.setName("role");
        suite.setName("suite");
        suiteDetail.setName("suite-detail");
        host.setName("host");
        port.setName("port");
        home.setName("home");
        toggle.setName("toggle");
        status.setName("status");
        statusDetail.setName("status-detail");
        reveal.setName("reveal");
        banner.setName("banner");
        progress.setName("progress");
        input.setName("input");
        send.setName("send");
        sendFile.setName("send-file");
        ownFingerprint.setName("own-fingerprint");
        peerFingerprint.setName("peer-fingerprint");
        safetyNumber.setName("safety-number");
        verify.setName("verify");
    }

    /**
     * Four rows: where to connect, who you are, which suite, what is happening. Narrow enough for a
     * 640-pixel screen: the text fields shrink and a long status or suite detail is cut with an
     * ellipsis (the full text is its tooltip).
     */
    private JComponent connectionPanel() {
        JPanel p = new JPanel(new GridBagLayout());
        p.setBorder(BorderFactory.createEmptyBorder(8, 8, 4, 8));
        host.setMinimumSize(new Dimension(90, host.getPreferredSize().height));
        home.setMinimumSize(new Dimension(120, home.getPreferredSize().height));
        port.setMinimumSize(new Dimension(80, port.getPreferredSize().height));
        cell(p, 0, 0, 1, 0, new JLabel("Role"));
        cell(p, 1, 0, 1, 0, role);
        cell(p, 2, 0, 1, 0, new JLabel("Address"));
        cell(p, 3, 0, 1, 1, host);
        cell(p, 4, 0, 1, 0, new JLabel("Port"));
        cell(p, 5, 0, 1, 0, port);
        cell(p, 0, 1, 1, 0, new JLabel("Identity home"));
        cell(p, 1, 1, 3, 1, home);
        cell(p, 4, 1, 2, 0, reveal);
        // The suite's row: its combo spans the columns of the role and the address label, so that
        // the window is no wider than before.
        // Its text's width must not widen the window: it takes the room there is, with an
        // ellipsis (the full text is its tooltip). Its height is a line's, whatever its text.
        int line = new JLabel("Xg").getPreferredSize().height;
        suiteDetail.setMinimumSize(new Dimension(0, line));
        suiteDetail.setPreferredSize(new Dimension(120, line));
        cell(p, 0, 2, 1, 0, new JLabel("Suite"));
        cell(p, 1, 2, 2, 0, suite);
        cell(p, 3, 2, 3, 1, suiteDetail);
        cell(p, 0, 3, 2, 0, toggle);
        cell(p, 2, 3, 4, 1, statusLine());
        return p;
    }

    private static void cell(JPanel panel, int x, int y, int width, double weight, JComponent c) {
        GridBagConstraints g = new GridBagConstraints();
        g.gridx = x;
        g.gridy = y;
        g.gridwidth = width;
        g.weightx = weight;
        g.insets = new Insets(2, 4, 2, 4);
        g.anchor = GridBagConstraints.WEST;
        g.fill = GridBagConstraints.HORIZONTAL;
        panel.add(c, g);
    }

    private JComponent statusLine() {
        JPanel st = new JPanel(new GridBagLayout());
        status.setFont(status.getFont().deriveFont(Font.BOLD, 14f));
        progress.setIndeterminate(true);
        progress.setVisible(false);
        progress.setPreferredSize(new Dimension(200, 16));
        progress.setMinimumSize(new Dimension(60, 16));
        // A JLabel's minimum width is its text's: allow it to shrink so that it gets an ellipsis.
        statusDetail.setMinimumSize(new Dimension(0, statusDetail.getPreferredSize().height));
        GridBagConstraints g = new GridBagConstraints();
        g.insets = new Insets(0, 0, 0, 8);
        g.anchor = GridBagConstraints.WEST;
        st.add(status, g);
        g.weightx = 0.3;
        st.add(progress, g);
        g.weightx = 1;
        g.fill = GridBagConstraints.HORIZONTAL;
        g.insets = new Insets(0, 0, 0, 0);
        st.add(statusDetail, g);
        return st;
    }

    private JComponent chatPanel() {
        JPanel p = new JPanel(new BorderLayout(4, 4));
        p.setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 4));
        p.setPreferredSize(new Dimension(440, 400));
        p.setMinimumSize(new Dimension(320, 200));
        p.add(chat, BorderLayout.CENTER);
        JPanel bottom = new JPanel(new BorderLayout(4, 4));
        bottom.add(input, BorderLayout.CENTER);
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 4, 0));
        buttons.add(sendFile);
        buttons.add(send);
        bottom.add(buttons, BorderLayout.EAST);
        p.add(bottom, BorderLayout.SOUTH);
        return p;
    }

    private JComponent identityPanel() {
        JPanel p = new JPanel(new GridBagLayout());
        p.setBorder(BorderFactory.createCompoundBorder(
                BorderFactory.createMatteBorder(1, 0, 0, 0, Color.DARK_GRAY),
                BorderFactory.createEmptyBorder(4, 8, 4, 8)));
        GridBagConstraints c = new GridBagConstraints();
        c.insets = new Insets(1, 4, 1, 4);
        c.anchor = GridBagConstraints.WEST;
        Object[][] rows = {
            {"Your fingerprint", ownFingerprint}, {"Peer fingerprint", peerFingerprint}, {"Safety number", safetyNumber}
        };
        for (int i = 0; i < rows.length; i++) {
            c.gridy = i;
            c.gridx = 0;
            c.weightx = 0;
            p.add(new JLabel((String) rows[i][0]), c);
            c.gridx = 1;
            c.weightx = 1;
            JLabel value = (JLabel) rows[i][1];
            value.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 12));
            p.add(value, c);
        }
        c.gridx = 2;
        c.gridy = 0;
        c.gridheight = 3;
        c.weightx = 0;
        c.anchor = GridBagConstraints.EAST;
        p.add(verify, c);
        verify.setEnabled(false);
        return p;
    }

    // ---- user actions (EDT) ----------------------------------------------------------------

    /** The suite chosen: the only one this side will offer (client) or accept (server). */
    private CipherSuite chosenSuite() {
        return CipherSuite.bySuiteName((String) suite.getSelectedItem());
    }

    private void onSuite() {
        CipherSuite s = chosenSuite();
        String detail = s.keyTransport() + " key transport; a new identity signs with "
                + s.pairedSignature().displayName();
        suiteDetail.setText(detail);
        suiteDetail.setToolTipText(detail);
        suite.setToolTipText("the only suite this side offers (client) or accepts (server)");
        console.suite(s);
    }

    private void onToggle() {
        if (current.active()) {
            controller.stop();
            return;
        }
        boolean server = role.getSelectedIndex() == 0;
        handshake.reset(server ? Role.SERVER : Role.CLIENT);
        console.suite(chosenSuite());
        peerFingerprint.setText("—");
        safetyNumber.setText("—");
        verify.setEnabled(false);
        controller.start(new Settings(
                server,
                host.getText().strip(),
                (Integer) port.getValue(),
                homePath(home.getText().strip(), Path.of(System.getProperty("user.home"))),
                receiveDir,
                reveal.isSelected(),
                chosenSuite()));
    }

    /**
     * The identity home as typed, with a leading {@code ~} meaning the user's home as in a shell
     * (otherwise "~/.marcom" would create a directory named "~" in the working directory).
     */
    static Path homePath(String typed, Path userHome) {
        if (typed.equals("~")) {
            return userHome;
        }
        if (typed.startsWith("~/") || typed.startsWith("~" + java.io.File.separator)) {
            return userHome.resolve(typed.substring(2));
        }
        return Path.of(typed);
    }

    private void onSend() {
        String text = input.getText();
        if (text.isEmpty() || current != ConnectionStatus.CONNECTED) {
            return;
        }
        input.setText("");
        controller.send(text);
    }

    private void onChooseFile() {
        if (current != ConnectionStatus.CONNECTED) {
            return;
        }
        JFileChooser chooser = new JFileChooser();
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            controller.sendFile(chooser.getSelectedFile().toPath());
        }
    }

    private void onVerify() {
        int answer = JOptionPane.showConfirmDialog(
                this,
                "<html>Read the safety number aloud with your peer (phone, in person):<br><br><b>"
                        + safetyNumber.getText() + "</b><br><br>Your fingerprint: " + ownFingerprint.getText()
                        + "<br>Peer fingerprint: " + peerFingerprint.getText()
                        + "<br><br>Do both screens show the same safety number?</html>",
                "Verify safety number",
                JOptionPane.YES_NO_OPTION);
        if (answer == JOptionPane.YES_OPTION) {
            safetyNumber.setForeground(PhaseColors.of(dev.marcom.trace.Phase.AES_GCM));
            safetyNumber.setToolTipText("verified by you");
        } else if (answer == JOptionPane.NO_OPTION) {
            controller.stop();
            JOptionPane.showMessageDialog(
                    this,
                    "The safety numbers differ: someone may be in the " + "middle. The session was closed.",
                    "Verification failed",
                    JOptionPane.ERROR_MESSAGE);
        }
    }

    /** Accepts files dropped on the chat. */
    private final class FileDrop extends TransferHandler {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean canImport(TransferSupport support) {
            return current == ConnectionStatus.CONNECTED
                    && support.isDataFlavorSupported(DataFlavor.javaFileListFlavor);
        }

        @Override
        public boolean importData(TransferSupport support) {
            try {
                @SuppressWarnings("unchecked")
                List<File> files =
                        (List<File>) support.getTransferable().getTransferData(DataFlavor.javaFileListFlavor);
                files.forEach(f -> controller.sendFile(f.toPath()));
                return true;
            } catch (Exception e) {
                return false;
            }
        }
    }

    // ---- controller callbacks (EDT) --------------------------------------------------------

    @Override
    public void status(ConnectionStatus s, String detail) {
        current = s;
        status.setText("● " + s.label());
        status.setForeground(s.color());
        statusDetail.setText(detail);
        statusDetail.setToolTipText(detail);
        toggle.setText(s.active() ? "Stop" : "Establish connection");
        progress.setVisible(s == ConnectionStatus.GENERATING_KEYS);
        boolean connected = s == ConnectionStatus.CONNECTED;
        input.setEnabled(connected);
        send.setEnabled(connected);
        sendFile.setEnabled(connected);
        for (JComponent c : List.of(role, suite, host, port, home, reveal)) {
            c.setEnabled(!s.active());
        }
        if (s == ConnectionStatus.CLOSED_BY_PEER
                || s == ConnectionStatus.CONNECTION_LOST
                || s == ConnectionStatus.SECURITY_FAILURE) {
            chat.add(new ChatEntry.Notice(s.label() + ": " + detail, now()));
        }
        if (s == ConnectionStatus.SECURITY_FAILURE) {
            JOptionPane.showMessageDialog(this, wrapped(detail), "Security failure", JOptionPane.ERROR_MESSAGE);
        }
    }

    /** Plain text as a wrapped dialog message. */
    private static String wrapped(String text) {
        return WRAP + escape(text).replace("\n", "<br>") + "</body></html>";
    }

    /** The time of day on the user's clock, as the chat shows it. */
    private static LocalTime now() {
        return LocalTime.now(ZoneId.systemDefault());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void trace(TraceEvent event) {
        console.add(event);
        handshake.add(event);
        if (event instanceof TraceEvent.AeadRecord r) {
            if (r.outbound()) {
                lastOutbound = r;
            } else {
                lastInbound = r;
            }
        }
    }

    @Override
    public void identityReady(String fingerprint, SignatureAlgorithm algorithm) {
        ownFingerprint.setText(fingerprint);
        ownAlgorithm = algorithm;
    }

    @Override
    public void connected(PeerIdentity peer, String number, String suiteName, java.util.Optional<String> firstContact) {
        peerFingerprint.setText(peer.fingerprint().toString());
        peerAlgorithm = peer.algorithm();
        safetyNumber.setText(number);
        safetyNumber.setForeground(peerFingerprint.getForeground());
        verify.setEnabled(true);
        chat.add(new ChatEntry.Notice("secure session with " + peer.fingerprint() + " (" + suiteName + ")", now()));
        firstContact.ifPresent(where -> {
            chat.add(new ChatEntry.Notice("first contact: identity recorded in " + where, now()));
            javax.swing.JOptionPane pane = new javax.swing.JOptionPane(
                    WRAP + "<b>First contact with "
                            + "this peer.</b><br><br>Its identity " + peer.fingerprint() + " was recorded in "
                            + escape(where) + ". From now on a different key at this address is refused.<br><br>"
                            + "Compare the safety number with your peer (Verify…) to be sure nobody is in the "
                            + "middle:<br><b>" + number + "</b></body></html>",
                    javax.swing.JOptionPane.INFORMATION_MESSAGE);
            javax.swing.JDialog dialog = pane.createDialog(this, "New peer");
            dialog.setModal(false);
            dialog.setName("first-contact");
            dialog.setVisible(true);
        });
    }

    @Override
    public void messageSent(VerifiedMessage message) {
        chat.add(new ChatEntry.Message(true, message, now(), nonce(lastOutbound), tag(lastOutbound)));
    }

    @Override
    public void messageReceived(VerifiedMessage message) {
        chat.add(new ChatEntry.Message(false, message, now(), nonce(lastInbound), tag(lastInbound)));
    }

    private static Bytes nonce(TraceEvent.AeadRecord r) {
        return r == null ? null : r.nonce();
    }

    private static Bytes tag(TraceEvent.AeadRecord r) {
        return r == null ? null : r.tag();
    }

    @Override
    public void transferProgress(boolean outbound, String name, long done, long total) {
        progress.setVisible(true);
        progress.setIndeterminate(total <= 0);
        progress.setStringPainted(true);
        if (total > 0) {
            progress.setMaximum(1000);
            progress.setValue((int) (1000 * done / total));
        }
        progress.setString((outbound ? "sending " : "receiving ") + name);
        if (total > 0 && done >= total) {
            progress.setVisible(false);
        }
    }

    @Override
    public void fileReceived(Path saved, VerifiedStream stream) {
        progress.setVisible(false);
        chat.add(new ChatEntry.File(
                false, saved.getFileName().toString(), stream.length(), stream.sha256(), peerAlgorithm, now()));
    }

    @Override
    public void fileSent(String name, long length, Bytes sha256) {
        progress.setVisible(false);
        chat.add(new ChatEntry.File(true, name, length, sha256, ownAlgorithm, now()));
    }

    // ---- for tests ----------------------------------------------------------------------------

    SessionController controller() {
        return controller;
    }

    boolean bannerVisible() {
        return banner.isVisible();
    }

    ConnectionStatus currentStatus() {
        return current;
    }

    ChatPanel chat() {
        return chat;
    }

    ConsolePanel console() {
        return console;
    }

    HandshakeView handshakeView() {
        return handshake;
    }
}
