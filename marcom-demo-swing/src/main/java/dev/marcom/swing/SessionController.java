package dev.marcom.swing;

import dev.marcom.AuthenticationException;
import dev.marcom.CipherSuite;
import dev.marcom.MalformedInputException;
import dev.marcom.MarcomException;
import dev.marcom.NegotiationException;
import dev.marcom.identity.Identity;
import dev.marcom.identity.KnownPeerPolicy;
import dev.marcom.identity.KnownPeers;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.identity.UntrustedPeerException;
import dev.marcom.session.SessionConfig;
import dev.marcom.transport.Delivery;
import dev.marcom.transport.InboundStream;
import dev.marcom.transport.ReceivedFiles;
import dev.marcom.transport.SecureChannel;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Owns one session at a time: sets it up, reads from it, sends on it, and tears it down — always
 * off the Event Dispatch Thread. It reports to a {@link ControllerListener} (wrapped by
 * {@link EdtListener}, so the view is only touched on the EDT). Uses only marcom-core's public API.
 */
final class SessionController {
    private final ControllerListener listener;
    private final IdentityProvider identities;
    private final TrustProvider trust;
    private final ExecutorService sender;
    private final AtomicReference<SecureChannel> channel = new AtomicReference<>();
    private final AtomicReference<ServerSocket> listening = new AtomicReference<>();
    private volatile boolean stopping;
    private volatile int boundPort = -1;

    /**
     * Loads or creates the long-term identity for a home directory (may take a moment). An
     * existing identity is used whatever the suite (each side signs with its own identity's
     * algorithm); a new one is made with {@code suite}'s {@link CipherSuite#pairedSignature()}.
     */
    interface IdentityProvider {
        Identity identity(Path home, CipherSuite suite) throws Exception;
    }

    /** The trust policy for one connection, given the address as the user typed it. */
    interface TrustProvider {
        TrustPolicy policy(Path home, String address, boolean server) throws Exception;
    }

    SessionController(ControllerListener listener, IdentityProvider identities, TrustProvider trust) {
        this.listener = new EdtListener(listener);
        this.identities = identities;
        this.trust = trust;
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "marcom-send");
            t.setDaemon(true);
            return t;
        });
    }

    /** The port a server is listening on, or -1. */
    int boundPort() {
        return boundPort;
    }

    /** Starts a server or client session in the background. */
    void start(Settings settings) {
        stopping = false;
        Thread t = new Thread(() -> run(settings), "marcom-session");
        t.setDaemon(true);
        t.start();
    }

    private void run(Settings s) {
        try {
            listener.status(ConnectionStatus.GENERATING_KEYS, "loading identity from " + s.home());
            Identity identity = identities.identity(s.home(), s.suite());
            listener.identityReady(identity.fingerprint().toString(), identity.algorithm());
            Socket socket;
            String address;
            if (s.server()) {
                ServerSocket server = new ServerSocket();
                server.bind(new InetSocketAddress(InetAddress.getByName(s.host()), s.port()), 1);
                listening.set(server);
                boundPort = server.getLocalPort();
                listener.status(ConnectionStatus.LISTENING, s.host() + ":" + boundPort);
                try {
                    socket = server.accept();
                } finally {
                    server.close();
                    listening.set(null);
                }
                address = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
            } else {
                address = s.host() + ":" + s.port();
                listener.status(ConnectionStatus.CONNECTING, address);
                socket = new Socket();
                socket.connect(new InetSocketAddress(s.host(), s.port()), 10_000);
            }
            TrustPolicy policy = trust.policy(s.home(), address, s.server());
            SessionConfig config = SessionConfig.builder(identity, policy)
                    .suites(s.suite())
                    .revealSecrets(s.revealSecrets())
                    .trace(listener::trace)
                    .build();
            SecureChannel ch =
                    s.server() ? SecureChannel.accept(socket, config) : SecureChannel.connect(socket, config);
            channel.set(ch);
            if (stopping) {
                ch.close();
                return;
            }
            java.util.Optional<String> firstContact = policy instanceof KnownPeerPolicy k
                    ? k.decision().filter(KnownPeerPolicy.Decision::newPeer).map(d -> d.file() + " line " + d.line())
                    : java.util.Optional.empty();
            listener.connected(
                    ch.peer(), SafetyNumbers.of(ch), ch.session().suite().suiteName(), firstContact);
            listener.status(ConnectionStatus.CONNECTED, address);
            readLoop(ch, s.receiveDir());
        } catch (Exception e) {
            fail(e);
        }
    }

    private void readLoop(SecureChannel ch, Path receiveDir) throws Exception {
        while (true) {
            Delivery d = ch.next();
            if (d instanceof Delivery.Message m) {
                listener.messageReceived(m.message());
            } else if (d instanceof Delivery.Stream st) {
                receiveFile(st.stream(), receiveDir);
            } else {
                if (stopping) {
                    return; // our own stop crossed the peer's reply; "Stopped" is the truth
                }
                listener.status(ConnectionStatus.CLOSED_BY_PEER, "the peer closed the session cleanly");
                ch.close();
                channel.set(null);
                return;
            }
        }
    }

    /** Saves a file; it gets its final name only after its signature verified. */
    private void receiveFile(InboundStream in, Path receiveDir) throws IOException {
        String name = ReceivedFiles.safeName(in.name());
        Path target = ReceivedFiles.save(
                in, receiveDir, done -> listener.transferProgress(false, name, done, in.announcedLength()));
        listener.fileReceived(target, in.verified());
    }

    /** Sends a text message in the background. */
    void send(String text) {
        SecureChannel ch = channel.get();
        if (ch == null) {
            return;
        }
        sender.execute(() -> {
            try {
                listener.messageSent(ch.send(text));
            } catch (Exception e) {
                fail(e);
            }
        });
    }

    /** Sends a file as a signed stream in the background, with progress. */
    void sendFile(Path file) {
        SecureChannel ch = channel.get();
        if (ch == null) {
            return;
        }
        sender.execute(() -> {
            String name = file.getFileName().toString();
            try (InputStream in = Files.newInputStream(file)) {
                long size = Files.size(file);
                dev.marcom.Bytes digest = ch.sendStream(
                                name, size, in, done -> listener.transferProgress(true, name, done, size))
                        .sha256();
                listener.fileSent(name, size, digest);
            } catch (Exception e) {
                fail(e);
            }
        });
    }

    /** Stops listening or closes the session (with close_notify). Safe from any thread. */
    void stop() {
        stopping = true;
        ServerSocket server = listening.getAndSet(null);
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        SecureChannel ch = channel.getAndSet(null);
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // the transport is gone either way
            }
        }
        listener.status(ConnectionStatus.STOPPED, "stopped by you");
    }

    private void fail(Exception e) {
        channel.set(null);
        if (stopping) {
            return;
        }
        if (e instanceof dev.marcom.identity.IdentityFileException) {
            // A wrong passphrase or an unreadable identity file is not a session failure.
            listener.status(ConnectionStatus.STOPPED, "identity not loaded: " + e.getMessage());
            return;
        }
        ConnectionStatus status = isSecurity(e) ? ConnectionStatus.SECURITY_FAILURE : ConnectionStatus.CONNECTION_LOST;
        listener.status(status, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    static boolean isSecurity(Throwable e) {
        Throwable t = e instanceof dev.marcom.transport.StreamVerificationException s ? s.getCause() : e;
        return t instanceof AuthenticationException
                || t instanceof UntrustedPeerException
                || t instanceof MalformedInputException
                || t instanceof NegotiationException
                || (t instanceof MarcomException
                        && !(t instanceof dev.marcom.SessionClosedException)
                        && !(t instanceof dev.marcom.HandshakeTimeoutException));
    }

    /**
     * Trust for a client: trust on first use in {@code <home>/known_peers}, keyed by the address as
     * typed; a changed key fails the handshake. A server accepts any client identity (clients have
     * no stable address to key on) and shows its fingerprint and safety number for comparison.
     */
    static TrustProvider knownPeers() {
        return (home, address, server) -> server
                ? TrustPolicy.acceptAny()
                : KnownPeers.open(home.resolve(KnownPeers.FILE_NAME)).tofu(address);
    }

    /**
     * A fresh in-memory identity per home and signature algorithm, for when no identity files are
     * used: each suite gets an identity of its paired algorithm.
     */
    static IdentityProvider ephemeralIdentities() {
        java.util.Map<java.util.List<Object>, Identity> cache = new java.util.concurrent.ConcurrentHashMap<>();
        SecureRandom random = new SecureRandom();
        return (home, suite) -> cache.computeIfAbsent(
                java.util.List.of(home, suite.pairedSignature()),
                k -> Identity.generate(suite.pairedSignature(), random));
    }
}
