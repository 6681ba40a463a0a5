package dev.marcom.bench.net;

import dev.marcom.MarcomException;
import dev.marcom.bench.Fixtures;
import dev.marcom.bench.Result;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;

/**
 * The over-sockets harness: MARCOM vs JSSE TLS 1.3 vs a plain socket over loopback, client and
 * server in this JVM (two threads on the same cores, as a real loopback test is). Three figures
 * per transport:
 * <ul>
 *   <li>{@code net.bulk}: one 256 MiB stream, MB/s (10^6 bytes per second), from the client's
 *       first write to the server having read (and, for MARCOM, verified) the last byte;</li>
 *   <li>{@code net.pingPong}: 1 KiB messages echoed, round trips per second (MARCOM signs and
 *       verifies both messages of each round trip);</li>
 *   <li>{@code net.handshake}: sequential new connections with a full handshake per second,
 *       each confirmed by the server (TLS and plain: the server writes one byte the client
 *       reads; MARCOM: the client has the server's Finished, sent after it verified the
 *       client).</li>
 * </ul>
 * Each figure: warm-up rounds first, then samples of one second (one transfer for bulk), the
 * three transports measured in turn; written in JMH's JSON shape. Quick mode takes 2 warm-up
 * rounds and 5 samples, full mode 3 and 9.
 *
 * <p>Usage: {@code NetBench [--quick] --out net.json}
 */
public final class NetBench {
    private static final long BULK_BYTES = 256L * 1024 * 1024;
    private static final int MESSAGE = 1024;

    private final boolean quick;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "netbench-server");
        t.setDaemon(true);
        return t;
    });

    private NetBench(boolean quick) {
        this.quick = quick;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path out = Path.of("net.json");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        NetBench bench = new NetBench(quick);
        List<Transport> transports =
                List.of(new Transport.Marcom(Fixtures.config()), new Transport.Tls13(), new Transport.Plain());
        List<Map<String, Object>> results = new ArrayList<>();
        results.addAll(bench.bulk(transports));
        results.addAll(bench.pingPong(transports));
        results.addAll(bench.handshakes(transports));
        Result.writeJson(out, results);
        bench.pool.shutdownNow();
    }

    /** Warm-up rounds before the samples; quick mode takes fewer samples, of the same length. */
    private int warmups() {
        return quick ? 2 : 3;
    }

    private int samples() {
        return quick ? 5 : 9;
    }

    /**
     * One sample of one transport: a measurement that returns its figure. The samples of the
     * three transports are taken in turn (MARCOM, TLS, plain, MARCOM, ...), so that a ratio of two
     * transports compares samples taken seconds apart: this machine's speed drifts by up to 2x
     * over minutes, which measuring one transport after the other put into the ratios (a quick
     * run's bulk and ping-pong ratios once differed from a full run's by 38 % and 26 %).
     */
    @FunctionalInterface
    private interface Sample {
        double take() throws Exception;
    }

    private List<double[]> interleaved(List<Transport> transports, List<Sample> perTransport) throws Exception {
        List<double[]> figures = new ArrayList<>();
        for (int t = 0; t < transports.size(); t++) {
            figures.add(new double[samples()]);
        }
        for (int i = -warmups(); i < samples(); i++) {
            for (int t = 0; t < transports.size(); t++) {
                double v = perTransport.get(t).take();
                if (i >= 0) {
                    figures.get(t)[i] = v;
                }
            }
        }
        return figures;
    }

    private record Pair(Transport.Conn client, Transport.Conn server, ServerSocket listener) {
        void close() throws IOException {
            client.close();
            server.close();
            listener.close();
        }
    }

    private Pair connect(Transport t) throws Exception {
        ServerSocket ss = t.listen();
        Future<Transport.Conn> server = pool.submit(() -> t.accept(ss.accept()));
        Transport.Conn client = t.connect(ss.getLocalPort());
        return new Pair(client, server.get(60, TimeUnit.SECONDS), ss);
    }

    private List<Map<String, Object>> bulk(List<Transport> transports) throws Exception {
        List<Pair> pairs = new ArrayList<>();
        try {
            List<Sample> samples = new ArrayList<>();
            for (Transport t : transports) {
                Pair p = connect(t);
                pairs.add(p);
                samples.add(() -> {
                    Future<Long> done = pool.submit(() -> {
                        p.server().receiveBulk(BULK_BYTES);
                        return System.nanoTime();
                    });
                    long start = System.nanoTime();
                    p.client().sendBulk(BULK_BYTES);
                    long end = done.get(600, TimeUnit.SECONDS);
                    return BULK_BYTES / ((end - start) / 1e9) / 1e6;
                });
            }
            return perTransport(
                    transports,
                    "net.bulk",
                    Map.of("bytes", "268435456"),
                    "bulk MB/s",
                    "MB/s",
                    interleaved(transports, samples));
        } finally {
            for (Pair p : pairs) {
                p.close();
            }
        }
    }

    /** Calls {@code step} repeatedly for one second; returns calls per second. */
    private static double perSecond(Sample step) throws Exception {
        long start = System.nanoTime();
        long end = start + 1_000_000_000L;
        long n = 0;
        long now;
        do {
            step.take();
            n++;
            now = System.nanoTime();
        } while (now < end);
        return n / ((now - start) / 1e9);
    }

    private List<Map<String, Object>> pingPong(List<Transport> transports) throws Exception {
        List<Pair> pairs = new ArrayList<>();
        byte[] msg = Fixtures.pattern(MESSAGE);
        List<byte[]> echoes = new ArrayList<>();
        try {
            List<Sample> samples = new ArrayList<>();
            for (Transport t : transports) {
                Pair p = connect(t);
                pairs.add(p);
                pool.execute(() -> {
                    byte[] buf = new byte[MESSAGE];
                    try {
                        while (true) {
                            p.server().receive(buf, MESSAGE);
                            p.server().send(buf, MESSAGE);
                        }
                    } catch (IOException | MarcomException | RuntimeException e) {
                        return; // the client closed the connection: done
                    }
                });
                byte[] back = new byte[MESSAGE];
                echoes.add(back);
                samples.add(() -> perSecond(() -> {
                    p.client().send(msg, MESSAGE);
                    p.client().receive(back, MESSAGE);
                    return 0;
                }));
            }
            List<double[]> rates = interleaved(transports, samples);
            for (int t = 0; t < transports.size(); t++) {
                if (!Arrays.equals(msg, echoes.get(t))) {
                    throw new IllegalStateException(transports.get(t).name() + ": echo differs");
                }
            }
            return perTransport(
                    transports, "net.pingPong", Map.of("size", "1024"), "ping-pong round trips/s", "ops/s", rates);
        } finally {
            for (Pair p : pairs) {
                p.client().close();
                p.listener().close();
            }
        }
    }

    private List<Map<String, Object>> handshakes(List<Transport> transports) throws Exception {
        List<ServerSocket> listeners = new ArrayList<>();
        try {
            List<Sample> samples = new ArrayList<>();
            for (Transport t : transports) {
                ServerSocket ss = t.listen();
                listeners.add(ss);
                pool.execute(() -> {
                    while (!ss.isClosed()) {
                        try (Socket s = ss.accept();
                                Transport.Conn c = t.accept(s)) {
                            if (!(t instanceof Transport.Marcom)) {
                                c.send(new byte[] {1}, 1);
                            }
                        } catch (IOException | MarcomException | RuntimeException e) {
                            if (ss.isClosed()) {
                                return;
                            }
                        }
                    }
                });
                byte[] one = new byte[1];
                samples.add(() -> perSecond(() -> {
                    Transport.Conn c = t.connect(ss.getLocalPort());
                    if (!(t instanceof Transport.Marcom)) {
                        c.receive(one, 1);
                    }
                    if (c instanceof Transport.StreamConn sc && sc.socket instanceof SSLSocket tls) {
                        tls.getSession().invalidate(); // never resume: every handshake is a full one
                    }
                    c.close();
                    return 0;
                }));
            }
            return perTransport(
                    transports, "net.handshake", Map.of(), "handshakes/s", "ops/s", interleaved(transports, samples));
        } finally {
            for (ServerSocket ss : listeners) {
                ss.close();
            }
        }
    }

    /** One result per transport, in JMH's shape: {@code figure} with its transport and {@code params}. */
    private static List<Map<String, Object>> perTransport(
            List<Transport> transports,
            String figure,
            Map<String, String> params,
            String what,
            String unit,
            List<double[]> samples) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int t = 0; t < transports.size(); t++) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("transport", transports.get(t).name());
            p.putAll(params);
            log(transports.get(t), what, samples.get(t));
            out.add(Result.of(figure, p, unit, samples.get(t)));
        }
        return out;
    }

    private static void log(Transport t, String what, double[] samples) {
        StringBuilder b = new StringBuilder();
        for (double s : samples) {
            b.append(String.format(" %.1f", s));
        }
        System.out.println("net " + t.name() + " " + what + ":" + b);
    }
}
