package dev.marcom.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.session.SessionConfig;
import dev.marcom.session.VerifiedMessage;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test connections over the three transports: real loopback TCP sockets (127.0.0.1 only) with
 * {@link SecureChannel#connect(Socket, SessionConfig)}, NIO {@link SocketChannel}s with
 * {@link ByteChannelFrameChannel}, and {@link InMemoryFrameChannel#pair()}. Owns a thread pool of
 * daemon threads and closes everything it opened.
 */
final class Links implements AutoCloseable {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    enum Kind {
        SOCKET,
        NIO,
        IN_MEMORY
    }

    /** The raw transport ends (to cut them) and, after {@link Links#connect}, the secure channels. */
    static final class Link {
        final Kind kind;
        final Closeable rawClient;
        final Closeable rawServer;
        SecureChannel client;
        SecureChannel server;

        Link(Kind kind, Closeable rawClient, Closeable rawServer) {
            this.kind = kind;
            this.rawClient = rawClient;
            this.rawServer = rawServer;
        }

        /** Writes raw bytes from the client end, bypassing the session (an attacker's injection). */
        void writeRawFromClient(byte[] bytes) throws IOException {
            switch (kind) {
                case SOCKET -> {
                    ((Socket) rawClient).getOutputStream().write(bytes);
                    ((Socket) rawClient).getOutputStream().flush();
                }
                case NIO -> {
                    ByteBuffer b = ByteBuffer.wrap(bytes);
                    while (b.hasRemaining()) {
                        ((SocketChannel) rawClient).write(b);
                    }
                }
                case IN_MEMORY -> ((InMemoryFrameChannel) rawClient).write(bytes);
                default -> throw new AssertionError(kind);
            }
        }
    }

    private final AtomicInteger threads = new AtomicInteger();
    final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "links-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private final List<Closeable> opened = new ArrayList<>();

    /** A connected raw transport, before any handshake. */
    Link raw(Kind kind) throws IOException {
        switch (kind) {
            case SOCKET -> {
                try (ServerSocket listener = new ServerSocket(0, 50, LOOPBACK)) {
                    Socket client = track(new Socket(LOOPBACK, listener.getLocalPort()));
                    Socket server = track(listener.accept());
                    return new Link(kind, client, server);
                }
            }
            case NIO -> {
                try (ServerSocketChannel listener = ServerSocketChannel.open()) {
                    listener.bind(new InetSocketAddress(LOOPBACK, 0));
                    SocketChannel client = track(SocketChannel.open(listener.getLocalAddress()));
                    SocketChannel server = track(listener.accept());
                    return new Link(kind, client, server);
                }
            }
            case IN_MEMORY -> {
                InMemoryFrameChannel.Pair p = InMemoryFrameChannel.pair();
                return new Link(kind, track(p.client()), track(p.server()));
            }
            default -> throw new AssertionError(kind);
        }
    }

    /** Runs both handshakes concurrently over a fresh link of {@code kind}. */
    Link connect(Kind kind, SessionConfig client, SessionConfig server) throws Exception {
        Link link = raw(kind);
        Future<SecureChannel> accepted = pool.submit(() -> serverSide(link, server));
        SecureChannel c;
        try {
            c = clientSide(link, client);
        } catch (Exception e) {
            // The client closed its transport, so the server fails too; report the client's error.
            try {
                accepted.get(20, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // expected
            }
            throw e;
        }
        link.client = track(c);
        link.server = track(accepted.get(20, TimeUnit.SECONDS));
        return link;
    }

    static SecureChannel clientSide(Link link, SessionConfig config) throws Exception {
        return switch (link.kind) {
            case SOCKET -> SecureChannel.connect((Socket) link.rawClient, config);
            case NIO -> SecureChannel.connect(new ByteChannelFrameChannel((SocketChannel) link.rawClient), config);
            case IN_MEMORY -> SecureChannel.connect((InMemoryFrameChannel) link.rawClient, config);
        };
    }

    static SecureChannel serverSide(Link link, SessionConfig config) throws Exception {
        return switch (link.kind) {
            case SOCKET -> SecureChannel.accept((Socket) link.rawServer, config);
            case NIO -> SecureChannel.accept(new ByteChannelFrameChannel((SocketChannel) link.rawServer), config);
            case IN_MEMORY -> SecureChannel.accept((InMemoryFrameChannel) link.rawServer, config);
        };
    }

    <T> Future<T> submit(Callable<T> task) {
        return pool.submit(task);
    }

    private <T extends Closeable> T track(T c) {
        synchronized (opened) {
            opened.add(c);
        }
        return c;
    }

    /**
     * Each side sends its list while receiving the other's, on four threads (a concurrent reader
     * and writer per side), then checks every message: content, order and gapless sequence.
     */
    void exchange(SecureChannel a, SecureChannel b, List<byte[]> aToB, List<byte[]> bToA) throws Exception {
        List<Future<?>> tasks = List.of(
                pool.submit(() -> sendAll(a, aToB)),
                pool.submit(() -> sendAll(b, bToA)),
                pool.submit(() -> receiveAndCheck(b, aToB, a)),
                pool.submit(() -> receiveAndCheck(a, bToA, b)));
        List<Throwable> failures = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (Future<?> t : tasks) {
            try {
                t.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                failures.add(e.getCause());
                a.close(); // unblock the other tasks
                b.close();
            } catch (TimeoutException e) {
                failures.add(e);
                a.close();
                b.close();
            }
        }
        if (!failures.isEmpty()) {
            // Report the root cause (e.g. the receiver's MarcomException) rather than the writer that
            // merely saw the connection go away.
            failures.sort(java.util.Comparator.comparing(
                    f -> f instanceof dev.marcom.MarcomException || f instanceof AssertionError ? 0 : 1));
            AssertionError error = new AssertionError("exchange failed: " + failures.get(0), failures.get(0));
            failures.stream().skip(1).forEach(error::addSuppressed);
            throw error;
        }
    }

    private static Void sendAll(SecureChannel channel, List<byte[]> messages) throws Exception {
        for (byte[] m : messages) {
            channel.send(m);
        }
        return null;
    }

    private static Void receiveAndCheck(SecureChannel channel, List<byte[]> expected, SecureChannel sender)
            throws Exception {
        for (int i = 0; i < expected.size(); i++) {
            VerifiedMessage m =
                    channel.receive().orElseThrow(() -> new AssertionError("peer closed before all messages arrived"));
            byte[] want = expected.get(i);
            assertThat(m.sequence()).isEqualTo(i + 1);
            assertThat(m.length()).as("length of message %d", i + 1).isEqualTo(want.length);
            assertThat(m.plaintextBuffer().equals(ByteBuffer.wrap(want)))
                    .as("content of message %d (%d bytes)", i + 1, want.length)
                    .isTrue();
            assertThat(m.signer()).isEqualTo(sender.session().localIdentity());
            assertThat(m.direction()).isEqualTo(sender.session().role().sendDirection());
        }
        return null;
    }

    /** Deterministic, seed-dependent filler (xorshift32); not a security-relevant random source. */
    static byte[] payload(int size, int seed) {
        byte[] out = new byte[size];
        int x = seed * 0x9E3779B9 | 1;
        for (int i = 0; i < size; i++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            out[i] = (byte) x;
        }
        return out;
    }

    @Override
    public void close() {
        List<Closeable> all;
        synchronized (opened) {
            all = new ArrayList<>(opened);
        }
        for (Closeable c : all) {
            try {
                c.close();
            } catch (IOException | RuntimeException ignored) {
                // best effort
            }
        }
        pool.shutdownNow();
    }
}
