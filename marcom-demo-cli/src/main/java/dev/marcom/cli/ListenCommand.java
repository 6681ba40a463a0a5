package dev.marcom.cli;

import dev.marcom.MarcomException;
import dev.marcom.identity.AuthorizedPeerPolicy;
import dev.marcom.identity.AuthorizedPeers;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.transport.SecureChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code marcom listen}: serve chat sessions, each client its own session. */
@Command(
        name = "listen",
        mixinStandardHelpOptions = true,
        description = {
            "Wait for peers and chat: each stdin line goes to every connected peer; "
                    + "/send PATH sends a file to each; /help lists the commands.",
            "/quit, Ctrl-C or SIGTERM close every session cleanly (close_notify). When stdin ends, "
                    + "or there is none, it keeps serving until a signal.",
            "Clients are trusted like OpenSSH's authorized_keys: by their fingerprint in "
                    + "<home>/authorized_peers (see --trust)."
        })
final class ListenCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Marcom app;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--bind",
            defaultValue = "127.0.0.1",
            paramLabel = "ADDR",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(
            names = "--port",
            defaultValue = "30000",
            paramLabel = "N",
            description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--once",
            description = {
                "Serve one established session, then exit with its "
                        + "code. Failed handshakes (strangers, wrong ports, refused clients) do not count."
            })
    boolean once;

    /** With --once: whether a session was established (later ones are turned away). */
    private final java.util.concurrent.atomic.AtomicBoolean claimed = new java.util.concurrent.atomic.AtomicBoolean();

    /** How clients are trusted, with the authorized_peers file. */
    enum Trust {
        tofu,
        authorized,
        any
    }

    @Option(
            names = "--trust",
            defaultValue = "authorized",
            paramLabel = "authorized|tofu|any",
            description = {
                "authorized (default): only clients listed in <home>/authorized_peers; others "
                        + "are told they were refused. tofu: also record and accept a new client (trust on "
                        + "first use). any: every client, nothing checked (demos only)."
            })
    Trust trust;

    @Option(
            names = "--max-handshakes",
            defaultValue = "32",
            paramLabel = "N",
            description = "Handshakes in progress at once; more connections are closed at once "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxHandshakes;

    @Option(
            names = "--max-per-address",
            defaultValue = "8",
            paramLabel = "N",
            description = "Open connections from one remote address (default: ${DEFAULT-VALUE}).")
    int maxPerAddress;

    @Option(
            names = "--max-sessions",
            defaultValue = "256",
            paramLabel = "N",
            description = "Established sessions at once (default: ${DEFAULT-VALUE}).")
    int maxSessions;

    @Mixin
    ChatOptions options;

    private ConnectionLimits limits;
    private final OpenSessions sessions = new OpenSessions();
    private final CompletableFuture<CloseReason> first = new CompletableFuture<>();

    @Override
    // The ExitHook resource is the signal handler's lifetime, not a value; the server socket is
    // closed early on purpose (no new peers while the sessions close) and again, harmlessly, at end.
    @SuppressWarnings("try")
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535");
        }
        if (maxHandshakes < 1 || maxPerAddress < 1 || maxSessions < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--max-handshakes, --max-per-address and --max-sessions must be at least 1");
        }
        limits = new ConnectionLimits(maxHandshakes, maxPerAddress, maxSessions);
        try (ChatSetup setup = ChatSetup.create(app, spec, options);
                ServerSocket server = openServer(bind, port);
                ExitHook hook = setup.closeOnSignal(sessions, () -> closeQuietly(server))) {
            int actual = server.getLocalPort();
            setup.terminal.info("listening on " + Addresses.format(bind, actual));
            setup.terminal.event(
                    JsonLine.event("listening").put("address", bind).put("port", actual));
            AuthorizedPeers known = AuthorizedPeers.open(setup.home.directory().resolve(AuthorizedPeers.FILE_NAME));
            Thread acceptor = new Thread(() -> acceptLoop(server, setup, known), "marcom-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            ChatRunner.End end = ChatRunner.run(
                    new InputLines(app.stdin()), sessions::list, setup.terminal, () -> once && first.isDone());
            if (end == ChatRunner.End.END_OF_INPUT) {
                // No (more) input: serve on, as a background service does, until a signal (or, with
                // --once, the end of the session).
                setup.terminal.info("marcom: no more input; serving until interrupted (Ctrl-C or " + "SIGTERM)"
                        + (once ? " or the session ends" : ""));
                if (once) {
                    first.join();
                } else {
                    new CountDownLatch(1).await();
                }
            }
            server.close();
            sessions.closeAll(ChatSetup.CLOSE_WAIT);
            return once && first.isDone() ? first.get().exitCode() : ExitCodes.OK;
        }
    }

    /** A server socket bound to {@code host:port}; failures name the address. */
    private static ServerSocket openServer(String host, int port) throws IOException {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new UnknownHostException("unknown host " + host);
        }
        ServerSocket server = new ServerSocket();
        try {
            server.bind(new InetSocketAddress(address, port));
            return server;
        } catch (IOException e) {
            server.close();
            throw new IOException(
                    "cannot listen on " + Addresses.format(host, port) + ": " + ConnectCommand.reason(e), e);
        }
    }

    private static void closeQuietly(ServerSocket server) {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void acceptLoop(ServerSocket server, ChatSetup setup, AuthorizedPeers known) {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                setup.terminal.info("marcom: accept failed: " + e.getMessage());
                return;
            }
            StringBuilder why = new StringBuilder();
            ConnectionLimits.Claim claim = limits.admit(socket.getInetAddress(), why);
            if (claim == null) {
                setup.terminal.info(
                        "marcom: turned away " + Addresses.format(socket.getRemoteSocketAddress()) + ": " + why);
                closeQuietly(socket);
                continue;
            }
            Thread t = new Thread(
                    () -> {
                        boolean handedOver = false;
                        try {
                            handedOver = serve(socket, setup, known, server, claim);
                        } finally {
                            if (!handedOver) {
                                claim.release();
                                closeQuietly(socket);
                            }
                        }
                    },
                    "marcom-session");
            t.setDaemon(true);
            t.start();
        }
    }

    /**
     * Runs one connection's handshake and, if it succeeds, starts its session.
     *
     * @return whether a session now owns the connection and {@code claim} (released when it ends)
     */
    @SuppressWarnings("FutureReturnValueIgnored") // whenComplete's future: the callback cannot fail
    private boolean serve(
            Socket socket, ChatSetup setup, AuthorizedPeers known, ServerSocket server, ConnectionLimits.Claim claim) {
        String from = Addresses.format(socket.getRemoteSocketAddress());
        AuthorizedPeerPolicy policy = trust == Trust.authorized ? known.authorizedOnly() : known.recordNewPeers();
        TrustPolicy clientTrust = trust == Trust.any ? TrustPolicy.acceptAny() : policy;
        SecureChannel channel;
        try {
            channel = SecureChannel.accept(socket, setup.config(clientTrust, "server"));
        } catch (IOException | MarcomException e) {
            CloseReason reason = CloseReason.of(e);
            setup.terminal.info("marcom: handshake with " + from + " failed: "
                    + (reason == CloseReason.SECURITY_FAILURE ? "security failure: " : "network failure: ")
                    + PeerText.escape(String.valueOf(e.getMessage())));
            setup.terminal.event(JsonLine.event("error").put("message", String.valueOf(e.getMessage())));
            setup.terminal.event(JsonLine.event("closed").put("reason", reason.wire()));
            // With --once a failed handshake does not end the service: a stranger or a wrong client
            // must not be able to stop the listener by failing.
            return false;
        }
        if (once) {
            if (!claimed.compareAndSet(false, true)) {
                closeQuietly(channel); // the one session is already taken
                return false;
            }
            closeQuietly(server); // one session only: refuse further clients
        }
        if (!claim.established()) {
            setup.terminal.info("marcom: turned away " + from + " after its handshake: " + maxSessions
                    + " sessions are already open");
            closeQuietly(channel);
            return false;
        }
        PeerSession session;
        try {
            session = new PeerSession(channel, setup.terminal, setup.receiveDir, setup.receiveLimits, setup.recorder());
        } catch (IOException e) {
            setup.terminal.info(
                    "marcom: cannot create the transcript: " + e.getMessage() + "; closing the session with " + from);
            setup.terminal.event(
                    JsonLine.event("error").put("message", "cannot create the transcript: " + e.getMessage()));
            closeQuietly(channel);
            first.complete(CloseReason.LOCAL_CLOSED);
            return false;
        }
        session.ended().whenComplete((reason, e) -> {
            claim.release();
            first.complete(reason);
        });
        // Listed before it is announced: a line typed once "connected" shows must reach this peer.
        sessions.add(session);
        setup.announce(
                channel,
                policy.decision().map(AuthorizedPeerPolicy.Decision::newPeer).orElse(false));
        session.start();
        return true;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // gone either way
        }
    }

    private static void closeQuietly(SecureChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // gone either way
        }
    }
}
