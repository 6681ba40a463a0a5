package dev.marcom.bench.jmh;

import dev.marcom.MarcomException;
import dev.marcom.bench.Fixtures;
import dev.marcom.session.Inbound;
import dev.marcom.session.Session;
import dev.marcom.session.SessionConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * MARCOM's whole record hot path through the public {@link Session} API: {@code seal} (SHA-256 of
 * the message, signature, AES-GCM records) and {@code open} (AES-GCM, sequence check, SHA-256,
 * signature verification), per suite with identities of its paired algorithm: classic with
 * DSA-2048/256, classic-3072 with DSA-3072/256, modern with Ed25519, pq with ML-DSA-65.
 *
 * <p>{@link #sealOpen} is one message sent and received. {@link #seal} is the sender alone
 * (signing-bound); {@link #open} the receiver alone (verification-bound): it opens a batch of
 * messages that a fresh in-memory handshake's client sealed before the invocation (sessions come
 * from handshakes only, and a receiver accepts each sequence number once), so neither the
 * handshake nor the sealing is measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SessionRecordBench {
    /** Messages per {@link #open} invocation. */
    public static final int BATCH = 32;

    @Param({"64", "1024", "16384", "1048576"})
    public int size;

    @Param({"classic", "classic-3072", "modern", "pq"})
    public String suite;

    private byte[] message;
    private Session client;
    private Session server;
    private Session sealer;
    private SessionConfig config;

    @Setup
    public void setUp() throws MarcomException {
        SessionConfig config = Fixtures.config(Fixtures.suiteNamed(suite));
        message = Fixtures.pattern(this.size);
        Fixtures.SessionPair pair = Fixtures.handshake(config, config);
        client = pair.client();
        server = pair.server();
        sealer = Fixtures.handshake(config, config).client();

        this.config = config;
        // Check once that a batch opens, so a broken set-up fails loudly instead of measuring.
        OpenBatch check = new OpenBatch();
        check.prepare(this);
        open(check);
    }

    /** Seal one message on the client and open it on the server. */
    @Benchmark
    public Object sealOpen() throws MarcomException {
        Inbound last = null;
        for (byte[] frame : Fixtures.splitFrames(client.seal(message))) {
            last = server.open(frame);
        }
        if (!(last instanceof Inbound.Message)) {
            throw new IllegalStateException("expected a message, got " + last);
        }
        return last;
    }

    /** The sender's side alone: hash, sign, encrypt. */
    @Benchmark
    public byte[] seal() throws MarcomException {
        return sealer.seal(message);
    }

    /** The receiver's side alone: decrypt, check the sequence, hash, verify. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object open(OpenBatch batch) throws MarcomException {
        Inbound last = null;
        for (List<byte[]> frames : batch.frames) {
            for (byte[] frame : frames) {
                last = batch.receiver.open(frame);
            }
            if (!(last instanceof Inbound.Message)) {
                throw new IllegalStateException("expected a message, got " + last);
            }
        }
        return last;
    }

    /** A fresh receiving session and a batch of messages its peer sealed, for one {@link #open}. */
    @State(Scope.Thread)
    public static class OpenBatch {
        Session receiver;
        List<List<byte[]>> frames;

        /** Runs a handshake and seals the batch; JMH does not time it. */
        @Setup(Level.Invocation)
        public void prepare(SessionRecordBench bench) throws MarcomException {
            Fixtures.SessionPair pair = Fixtures.handshake(bench.config, bench.config);
            receiver = pair.server();
            frames = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                frames.add(Fixtures.splitFrames(pair.client().seal(bench.message)));
            }
        }
    }
}
