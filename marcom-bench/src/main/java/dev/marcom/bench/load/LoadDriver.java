package dev.marcom.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marcom.bench.Fixtures;
import dev.marcom.bench.LiveHeap;
import dev.marcom.server.Connection;
import dev.marcom.server.Limits;
import dev.marcom.server.MarcomConnector;
import dev.marcom.server.SessionHandler;
import dev.marcom.session.SessionConfig;
import dev.marcom.session.VerifiedMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load harness: holds {@code N} authenticated sessions on one {@link
 * dev.marcom.server.MarcomServer} over real loopback sockets while {@code M} of them exchange
 * signed messages for {@code S} seconds, and writes {@code report.json}. The server runs in its
 * own JVM ({@link LoadServer}, started by this one), so the heap it reports per idle session is
 * the server's alone; the clients are {@link MarcomConnector} sessions in this JVM, bound to
 * several loopback source addresses so ephemeral ports never run short.
 *
 * <p>Each active session sends {@code "s=<session> n=<seq> t=<nanos> ..."}, waits for the
 * server's signed echo, and sends the next one {@code --interval-ms} after the previous send
 * (or at once if the echo came later): a closed loop that slows down rather than piling up when
 * the machine is saturated. Both receivers check every session's sequence numbers, so loss,
 * duplication, reordering and misrouting are counted on both directions; latency is the round
 * trip measured by the client (its signature, the server's verification, the echo's signature
 * and the client's verification included).
 *
 * <p>Usage: {@code LoadDriver [--sessions N] [--active M] [--seconds S] [--interval-ms I]
 * [--slowloris K] [--client-ips C] [--out report.json] [--same-jvm] [--server-java-opts "..."]
 * [--server-java /path/to/bin/java] [--server-mode nio|threads|vthreads] [--idle-wait-s W]}: the
 * idle heap is measured after W seconds (default 20, past the 15 s keep-alive interval, so every
 * session has exchanged a PING and a PONG); --server-java and --server-mode compare
 * the non-blocking server with the blocking {@link dev.marcom.transport.SecureChannel} on one
 * platform or virtual thread per connection (see {@link LoadServer}).
 */
public final class LoadDriver {
    private static final String PADDING = "x".repeat(64);
    private static final int HANDSHAKES_IN_FLIGHT = 64;

    private int sessions = 1_000;
    private int active = 100;
    private int seconds = 10;
    private long intervalMillis = 4_000;
    private int slowloris;
    private long slowInterval = 5_000;
    private int clientIps = 4;
    private Path out = Path.of("report.json");
    private boolean sameJvm;
    private String serverJavaOpts = "-XX:+UseSerialGC -Xms1g -Xmx1g";
    private String serverJava;
    private String serverMode = "nio";
    private int idleWaitSeconds = 20;

    private final Map<Connection, Active> actives = new ConcurrentHashMap<>();
    private final AtomicLong echoesUnexpected = new AtomicLong();
    private final AtomicLong clientFailures = new AtomicLong();
    private final Map<String, AtomicLong> clientFailureTypes = new ConcurrentHashMap<>();
    private long[] latencies;
    private final AtomicInteger latencyCount = new AtomicInteger();
    private ScheduledExecutorService sender;
    private volatile boolean stopping;

    /** One active session's client side. */
    private final class Active {
        final int index;
        final Connection connection;
        final Sequence echoes = new Sequence();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        volatile long lastSend;
        volatile boolean outstanding;

        Active(int index, Connection connection) {
            this.index = index;
            this.connection = connection;
        }

        void sendNext() {
            if (stopping) {
                return;
            }
            long n = sent.get() + 1;
            long now = System.nanoTime();
            try {
                outstanding = true;
                lastSend = now;
                connection.send(Sequence.text(index, n, now, PADDING));
                sent.set(n);
            } catch (Exception e) {
                outstanding = false;
                refused.incrementAndGet();
            }
        }

        // sendNext() catches every exception itself: the future would hold no failure to look at.
        @SuppressWarnings("FutureReturnValueIgnored")
        void sendAfter(long delay, TimeUnit unit) {
            sender.schedule(this::sendNext, delay, unit);
        }

        void echoed(long s, long n, long t) {
            long now = System.nanoTime();
            echoes.arrived(s, n);
            int i = latencyCount.getAndIncrement();
            if (i < latencies.length) {
                latencies[i] = now - t;
            }
            outstanding = false;
            long delay = lastSend + TimeUnit.MILLISECONDS.toNanos(intervalMillis) - now;
            if (!stopping && index >= 0) { // warm-up sessions (index -1) send on the driver's beat
                sendAfter(Math.max(0, delay), TimeUnit.NANOSECONDS);
            }
        }
    }

    private final SessionHandler clientHandler = new SessionHandler() {
        @Override
        public void message(Connection c, VerifiedMessage m) {
            Active a = actives.get(c);
            if (a == null) {
                echoesUnexpected.incrementAndGet();
                return;
            }
            long[] f = Sequence.parse(m.text());
            a.echoed(f[0], f[1], f[2]);
        }

        @Override
        public void failed(Connection c, Exception cause) {
            clientFailures.incrementAndGet();
            clientFailureTypes
                    .computeIfAbsent(cause.getClass().getSimpleName(), k -> new AtomicLong())
                    .incrementAndGet();
        }
    };

    /** The server, in another JVM or in this one. */
    private interface ServerControl extends AutoCloseable {
        int port();

        long[] heap() throws Exception;

        Map<String, String> stats() throws Exception;

        void reset() throws Exception;

        long cpuNanos() throws Exception;

        void histogram(Path file) throws Exception;

        @Override
        void close();
    }

    public static void main(String[] args) throws Exception {
        LoadDriver d = new LoadDriver();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sessions" -> d.sessions = Integer.parseInt(args[++i]);
                case "--active" -> d.active = Integer.parseInt(args[++i]);
                case "--seconds" -> d.seconds = Integer.parseInt(args[++i]);
                case "--interval-ms" -> d.intervalMillis = Long.parseLong(args[++i]);
                case "--slowloris" -> d.slowloris = Integer.parseInt(args[++i]);
                case "--slowloris-interval-ms" -> d.slowInterval = Long.parseLong(args[++i]);
                case "--client-ips" -> d.clientIps = Integer.parseInt(args[++i]);
                case "--out" -> d.out = Path.of(args[++i]);
                case "--same-jvm" -> d.sameJvm = true;
                case "--server-java-opts" -> d.serverJavaOpts = args[++i];
                case "--server-java" -> d.serverJava = args[++i];
                case "--server-mode" -> d.serverMode = args[++i];
                case "--idle-wait-s" -> d.idleWaitSeconds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (d.active > d.sessions) {
            throw new IllegalArgumentException("--active must not exceed --sessions");
        }
        d.run();
    }

    private static void log(String s) {
        System.err.printf("[load %s] %s%n", Instant.now().toString().substring(11, 19), s);
    }

    void run() throws Exception {
        Files.createDirectories(out.toAbsolutePath().getParent());
        ObjectNode report = new ObjectMapper().createObjectNode();
        report.put("date", Instant.now().toString());
        report.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("sessions_requested", sessions);
        report.put("active", active);
        report.put("seconds", seconds);
        report.put("interval_ms", intervalMillis);
        report.put("server_mode", serverMode);
        SocketAddress[] from = new SocketAddress[clientIps];
        for (int i = 0; i < clientIps; i++) {
            from[i] = new InetSocketAddress(InetAddress.getByName("127.0.0." + (2 + i)), 0);
        }
        int maxConnections = sessions + slowloris + 1_000;
        latencies = new long
                [(int) Math.min(
                        50_000_000L, (long) active * (seconds * 1000L / Math.max(1, intervalMillis) + 20) + 1000)];
        SessionConfig config = Fixtures.config();
        Limits clientLimits = Limits.builder()
                .maxConnections(maxConnections)
                .maxHandshakes(HANDSHAKES_IN_FLIGHT * 2)
                .build();
        sender = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "load-sender");
            t.setDaemon(true);
            return t;
        });
        try (ServerControl server = sameJvm ? inProcess(maxConnections, serverMode) : child(maxConnections);
                MarcomConnector connector = MarcomConnector.open(clientLimits)) {
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());

            // Warm-up: load and compile the handshake, record and echo paths in both JVMs.
            int warm = Math.min(200, sessions);
            log("warm-up: " + warm + " sessions");
            List<Connection> warmed = open(connector, target, from, config, warm, new long[1]);
            for (Connection c : warmed) {
                actives.put(c, new Active(-1, c));
            }
            for (int round = 0; round < 3; round++) {
                for (Connection c : warmed) {
                    actives.get(c).sendNext();
                }
                Thread.sleep(300);
            }
            for (Connection c : warmed) {
                c.close();
            }
            actives.clear();
            Thread.sleep(500);
            latencyCount.set(0);
            echoesUnexpected.set(0);
            waitFor(() -> Long.parseLong(server.stats().get("connections")) == 0, 30);
            Thread.sleep(3_000); // closed connections may linger up to 2 s for the peer's end of stream
            server.reset();
            clientFailures.set(0);
            clientFailureTypes.clear();

            long[] serverBase = server.heap();
            long clientBase = clientHeap();
            log("baseline heap: server " + serverBase[0] / 1024 + " KiB, client " + clientBase / 1024 + " KiB; opening "
                    + sessions + " sessions");
            long[] failedOpens = new long[1];
            long serverCpu = server.cpuNanos();
            long clientCpu = LoadServer.cpuNanos();
            long start = System.nanoTime();
            List<Connection> held = open(connector, target, from, config, sessions, failedOpens);
            double openSeconds = (System.nanoTime() - start) / 1e9;
            report.put(
                    "server_cpu_ms_per_handshake",
                    round((server.cpuNanos() - serverCpu) / 1e6 / Math.max(1, held.size()), 2));
            report.put(
                    "client_cpu_ms_per_handshake",
                    round((LoadServer.cpuNanos() - clientCpu) / 1e6 / Math.max(1, held.size()), 2));
            report.put("sessions_opened", held.size());
            report.put("handshake_failures", failedOpens[0]);
            report.put("handshakes_per_s", round(held.size() / openSeconds, 1));
            report.put("open_seconds", round(openSeconds, 1));
            log(String.format(
                    "%d sessions in %.1f s (%.0f handshakes/s)", held.size(), openSeconds, held.size() / openSeconds));

            Thread.sleep(2_000);
            long[] serverFresh = server.heap();
            report.put(
                    "heap_per_session_just_opened_bytes",
                    (serverFresh[0] - serverBase[0]) / Math.max(1, serverFresh[1]));
            // Steady idle state: every session has sent and answered a keep-alive probe since.
            log("idle for " + idleWaitSeconds + " s (longer than the 15 s keep-alive interval)");
            Thread.sleep(idleWaitSeconds * 1000L);
            long[] serverIdle = server.heap();
            long clientIdle = clientHeap();
            long perSession = (serverIdle[0] - serverBase[0]) / Math.max(1, serverIdle[1]);
            report.put("heap_per_idle_session_bytes", perSession);
            report.put("heap_measured_sessions", serverIdle[1]);
            report.put("heap_idle_wait_s", idleWaitSeconds);
            server.histogram(out.toAbsolutePath().resolveSibling("server-histogram.txt"));
            report.put("client_heap_per_idle_session_bytes", (clientIdle - clientBase) / Math.max(1, held.size()));
            log("heap per idle session: server " + perSession + " B, client "
                    + (clientIdle - clientBase) / Math.max(1, held.size()) + " B");

            Slowloris slow = null;
            List<Long> probes = new ArrayList<>();
            if (slowloris > 0) {
                log("slowloris: " + slowloris + " connections, a byte every " + slowInterval + " ms each");
                slow = new Slowloris(target, from, slowloris, slowInterval);
                Thread.sleep(Math.min(10_000, slowInterval * 2));
            }

            log("active phase: " + active + " sessions for " + seconds + " s");
            for (int i = 0; i < active; i++) {
                actives.put(held.get(i), new Active(i, held.get(i)));
            }
            long activeStart = System.nanoTime();
            long activeCpu = server.cpuNanos();
            for (Active a : actives.values()) {
                // Spread the first sends over one interval.
                a.sendAfter((long) (Math.random() * intervalMillis), TimeUnit.MILLISECONDS);
            }
            long end = activeStart + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                if (slow != null) {
                    probes.add(probe(connector, target, config));
                }
                Thread.sleep(1_000);
            }
            stopping = true;
            waitFor(() -> actives.values().stream().noneMatch(a -> a.outstanding), 30);
            double activeSeconds = (System.nanoTime() - activeStart) / 1e9;
            Map<String, String> st = server.stats();
            report.put("sessions_held", Long.parseLong(st.get("connections")) - Long.parseLong(st.get("handshakes")));

            long clientSent = 0;
            long echoDelivered = 0;
            long echoDup = 0;
            long echoReorder = 0;
            long echoMisrouted = 0;
            long refused = 0;
            for (Active a : actives.values()) {
                clientSent += a.sent.get();
                echoDelivered += a.echoes.delivered();
                echoDup += a.echoes.duplicated();
                echoReorder += a.echoes.reordered();
                echoMisrouted += a.echoes.misrouted();
                refused += a.refused.get();
            }
            long serverEchoed = Long.parseLong(st.get("echoed"));
            long sent = clientSent + serverEchoed;
            long delivered = Long.parseLong(st.get("delivered")) + echoDelivered;
            report.put("messages_sent", sent);
            report.put("messages_delivered", delivered);
            report.put("lost", sent - delivered);
            report.put("duplicated", Long.parseLong(st.get("duplicated")) + echoDup);
            report.put("reordered", Long.parseLong(st.get("reordered")) + echoReorder);
            report.put("misrouted", Long.parseLong(st.get("misrouted")) + echoMisrouted + echoesUnexpected.get());
            report.put("sends_refused", refused + Long.parseLong(st.get("echo_refused")));
            report.put("messages_per_s", round(sent / activeSeconds, 1));
            report.put(
                    "server_cpu_ms_per_message", round((server.cpuNanos() - activeCpu) / 1e6 / Math.max(1, sent), 3));
            report.put(
                    "latency",
                    "round trip at the client: its DSA signature, the server's"
                            + " verification, the echo's signature and the client's verification included");
            int n = Math.min(latencyCount.get(), latencies.length);
            long[] lat = Arrays.copyOf(latencies, n);
            Arrays.sort(lat);
            report.put("p50_ms", round(percentile(lat, 0.50) / 1e6, 2));
            report.put("p99_ms", round(percentile(lat, 0.99) / 1e6, 2));
            report.put("p999_ms", round(percentile(lat, 0.999) / 1e6, 2));
            report.put("max_ms", round(n == 0 ? 0 : lat[n - 1] / 1e6, 2));
            report.put("session_failures_server", Long.parseLong(st.get("failures")));
            report.put("session_failures_client", clientFailures.get());
            ObjectNode failures = report.putObject("failure_types");
            failures.put("server", st.get("failure_types"));
            StringBuilder types = new StringBuilder();
            clientFailureTypes.forEach((k, v) -> types.append(types.length() == 0 ? "" : ",")
                    .append(k)
                    .append(':')
                    .append(v.get()));
            failures.put("client", types.length() == 0 ? "-" : types.toString());
            if (slow != null) {
                ObjectNode s = report.putObject("slowloris");
                s.put("connections", slowloris);
                s.put("byte_interval_ms", slowInterval);
                s.put("open_at_end", slow.open());
                s.put("reopened_after_server_closed", slow.reopened());
                long[] p = probes.stream().mapToLong(Long::longValue).sorted().toArray();
                s.put("probe_handshakes", p.length);
                s.put("probe_failures", Arrays.stream(p).filter(x -> x < 0).count());
                s.put("probe_p50_ms", round(percentile(p, 0.5) / 1e6, 1));
                s.put("probe_max_ms", round(p.length == 0 ? 0 : p[p.length - 1] / 1e6, 1));
                s.put(
                        "probes_within_2s",
                        Arrays.stream(p)
                                .filter(x -> x >= 0 && x < TimeUnit.SECONDS.toNanos(2))
                                .count());
                slow.close();
            }
            ObjectNode sv = report.putObject("server_stats");
            st.forEach(sv::put);
            log("closing");
            for (Connection c : held) {
                c.close();
            }
        } finally {
            sender.shutdownNow();
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report);
        log("report: " + out);
        System.out.println(
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    }

    /** Opens {@code n} sessions, at most {@link #HANDSHAKES_IN_FLIGHT} handshakes at a time. */
    @SuppressWarnings("FutureReturnValueIgnored") // whenComplete's future: release() cannot fail
    private List<Connection> open(
            MarcomConnector connector,
            InetSocketAddress target,
            SocketAddress[] from,
            SessionConfig config,
            int n,
            long[] failed)
            throws Exception {
        Semaphore inFlight = new Semaphore(HANDSHAKES_IN_FLIGHT);
        List<CompletableFuture<Connection>> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            CompletableFuture<Connection> f = connector.connect(target, from[i % from.length], config, clientHandler);
            f.whenComplete((c, e) -> inFlight.release());
            all.add(f);
            if ((i + 1) % 1000 == 0) {
                log((i + 1) + " sessions requested");
            }
        }
        List<Connection> out = new ArrayList<>(n);
        for (CompletableFuture<Connection> f : all) {
            try {
                out.add(f.get(60, TimeUnit.SECONDS));
            } catch (Exception e) {
                failed[0]++;
            }
        }
        return out;
    }

    /** One fresh handshake's duration in nanoseconds, or -1 if it failed. */
    private long probe(MarcomConnector connector, InetSocketAddress target, SessionConfig config) {
        long start = System.nanoTime();
        try {
            Connection c = connector
                    .connect(target, config, new SessionHandler() {
                        @Override
                        public void message(Connection connection, VerifiedMessage message) {}
                    })
                    .get(10, TimeUnit.SECONDS);
            long took = System.nanoTime() - start;
            c.close();
            return took;
        } catch (Exception e) {
            return -1;
        }
    }

    private static long clientHeap() throws InterruptedException {
        return LiveHeap.bytes();
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitFor(Condition c, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!c.holds() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static Map<String, String> parseStats(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : line.split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                m.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return m;
    }

    private static ServerControl inProcess(int maxConnections, String mode) throws IOException {
        LoadServer s = new LoadServer(maxConnections, mode);
        return new ServerControl() {
            @Override
            public int port() {
                return s.port();
            }

            @Override
            public long[] heap() throws Exception {
                return s.heap();
            }

            @Override
            public Map<String, String> stats() {
                return parseStats(s.stats());
            }

            @Override
            public void reset() {
                s.reset();
            }

            @Override
            public long cpuNanos() {
                return LoadServer.cpuNanos();
            }

            @Override
            public void histogram(Path file) throws IOException {
                Files.writeString(file, LiveHeap.histogram(60));
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }

    private ServerControl child(int maxConnections) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(
                serverJava != null
                        ? serverJava
                        : Path.of(System.getProperty("java.home"), "bin", "java")
                                .toString());
        for (String opt : serverJavaOpts.trim().split("\\s+")) {
            if (!opt.isEmpty()) {
                cmd.add(opt);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(LoadServer.class.getName());
        cmd.add(Integer.toString(maxConnections));
        cmd.add(serverMode);
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        PrintStream to = new PrintStream(p.getOutputStream(), true, StandardCharsets.UTF_8);
        String first = in.readLine();
        if (first == null || !first.startsWith("PORT ")) {
            p.destroyForcibly();
            throw new IOException("load server did not start: " + first);
        }
        int port = Integer.parseInt(first.substring(5).trim());
        return new ServerControl() {
            private synchronized String ask(String command, String answer) throws IOException {
                to.println(command);
                String line = in.readLine();
                if (line == null || !line.startsWith(answer)) {
                    throw new IOException("load server answered " + line + " to " + command);
                }
                return line.substring(answer.length()).trim();
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public long[] heap() throws IOException {
                String[] f = ask("heap", "HEAP").split(" ");
                return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
            }

            @Override
            public Map<String, String> stats() throws IOException {
                return parseStats(ask("stats", "STATS"));
            }

            @Override
            public void reset() throws IOException {
                ask("reset", "RESET");
            }

            @Override
            public long cpuNanos() throws IOException {
                return Long.parseLong(ask("cpu", "CPU"));
            }

            @Override
            public void histogram(Path file) throws IOException {
                ask("histo " + file.toAbsolutePath(), "HISTO");
            }

            @Override
            public void close() {
                try {
                    ask("quit", "BYE");
                } catch (IOException e) {
                    // it is going away anyway
                }
                try {
                    if (!p.waitFor(20, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        };
    }
}
