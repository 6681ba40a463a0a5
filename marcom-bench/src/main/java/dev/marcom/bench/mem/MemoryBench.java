package dev.marcom.bench.mem;

import dev.marcom.MarcomException;
import dev.marcom.bench.Fixtures;
import dev.marcom.bench.Result;
import dev.marcom.bench.Tls;
import dev.marcom.session.Inbound;
import dev.marcom.session.SessionConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * Heap retained per connection, both ends together, over {@code N} connections held at once:
 * MARCOM's {@code Session} pair against a JSSE {@code SSLEngine} pair, each after a full
 * in-memory handshake.
 * <ul>
 *   <li>{@code idle}: just established; MARCOM: the two {@code Session}s; JSSE: the two
 *       engines.</li>
 *   <li>{@code streaming}: each side has sent the other one 16 KiB record and stays mid-stream,
 *       with what its API needs kept between records. MARCOM: the two {@code Session}s, each in
 *       the middle of a stream in both directions (its running SHA-256 included) — its API
 *       allocates frames per call and keeps no buffers. JSSE: the two engines plus the least an
 *       in-memory application must keep: one network buffer per direction and one application
 *       buffer per side (a socket application keeps two network buffers per side, more than
 *       counted here).</li>
 * </ul>
 * Shared things (configs, identities, the {@code SSLContext}) are made before the first
 * measurement and not counted. Measured as the rise in used heap after full GCs; run with
 * {@code -XX:+UseSerialGC} so {@code System.gc()} is a full, compacting collection.
 *
 * <p>Usage: {@code MemoryBench [--sessions N] --out mem.json}
 */
public final class MemoryBench {
    private static final int RECORD = 16 * 1024;

    private MemoryBench() {}

    @FunctionalInterface
    interface Maker {
        Object make() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int n = 1000;
        Path out = Path.of("mem.json");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sessions" -> n = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        SessionConfig config = Fixtures.config();
        SSLContext ctx = Tls.context();
        byte[] record = Fixtures.pattern(RECORD);
        // Warm up every code path once so class loading and JIT metadata are not counted.
        for (int i = 0; i < 20; i++) {
            marcomIdle(config);
            marcomStreaming(config, record);
            Tls.handshaken(ctx, false);
            jsseStreaming(ctx, record);
        }
        List<Map<String, Object>> results = new ArrayList<>();
        results.add(measure("marcom", "idle", n, () -> marcomIdle(config)));
        results.add(measure("jsse", "idle", n, () -> {
            Tls.EnginePair p = Tls.handshaken(ctx, false);
            return new Object[] {p.client, p.server};
        }));
        results.add(measure("marcom", "streaming", n, () -> marcomStreaming(config, record)));
        results.add(measure("jsse", "streaming", n, () -> jsseStreaming(ctx, record)));
        Result.writeJson(out, results);
    }

    private static Object marcomIdle(SessionConfig config) throws MarcomException {
        return Fixtures.handshake(config, config);
    }

    private static Object marcomStreaming(SessionConfig config, byte[] record) throws MarcomException {
        Fixtures.SessionPair p = Fixtures.handshake(config, config);
        stream(p.client(), p.server(), record);
        stream(p.server(), p.client(), record);
        return p;
    }

    private static void stream(dev.marcom.session.Session from, dev.marcom.session.Session to, byte[] record)
            throws MarcomException {
        to.open(from.beginStream("s", -1));
        Inbound in = to.open(from.sealStreamChunk(record, 0, record.length));
        if (!(in instanceof Inbound.UnverifiedStreamChunk c) || c.data().remaining() != RECORD) {
            throw new IllegalStateException("expected a 16 KiB chunk, got " + in);
        }
    }

    private static Object jsseStreaming(SSLContext ctx, byte[] record) throws SSLException {
        Tls.EnginePair p = Tls.handshaken(ctx, false);
        if (Tls.transfer(p.client, p.server, ByteBuffer.wrap(record), p.toServer, p.serverApp) != RECORD
                || Tls.transfer(p.server, p.client, ByteBuffer.wrap(record), p.toClient, p.clientApp) != RECORD) {
            throw new IllegalStateException("TLS transfer lost bytes");
        }
        return p;
    }

    private static Map<String, Object> measure(String impl, String state, int n, Maker maker) throws Exception {
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        Object[] held = new Object[n];
        long before = used(mx);
        long after;
        try {
            for (int i = 0; i < n; i++) {
                held[i] = maker.make();
            }
            after = used(mx);
        } finally {
            Reference.reachabilityFence(held);
        }
        double perPair = (after - before) / (double) n;
        System.out.printf("mem %s %s: %.0f bytes per connection (both ends), over %d%n", impl, state, perPair, n);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("impl", impl);
        params.put("state", state);
        params.put("connections", Integer.toString(n));
        return Result.of("mem.retained", params, "B/conn", new double[] {perPair});
    }

    private static long used(MemoryMXBean mx) throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            best = Math.min(best, mx.getHeapMemoryUsage().getUsed());
        }
        return best;
    }
}
