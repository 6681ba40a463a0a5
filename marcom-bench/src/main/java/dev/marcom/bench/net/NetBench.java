package dev.marcom.bench.net;

import dev.marcom.MarcomException;
import dev.marcom.bench.Fixtures;
import dev.marcom.bench.Result;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Each figure: warm-up rounds first, then several samples, written in JMH's JSON shape.
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
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        NetBench bench = new NetBench(quick);
        List<Transport> transports =
                List.of(new Transport.Marcom(Fixtures.config()), new Transport.Tls13(), new Transport.Plain());
        List<Map<String, Object>> results = new ArrayList<>();
        for (Transport t : transports) {
            results.add(bench.bulk(t));
            results.add(bench.pingPong(t));
            results.add(bench.handshakes(t));
        }
        Result.writeJson(out, results);
        bench.pool.shutdownNow();
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

    private Map<String, Object> bulk(Transport t) throws Exception {
        int warmups = quick ? 1 : 2;
        int samples = quick ? 3 : 5;
        double[] mbps = new double[samples];
        Pair p = connect(t);
        try {
            for (int i = -warmups; i < samples; i++) {
                Future<Long> done = pool.submit(() -> {
                    p.server().receiveBulk(BULK_BYTES);
                    return System.nanoTime();
                });
                long start = System.nanoTime();
                p.client().sendBulk(BULK_BYTES);
                long end = done.get(600, TimeUnit.SECONDS);
                if (i >= 0) {
                    mbps[i] = BULK_BYTES / ((end - start) / 1e9) / 1e6;
                }
            }
        } finally {
            p.close();
        }
        log(t, "bulk MB/s", mbps);
        return Result.of("net.bulk", Map.of("transport", t.name(), "bytes", "268435456"), "MB/s", mbps);
    }

    private Map<String, Object> pingPong(Transport t) throws Exception {
        double seconds = quick ? 1 : 2;
        int warmups = quick ? 2 : 5;
        int samples = quick ? 3 : 5;
        double[] rate = new double[samples];
        Pair p = connect(t);
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
        byte[] msg = Fixtures.pattern(MESSAGE);
        byte[] back = new byte[MESSAGE];
        try {
            for (int i = -warmups; i < samples; i++) {
                long start = System.nanoTime();
                long end = start + (long) (seconds * 1e9);
                long n = 0;
                long now;
                do {
                    p.client().send(msg, MESSAGE);
                    p.client().receive(back, MESSAGE);
                    n++;
                    now = System.nanoTime();
                } while (now < end);
                if (i >= 0) {
                    rate[i] = n / ((now - start) / 1e9);
                }
            }
            if (!java.util.Arrays.equals(msg, back)) {
                throw new IllegalStateException("echo differs");
            }
        } finally {
            p.client().close();
            p.listener().close();
        }
        log(t, "ping-pong round trips/s", rate);
        return Result.of("net.pingPong", Map.of("transport", t.name(), "size", "1024"), "ops/s", rate);
    }

    private Map<String, Object> handshakes(Transport t) throws Exception {
        double seconds = quick ? 1 : 2;
        int warmups = quick ? 2 : 5;
        int samples = quick ? 3 : 5;
        double[] rate = new double[samples];
        ServerSocket ss = t.listen();
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
        try {
            for (int i = -warmups; i < samples; i++) {
                long start = System.nanoTime();
                long end = start + (long) (seconds * 1e9);
                long n = 0;
                long now;
                do {
                    Transport.Conn c = t.connect(ss.getLocalPort());
                    if (!(t instanceof Transport.Marcom)) {
                        c.receive(one, 1);
                    }
                    if (c instanceof Transport.StreamConn sc && sc.socket instanceof SSLSocket tls) {
                        tls.getSession().invalidate(); // never resume: every handshake is a full one
                    }
                    c.close();
                    n++;
                    now = System.nanoTime();
                } while (now < end);
                if (i >= 0) {
                    rate[i] = n / ((now - start) / 1e9);
                }
            }
        } finally {
            ss.close();
        }
        log(t, "handshakes/s", rate);
        return Result.of("net.handshake", Map.of("transport", t.name()), "ops/s", rate);
    }

    private static void log(Transport t, String what, double[] samples) {
        StringBuilder b = new StringBuilder();
        for (double s : samples) {
            b.append(String.format(" %.1f", s));
        }
        System.out.println("net " + t.name() + " " + what + ":" + b);
    }
}
