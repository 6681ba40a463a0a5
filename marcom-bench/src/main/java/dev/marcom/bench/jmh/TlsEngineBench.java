package dev.marcom.bench.jmh;

import dev.marcom.bench.Fixtures;
import dev.marcom.bench.Tls;
import java.nio.ByteBuffer;
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
 * The TLS 1.3 baseline under the same in-memory conditions as MARCOM's sans-I/O session: two
 * JSSE {@code SSLEngine}s ({@code TLS_AES_256_GCM_SHA384}) in one thread. {@link #wrapUnwrap}
 * sends a message of {@code size} bytes from client to server, record by record (16 KiB of
 * plaintext per record, the TLS maximum).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TlsEngineBench {
    @Param({"64", "1024", "16384", "1048576"})
    public int size;

    private Tls.EnginePair pair;
    private ByteBuffer message;

    @Setup
    public void setUp() throws SSLException {
        SSLContext ctx = Tls.context();
        pair = Tls.handshaken(ctx, false);
        if (!Tls.SUITE.equals(pair.client.getSession().getCipherSuite())) {
            throw new IllegalStateException(
                    "negotiated " + pair.client.getSession().getCipherSuite());
        }
        message = ByteBuffer.wrap(Fixtures.pattern(size));
        if (wrapUnwrap() != size) {
            throw new IllegalStateException("TLS transfer lost bytes");
        }
    }

    /** Wrap the message into TLS records on the client, unwrap them on the server. */
    @Benchmark
    public int wrapUnwrap() throws SSLException {
        message.clear();
        return Tls.transfer(pair.client, pair.server, message, pair.toServer, pair.serverApp);
    }
}
