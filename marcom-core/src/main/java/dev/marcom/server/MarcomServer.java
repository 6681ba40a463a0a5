package dev.marcom.server;

import dev.marcom.Role;
import dev.marcom.session.SessionConfig;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A non-blocking MARCOM server: one listening socket, any number of sessions, a fixed number of
 * threads. An event loop accepts and does all socket I/O; a bounded pool of workers runs the
 * handshakes' cryptography (DSA, ElGamal), opens and verifies records and calls the application's
 * {@link SessionHandler}; one timer thread enforces the handshake timeout, sends keep-alive probes
 * and gives up on idle peers for every connection.
 *
 * <pre>{@code
 * SessionHandler echo = (connection, message) -> {
 *   try {
 *     connection.send("echo: " + message.text());
 *   } catch (IOException | MarcomException e) {
 *     connection.close();
 *   }
 * };
 * try (MarcomServer server = MarcomServer.builder(config, echo).bind(new InetSocketAddress(7000))) {
 *   ...
 * }
 * }</pre>
 *
 * <p>Limits ({@link Limits}) bound connections, handshakes in flight, connections per address
 * and the bytes queued per connection; the handshake timeout, keep-alive interval, idle timeout
 * and maximum message size come from the {@link SessionConfig}, with the same meaning as for
 * {@link dev.marcom.transport.SecureChannel}. A peer that does not speak MARCOM, stalls, floods or
 * fails a check loses its own connection only.
 *
 * <p><b>Streams are not received</b> in this version: a peer that begins one fails with {@link
 * StreamsNotSupportedException}. Use messages, or {@link dev.marcom.transport.SecureChannel}.
 *
 * <h2>Security guarantees</h2>
 * Every connection runs the full MARCOM handshake and record layer ({@link
 * dev.marcom.handshake.Handshake}, {@link dev.marcom.session.Session}): the handler hears of a
 * connection only after the peer authenticated and passed the trust policy, and receives only
 * verified messages, in order, each once.
 *
 * <h2>Threads</h2>
 * All threads are daemon threads and end with {@link #close()}.
 */
public final class MarcomServer implements Closeable {
    private static final long ACCEPT_PAUSE_MILLIS = 100;
    private static final long CLOSE_GRACE_MILLIS = 2_000;

    private final Engine engine;
    private final ServerSocketChannel listener;
    private final SessionConfig config;
    private final SessionHandler handler;
    private final InetSocketAddress localAddress;
    private volatile SelectionKey acceptKey;
    private volatile boolean closed;

    private MarcomServer(Builder b, SocketAddress address) throws IOException {
        this.config = b.config;
        this.handler = b.handler;
        this.engine = new Engine("marcom-server", b.limits, b.io);
        ServerSocketChannel ch = null;
        try {
            ch = ServerSocketChannel.open();
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(address, b.backlog);
            ch.configureBlocking(false);
        } catch (IOException e) {
            if (ch != null) {
                ch.close();
            }
            engine.shutdown(0);
            throw e;
        }
        this.listener = ch;
        this.localAddress = (InetSocketAddress) ch.getLocalAddress();
        CompletableFuture<Void> registered = new CompletableFuture<>();
        EventLoop first = engine.firstLoop();
        first.execute(() -> {
            try {
                acceptKey = first.register(listener, SelectionKey.OP_ACCEPT, (Runnable) this::acceptReady);
                registered.complete(null);
            } catch (IOException | RuntimeException e) {
                registered.completeExceptionally(e);
            }
        });
        try {
            registered.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IOException("could not start listening: " + e.getMessage(), e);
        }
    }

    /**
     * Starts configuring a server.
     *
     * @param config this side's identity, trust policy, suites, timeouts and message limit, used
     *     for every connection
     * @param handler receives every connection's events
     * @return a builder; finish with {@link Builder#bind}
     */
    public static Builder builder(SessionConfig config, SessionHandler handler) {
        return new Builder(config, handler);
    }

    /**
     * Returns the address the server listens on (with the actual port when bound to port 0).
     *
     * @return the local address
     */
    public InetSocketAddress localAddress() {
        return localAddress;
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
     * Stops accepting, ends every connection (close_notify for established sessions, whose handlers
     * get {@link SessionHandler#closed} with {@link CloseReason#CLOSED_LOCALLY}), waits up to two
     * seconds for them to finish, cuts what remains and stops the threads. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        engine.firstLoop().execute(() -> {
            SelectionKey k = acceptKey;
            if (k != null) {
                k.cancel();
            }
            try {
                listener.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            stopped.complete(null);
        });
        try {
            stopped.get(CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            try {
                listener.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        engine.shutdown(CLOSE_GRACE_MILLIS);
    }

    /** Event loop: accept what is pending, a bounded batch at a time. */
    private void acceptReady() {
        for (int i = 0; i < 64 && !closed; i++) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (IOException e) {
                // Typically "too many open files": stop accepting for a moment instead of spinning.
                pauseAccepting();
                return;
            }
            if (ch == null) {
                return;
            }
            admit(ch);
        }
    }

    private void pauseAccepting() {
        SelectionKey k = acceptKey;
        if (k == null || !k.isValid()) {
            return;
        }
        k.interestOps(0);
        CompletableFuture.delayedExecutor(ACCEPT_PAUSE_MILLIS, TimeUnit.MILLISECONDS)
                .execute(() -> engine.firstLoop().execute(() -> {
                    if (k.isValid() && !closed) {
                        k.interestOps(SelectionKey.OP_ACCEPT);
                    }
                }));
    }

    private void admit(SocketChannel ch) {
        InetSocketAddress remote;
        try {
            remote = (InetSocketAddress) ch.getRemoteAddress();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            closeQuietly(ch);
            return;
        }
        if (remote == null) {
            closeQuietly(ch);
            return;
        }
        EventLoop loop = engine.nextLoop();
        Connection c = new Connection(engine, loop, ch, Role.SERVER, remote, config, handler, null);
        if (engine.admit(c, remote.getAddress(), true) != null) {
            closeQuietly(ch);
            return;
        }
        Runnable register = () -> {
            try {
                c.registered(loop.register(ch, SelectionKey.OP_READ, c));
            } catch (IOException | RuntimeException e) {
                c.cut(e instanceof IOException io ? io : new IOException(e));
            }
        };
        if (loop.inLoop()) {
            register.run();
        } else {
            loop.execute(register);
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // refused anyway
        }
    }

    /** Configures a {@link MarcomServer}; required inputs come with {@link #builder}. */
    public static final class Builder {
        private final SessionConfig config;
        private final SessionHandler handler;
        private Limits limits = Limits.defaults();
        private int backlog = 1024;
        private Supplier<Io> io = () -> Io.PLAIN;

        private Builder(SessionConfig config, SessionHandler handler) {
            this.config = Objects.requireNonNull(config, "config");
            this.handler = Objects.requireNonNull(handler, "handler");
        }

        /**
         * Sets the limits. Default {@link Limits#defaults()}.
         *
         * @param limits the limits and thread counts
         * @return this builder
         */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Sets the listen backlog: connections the kernel queues before they are accepted. Default
         * 1024 (the kernel may cap it, e.g. at {@code net.core.somaxconn}).
         *
         * @param backlog at least 1
         * @return this builder
         */
        public Builder backlog(int backlog) {
            if (backlog < 1) {
                throw new IllegalArgumentException("backlog must be at least 1");
            }
            this.backlog = backlog;
            return this;
        }

        /** For tests: wraps each connection's socket calls (fault injection). */
        Builder io(Supplier<Io> io) {
            this.io = Objects.requireNonNull(io, "io");
            return this;
        }

        /**
         * Binds the listening socket and starts serving.
         *
         * @param address where to listen, e.g. {@code new InetSocketAddress(7000)}; port 0 picks a
         *     free port (see {@link MarcomServer#localAddress()})
         * @return the running server
         * @throws IOException if the address cannot be bound
         */
        public MarcomServer bind(SocketAddress address) throws IOException {
            return new MarcomServer(this, address);
        }
    }
}
