package dev.marcom.bench.jmh;

import dev.marcom.CipherSuite;
import dev.marcom.MarcomException;
import dev.marcom.bench.Fixtures;
import dev.marcom.bench.Tls;
import dev.marcom.session.SessionConfig;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Full handshakes in memory, both sides in one thread: MARCOM (mutually authenticated) per suite,
 * both identities of the suite's paired algorithm (classic: ElGamal ffdhe2048 with DSA-2048/256;
 * classic-3072: ffdhe3072 with DSA-3072/256; modern: X25519 with Ed25519; pq: X-Wing with
 * ML-DSA-65), and JSSE TLS 1.3 (ECDHE x25519 or
 * the JDK's first named group, ECDSA P-256 server certificate; {@code tls13Mutual} also
 * authenticates the client with the same certificate).
 *
 * <p>{@link #marcomPrecomputed} is {@link #marcom} with {@code precomputeEphemeralKeys(16)} on both
 * sides: the one-time KEM key pairs (the server's KEM key, the client's ephemeral ElGamal or X25519
 * key) are made ahead by a background thread, which runs on the machine's other core while the
 * benchmark thread handshakes. Its rate is the handshake thread's; the CPU time per handshake is
 * the same as {@link #marcom}'s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HandshakeBench {

    /** MARCOM configs per suite. */
    @State(Scope.Thread)
    public static class Marcom {
        @Param({"classic", "classic-3072", "modern", "pq"})
        public String suite;

        SessionConfig client;
        SessionConfig server;
        SessionConfig precomputingClient;
        SessionConfig precomputingServer;

        @Setup
        public void setUp() {
            CipherSuite s = Fixtures.suiteNamed(suite);
            client = Fixtures.config(s);
            server = Fixtures.config(s);
            precomputingClient = Fixtures.config(s.pairedSignature(), s, 16);
            precomputingServer = Fixtures.config(s.pairedSignature(), s, 16);
        }
    }

    /** The JSSE context. */
    @State(Scope.Thread)
    public static class Jsse {
        SSLContext ctx;

        @Setup
        public void setUp() {
            ctx = Tls.context();
        }
    }

    @Benchmark
    public Object marcom(Marcom m) throws MarcomException {
        return Fixtures.handshake(m.client, m.server);
    }

    @Benchmark
    public Object marcomPrecomputed(Marcom m) throws MarcomException {
        return Fixtures.handshake(m.precomputingClient, m.precomputingServer);
    }

    @Benchmark
    public Object tls13(Jsse j) throws SSLException {
        return Tls.handshaken(j.ctx, false);
    }

    @Benchmark
    public Object tls13Mutual(Jsse j) throws SSLException {
        return Tls.handshaken(j.ctx, true);
    }
}
