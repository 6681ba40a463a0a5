package dev.marcom.server;

import dev.marcom.Role;
import dev.marcom.session.SessionConfig;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The client side of {@link MarcomServer}: opens many MARCOM sessions from one process with a
 * fixed number of threads, with the same event loops, workers, timer and {@link SessionHandler}
 * events. For gateways, load generators and tests; an application with one or a few sessions is
 * simpler with the blocking {@link dev.marcom.transport.SecureChannel}.
 *
 * <pre>{@code
 * try (MarcomConnector connector = MarcomConnector.open()) {
 *   Connection c = connector.connect(serverAddress, config, handler).get();
 *   c.send("hello");
 * }
 * }</pre>
 *
 * <h2>Security guarantees</h2>
 * As {@link MarcomServer}: a connection is handed out only after the handshake authenticated the
 * server and its identity passed this side's trust policy.
 *
 * <h2>Threads</h2>
 * {@link #connect} may be called from any thread. All threads are daemon threads and end with
 * {@link #close()}.
 */
public final class MarcomConnector implements Closeable {
    private static final long CLOSE_GRACE_MILLIS = 2_000;

    private final Engine engine;
    private volatile boolean closed;

    private MarcomConnector(Limits limits, Supplier<Io> io) throws IOException {
        this.engine = new Engine("marcom-connector", limits, io);
    }

    /**
     * Starts a connector with the default {@link Limits}.
     *
     * @return the connector
     * @throws IOException if a selector cannot be opened
     */
    public static MarcomConnector open() throws IOException {
        return open(Limits.defaults());
    }

    /**
     * Starts a connector. {@link Limits#maxConnectionsPerAddress()} does not apply to it.
     *
     * @param limits connections and handshakes at once, queue sizes and thread counts
     * @return the connector
     * @throws IOException if a selector cannot be opened
     */
    public static MarcomConnector open(Limits limits) throws IOException {
        return new MarcomConnector(Objects.requireNonNull(limits, "limits"), () -> Io.PLAIN);
    }

    /** For tests: wraps each connection's socket calls (fault injection). */
    static MarcomConnector open(Limits limits, Supplier<Io> io) throws IOException {
        return new MarcomConnector(limits, io);
    }

    /**
     * Opens a session to {@code remote}: connects, runs the client handshake, then reports to
     * {@code handler}. Returns at once.
     *
     * @param remote the server's resolved address
     * @param config this side's identity, trust policy, suites, timeouts and message limit
     * @param handler receives this connection's events (from {@link SessionHandler#established}
     *     on; a failed handshake is reported to {@link SessionHandler#failed} too)
     * @return completes with the connection when the handshake completed (after {@link
     *     SessionHandler#established} returned), or exceptionally with the failure ({@link
     *     OverloadedException} at once if {@link Limits#maxConnections()} or {@link
     *     Limits#maxHandshakes()} is reached; the handler then hears nothing)
     * @throws IllegalArgumentException if {@code remote} is unresolved
     */
    public CompletableFuture<Connection> connect(
            InetSocketAddress remote, SessionConfig config, SessionHandler handler) {
        return connect(remote, null, config, handler);
    }

    /**
     * As {@link #connect(InetSocketAddress, SessionConfig, SessionHandler)}, from a given local
     * address (for example one of several loopback addresses, when one would run out of ports).
     *
     * @param remote the server's resolved address
     * @param local the local address to bind, or null for any
     * @param config this side's identity, trust policy, suites, timeouts and message limit
     * @param handler receives this connection's events
     * @return completes with the connection when the handshake completed, or exceptionally
     * @throws IllegalArgumentException if {@code remote} is unresolved
     */
    public CompletableFuture<Connection> connect(
            InetSocketAddress remote, SocketAddress local, SessionConfig config, SessionHandler handler) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(handler, "handler");
        if (remote.isUnresolved()) {
            throw new IllegalArgumentException("unresolved address " + remote);
        }
        CompletableFuture<Connection> opened = new CompletableFuture<>();
        if (closed) {
            opened.completeExceptionally(new OverloadedException("the connector is closed"));
            return opened;
        }
        SocketChannel ch;
        try {
            ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (local != null) {
                ch.bind(local);
            }
        } catch (IOException e) {
            opened.completeExceptionally(e);
            return opened;
        }
        EventLoop loop = engine.nextLoop();
        Connection c = new Connection(engine, loop, ch, Role.CLIENT, remote, config, handler, opened);
        String refusal = engine.admit(c, null, false);
        if (refusal != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // refused anyway
            }
            opened.completeExceptionally(new OverloadedException(refusal));
            return opened;
        }
        loop.execute(() -> {
            try {
                boolean done = ch.connect(remote);
                c.registered(loop.register(ch, done ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c));
                if (done) {
                    c.connected();
                }
            } catch (IOException | RuntimeException e) {
                c.cut(e instanceof IOException io ? io : new IOException(e));
            }
        });
        return opened;
    }

    /**
     * Returns the current connection counts and totals.
     *
     * @return a snapshot
     */
    public Stats stats() {
        return engine.stats();
    }

    /**
     * Ends every connection (close_notify for established sessions), waits up to two seconds for
     * them to finish, cuts what remains and stops the threads. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        engine.shutdown(CLOSE_GRACE_MILLIS);
    }
}
