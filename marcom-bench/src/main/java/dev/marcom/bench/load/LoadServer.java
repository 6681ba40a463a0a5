package dev.marcom.bench.load;

import dev.marcom.bench.Fixtures;
import dev.marcom.bench.LiveHeap;
import dev.marcom.server.Connection;
import dev.marcom.server.Limits;
import dev.marcom.server.MarcomServer;
import dev.marcom.server.SessionHandler;
import dev.marcom.server.Stats;
import dev.marcom.session.SessionConfig;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.transport.SecureChannel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server side of the load harness: one {@link MarcomServer} on loopback that echoes every
 * message and checks each session's sequence numbers. Idle sessions get no harness state (so the
 * heap measured per idle session is the library's). As a program it is driven over stdin/stdout
 * by {@link LoadDriver}: commands {@code heap}, {@code stats}, {@code reset}, {@code quit}, one per
 * line.
 *
 * <p>For comparison it can serve the same echo with the blocking {@link SecureChannel} instead,
 * one thread per connection: mode {@code threads} (platform threads) or {@code vthreads} (virtual
 * threads, JDK 21 and later). SecureChannel's keep-alive starts two platform threads per channel,
 * so these modes turn keep-alive and the idle timeout off (the NIO mode keeps both on).
 */
final class LoadServer implements AutoCloseable {
    private final MarcomServer server;
    private final ServerSocket blockingListener;
    private final ExecutorService perConnection;
    private final AtomicInteger blockingOpen = new AtomicInteger();
    private final AtomicInteger blockingHandshakes = new AtomicInteger();
    private final AtomicLong blockingEstablished = new AtomicLong();
    private final Map<Connection, Sequence> sequences = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong echoed = new AtomicLong();
    private final AtomicLong echoRefused = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Map<String, AtomicLong> failureTypes = new ConcurrentHashMap<>();

    LoadServer(int maxConnections) throws IOException {
        this(maxConnections, "nio");
    }

    LoadServer(int maxConnections, String mode) throws IOException {
        Limits limits = Limits.builder()
                .maxConnections(maxConnections)
                .maxConnectionsPerAddress(maxConnections)
                .maxHandshakes(2_000)
                .build();
        SessionHandler handler = new SessionHandler() {
            @Override
            public void message(Connection c, VerifiedMessage m) {
                received.incrementAndGet();
                String text = m.text();
                long[] f = Sequence.parse(text);
                sequences.computeIfAbsent(c, k -> new Sequence()).arrived(f[0], f[1]);
                try {
                    c.send(text);
                    echoed.incrementAndGet();
                } catch (Exception e) {
                    echoRefused.incrementAndGet();
                }
            }

            @Override
            public void failed(Connection c, Exception cause) {
                failures.incrementAndGet();
                failureTypes
                        .computeIfAbsent(cause.getClass().getSimpleName(), k -> new AtomicLong())
                        .incrementAndGet();
            }

            @Override
            public void closed(Connection c, dev.marcom.server.CloseReason reason) {
                // Keep the sequence of a closed session: its counts are part of the report.
            }
        };
        if (mode.equals("nio")) {
            server = MarcomServer.builder(Fixtures.config(), handler)
                    .limits(limits)
                    .backlog(4096)
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            blockingListener = null;
            perConnection = null;
            return;
        }
        server = null;
        perConnection = mode.equals("vthreads")
                ? virtualThreadPerTask()
                : Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "blocking-session");
                    t.setDaemon(true);
                    return t;
                });
        blockingListener = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        SessionConfig config = SessionConfig.builder(
                        Fixtures.identity(dev.marcom.SignatureAlgorithm.DSA_2048_256),
                        dev.marcom.identity.TrustPolicy.acceptAny())
                .keepAliveInterval(Duration.ZERO)
                .idleTimeout(Duration.ZERO)
                .build();
        Thread acceptor = new Thread(
                () -> {
                    while (!blockingListener.isClosed()) {
                        try {
                            Socket s = blockingListener.accept();
                            perConnection.execute(() -> serveBlocking(s, config));
                        } catch (IOException e) {
                            // closed, or out of files for a moment
                        }
                    }
                },
                "blocking-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static ExecutorService virtualThreadPerTask() {
        try {
            return (ExecutorService)
                    Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need JDK 21 or later", e);
        }
    }

    /** One connection's thread: handshake, then echo until the peer closes. */
    private void serveBlocking(Socket socket, SessionConfig config) {
        blockingOpen.incrementAndGet();
        blockingHandshakes.incrementAndGet();
        boolean inHandshake = true;
        Sequence sequence = null;
        try (SecureChannel channel = SecureChannel.accept(socket, config)) {
            blockingHandshakes.decrementAndGet();
            inHandshake = false;
            blockingEstablished.incrementAndGet();
            while (true) {
                Optional<VerifiedMessage> m = channel.receive();
                if (m.isEmpty()) {
                    return;
                }
                received.incrementAndGet();
                String text = m.get().text();
                long[] f = Sequence.parse(text);
                if (sequence == null) {
                    sequence = new Sequence();
                    blockingSequences.add(sequence);
                }
                sequence.arrived(f[0], f[1]);
                channel.send(text);
                echoed.incrementAndGet();
            }
        } catch (Exception e) {
            failures.incrementAndGet();
            failureTypes
                    .computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong())
                    .incrementAndGet();
        } finally {
            if (inHandshake) {
                blockingHandshakes.decrementAndGet();
            }
            blockingOpen.decrementAndGet();
        }
    }

    private final java.util.Queue<Sequence> blockingSequences = new java.util.concurrent.ConcurrentLinkedQueue<>();

    int port() {
        return server != null ? server.localAddress().getPort() : blockingListener.getLocalPort();
    }

    /** Live heap ({@link LiveHeap#bytes()}) and open connections. */
    long[] heap() throws InterruptedException {
        return new long[] {LiveHeap.bytes(), server != null ? server.stats().connections() : blockingOpen.get()};
    }

    /** CPU time this process has used, in nanoseconds. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Counters as one line of {@code key=value} pairs. */
    String stats() {
        long delivered = 0;
        long duplicated = 0;
        long reordered = 0;
        long misrouted = 0;
        java.util.List<Sequence> all = new java.util.ArrayList<>(sequences.values());
        all.addAll(blockingSequences);
        for (Sequence s : all) {
            delivered += s.delivered();
            duplicated += s.duplicated();
            reordered += s.reordered();
            misrouted += s.misrouted();
        }
        Stats st = server != null
                ? server.stats()
                : new Stats(
                        blockingOpen.get(),
                        blockingHandshakes.get(),
                        0,
                        0,
                        0,
                        blockingEstablished.get(),
                        failures.get(),
                        0);
        StringBuilder types = new StringBuilder();
        failureTypes.forEach((k, v) -> types.append(types.length() == 0 ? "" : ",")
                .append(k)
                .append(':')
                .append(v.get()));
        return "received=" + received.get() + " delivered=" + delivered + " duplicated=" + duplicated
                + " reordered=" + reordered + " misrouted=" + misrouted + " echoed=" + echoed.get()
                + " echo_refused=" + echoRefused.get() + " failures=" + failures.get()
                + " connections=" + st.connections() + " handshakes=" + st.handshakes()
                + " established=" + st.established()
                + " rejected=" + st.rejected() + " evicted=" + st.evicted()
                + " failure_types=" + (types.length() == 0 ? "-" : types);
    }

    /** Forgets the sequences of the warm-up sessions. */
    void reset() {
        sequences.clear();
        blockingSequences.clear();
        received.set(0);
        echoed.set(0);
        echoRefused.set(0);
        failures.set(0);
        failureTypes.clear();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        } else {
            try {
                blockingListener.close();
            } catch (IOException ignored) {
                // closing
            }
            perConnection.shutdownNow();
        }
    }

    /**
     * Usage: {@code LoadServer <maxConnections> [nio|threads|vthreads]}; prints {@code PORT <n>},
     * then answers commands.
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (LoadServer s = new LoadServer(Integer.parseInt(args[0]), args.length > 1 ? args[1] : "nio");
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            out.println("PORT " + s.port());
            String line;
            while ((line = in.readLine()) != null) {
                switch (line.trim()) {
                    case "heap" -> {
                        long[] h = s.heap();
                        out.println("HEAP " + h[0] + " " + h[1]);
                    }
                    case "stats" -> out.println("STATS " + s.stats());
                    case "cpu" -> out.println("CPU " + cpuNanos());
                    case "reset" -> {
                        s.reset();
                        out.println("RESET");
                    }
                    case "quit" -> {
                        out.println("BYE");
                        return;
                    }
                    default -> {
                        if (line.startsWith("histo ")) {
                            java.nio.file.Files.writeString(
                                    java.nio.file.Path.of(line.substring(6).trim()), LiveHeap.histogram(60));
                            out.println("HISTO");
                        } else {
                            out.println("ERROR unknown command " + line);
                        }
                    }
                }
            }
        }
    }
}
