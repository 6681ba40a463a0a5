package dev.marcom.cli;

import dev.marcom.Fingerprint;
import dev.marcom.HandshakeTimeoutException;
import dev.marcom.MarcomException;
import dev.marcom.identity.KnownPeerPolicy;
import dev.marcom.identity.KnownPeers;
import dev.marcom.identity.RefusedByPeerException;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.transport.NotMarcomPeerException;
import dev.marcom.transport.SecureChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code marcom connect HOST[:PORT]}: a chat session with a listening peer. */
@Command(
        name = "connect",
        mixinStandardHelpOptions = true,
        description = {
            "Connect to a peer and chat: each stdin line is a signed, encrypted message; "
                    + "/send PATH sends a file; /help lists the commands; /quit, end of input, Ctrl-C or "
                    + "SIGTERM close the session cleanly (close_notify).",
            "Received messages go to stdout, diagnostics to stderr."
        })
final class ConnectCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Marcom app;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "HOST[:PORT]", description = "The peer (default port 30000).")
    String target;

    @Option(
            names = "--expect",
            paramLabel = "FINGERPRINT",
            description = "Accept only this server identity (SHA256:...).")
    String expect;

    /** How the server's identity is checked against known_peers. */
    enum Trust {
        tofu,
        strict
    }

    @Option(
            names = "--trust",
            defaultValue = "tofu",
            paramLabel = "tofu|strict",
            description = "tofu: record a new server in known_peers, refuse a changed key (default); "
                    + "strict: only servers already in known_peers.")
    Trust trust;

    @Mixin
    ChatOptions options;

    private static final int CONNECT_TIMEOUT_MS = 10_000;

    @Override
    @SuppressWarnings("try") // the ExitHook resource is the signal handler's lifetime, not a value
    public Integer call() throws Exception {
        HostPort hp;
        Fingerprint expected = null;
        try {
            hp = HostPort.parse(target);
            if (expect != null) {
                expected = Fingerprint.parse(expect);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try (ChatSetup setup = ChatSetup.create(app, spec, options)) {
            KnownPeers known = KnownPeers.open(setup.home.directory().resolve(KnownPeers.FILE_NAME));
            KnownPeerPolicy policy = trust == Trust.strict ? known.strict(hp.address()) : known.tofu(hp.address());
            TrustPolicy serverTrust =
                    expected == null ? policy : TrustPolicy.expect(expected).and(policy);
            SecureChannel channel;
            try {
                channel = SecureChannel.connect(open(hp), setup.config(serverTrust, "client"));
            } catch (IOException | MarcomException e) {
                Exception shown = explain(e, hp);
                setup.terminal.event(JsonLine.event("error").put("message", String.valueOf(shown.getMessage())));
                setup.terminal.event(
                        JsonLine.event("closed").put("reason", CloseReason.of(e).wire()));
                throw shown;
            }
            setup.announce(
                    channel,
                    policy.decision().map(KnownPeerPolicy.Decision::newPeer).orElse(false));
            PeerSession session;
            try {
                session = new PeerSession(
                        channel, setup.terminal, setup.receiveDir, setup.receiveLimits, setup.recorder());
            } catch (IOException e) {
                channel.close();
                throw new IllegalArgumentException("cannot create the transcript: " + e.getMessage(), e);
            }
            OpenSessions sessions = new OpenSessions();
            sessions.add(session);
            try (ExitHook hook = setup.closeOnSignal(sessions, () -> {})) {
                session.start();
                // End of input, like /quit, closes the session: `echo hi | marcom connect` sends and ends.
                ChatRunner.run(
                        new InputLines(app.stdin()),
                        sessions::list,
                        setup.terminal,
                        () -> session.ended().isDone());
                sessions.closeAll(ChatSetup.CLOSE_WAIT);
            }
            return session.ended().get(30, TimeUnit.SECONDS).exitCode();
        }
    }

    /**
     * A socket connected to {@code hp}; failures say what happened in the user's terms ("unknown
     * host x", "cannot connect to x:1: connection refused") instead of the JDK's bare text.
     */
    private static Socket open(HostPort hp) throws IOException {
        InetSocketAddress address = new InetSocketAddress(hp.host(), hp.port());
        if (address.isUnresolved()) {
            throw new UnknownHostException("unknown host " + hp.host());
        }
        Socket socket = new Socket();
        try {
            socket.connect(address, CONNECT_TIMEOUT_MS);
            return socket;
        } catch (IOException e) {
            socket.close();
            String why = e instanceof SocketTimeoutException
                    ? "no answer within " + CONNECT_TIMEOUT_MS / 1000 + " s"
                    : reason(e);
            throw new IOException("cannot connect to " + hp.address() + ": " + why, e);
        }
    }

    /**
     * The failure of a handshake in the user's terms: a silent or foreign peer, or a refusal, is
     * said plainly with what to do; anything else is shown as it is. The exit code stays the
     * original's (a foreign or silent peer: 4; a refusal: 3).
     */
    private Exception explain(Exception e, HostPort hp) {
        if (e instanceof HandshakeTimeoutException) {
            return new ExitCodes.Explained(
                    ExitCodes.NETWORK,
                    "no MARCOM handshake from "
                            + hp.address() + " within " + Seconds.format(options.timeout)
                            + " (is a MARCOM peer listening there? --timeout changes the wait)",
                    e);
        }
        if (e instanceof NotMarcomPeerException foreign) {
            return new ExitCodes.Explained(
                    ExitCodes.NETWORK,
                    hp.address() + " does not speak MARCOM (it sent: " + foreign.excerpt() + "); check the port",
                    e);
        }
        if (e instanceof RefusedByPeerException refused) {
            return new ExitCodes.Explained(
                    ExitCodes.SECURITY,
                    "the server refused this identity (" + refused.identity() + "); ask its operator to add it",
                    e);
        }
        return e;
    }

    /** The JDK's text for a socket failure ("Connection refused") as the end of our sentence. */
    static String reason(IOException e) {
        String m = String.valueOf(e.getMessage());
        return m.isEmpty() ? e.getClass().getSimpleName() : m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1);
    }
}
