package dev.marcom.bench.wire;

import dev.marcom.CipherSuite;
import dev.marcom.MarcomException;
import dev.marcom.bench.Fixtures;
import dev.marcom.bench.Result;
import dev.marcom.bench.Tls;
import dev.marcom.session.SessionConfig;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * Bytes on the wire, counted rather than timed: per MARCOM suite (identities of its paired
 * algorithm) and for JSSE TLS 1.3 (server-authenticated and mutual, the engines of the handshake
 * benchmark), the bytes of a full handshake in each direction, and the overhead of one 1 KiB
 * message: its frames (MARCOM) or record (TLS) minus 1,024. Each figure is taken over several
 * handshakes and messages, since DER-encoded DSA and ECDSA signatures vary by a byte or two.
 *
 * <p>Writes JMH-shaped results (unit {@code bytes}) named {@code wire.handshake},
 * {@code wire.handshakeToServer}, {@code wire.handshakeToClient} and {@code wire.messageOverhead},
 * parameter {@code subject}: a suite name, {@code tls13} or {@code tls13-mutual}.
 *
 * <p>Usage: {@code WireBytes --out wire.json}
 */
public final class WireBytes {
    /** Handshakes and messages counted per subject. */
    static final int HANDSHAKES = 8;

    static final int MESSAGES = 32;
    static final int MESSAGE_BYTES = 1024;

    private WireBytes() {}

    public static void main(String[] args) throws Exception {
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out")) {
                out = Path.of(args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("usage: WireBytes --out wire.json");
        }
        List<Map<String, Object>> results = measure(Tls.context());
        Result.writeJson(out, results);
        System.out.println("wrote " + out);
    }

    /** Every figure, for each suite and for TLS 1.3 with {@code ctx}. */
    public static List<Map<String, Object>> measure(SSLContext ctx) throws MarcomException, SSLException {
        List<Map<String, Object>> results = new ArrayList<>();
        byte[] message = Fixtures.pattern(MESSAGE_BYTES);
        for (CipherSuite suite : CipherSuite.values()) {
            SessionConfig config = Fixtures.config(suite);
            Counts c = new Counts();
            for (int h = 0; h < HANDSHAKES; h++) {
                long[] bytes = new long[2];
                Fixtures.SessionPair pair = Fixtures.handshake(config, config, bytes);
                c.handshake(h, bytes);
                if (h == 0) {
                    for (int m = 0; m < MESSAGES; m++) {
                        c.overhead[m] = pair.client().seal(message).length - MESSAGE_BYTES;
                    }
                }
            }
            c.addTo(results, suite.suiteName());
        }
        for (boolean mutual : new boolean[] {false, true}) {
            Counts c = new Counts();
            for (int h = 0; h < HANDSHAKES; h++) {
                long[] bytes = new long[2];
                Tls.EnginePair pair = Tls.engines(ctx, mutual);
                Tls.handshake(pair, bytes);
                c.handshake(h, bytes);
                if (h == 0) {
                    for (int m = 0; m < MESSAGES; m++) {
                        c.overhead[m] = tlsRecordBytes(pair, message) - MESSAGE_BYTES;
                    }
                }
            }
            c.addTo(results, mutual ? "tls13-mutual" : "tls13");
        }
        return results;
    }

    /** The bytes one wrap of {@code message} puts on the wire (one record up to 16 KiB). */
    static int tlsRecordBytes(Tls.EnginePair pair, byte[] message) throws SSLException {
        ByteBuffer net = ByteBuffer.allocate(pair.client.getSession().getPacketBufferSize());
        ByteBuffer src = ByteBuffer.wrap(message);
        SSLEngineResult r = pair.client.wrap(src, net);
        if (r.getStatus() != SSLEngineResult.Status.OK || src.hasRemaining()) {
            throw new SSLException("wrap: " + r);
        }
        return r.bytesProduced();
    }

    /** The samples of one subject. */
    private static final class Counts {
        final double[] total = new double[HANDSHAKES];
        final double[] toServer = new double[HANDSHAKES];
        final double[] toClient = new double[HANDSHAKES];
        final double[] overhead = new double[MESSAGES];

        void handshake(int i, long[] bytes) {
            toServer[i] = bytes[0];
            toClient[i] = bytes[1];
            total[i] = bytes[0] + bytes[1];
        }

        void addTo(List<Map<String, Object>> results, String subject) {
            Map<String, String> p = Map.of("subject", subject);
            results.add(Result.of("wire.handshake", p, "bytes", total));
            results.add(Result.of("wire.handshakeToServer", p, "bytes", toServer));
            results.add(Result.of("wire.handshakeToClient", p, "bytes", toClient));
            results.add(Result.of("wire.messageOverhead", p, "bytes", overhead));
        }
    }
}
