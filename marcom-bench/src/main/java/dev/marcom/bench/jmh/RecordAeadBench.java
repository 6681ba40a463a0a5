package dev.marcom.bench.jmh;

import dev.marcom.AuthenticationException;
import dev.marcom.MalformedInputException;
import dev.marcom.bench.Fixtures;
import dev.marcom.internal.record.RecordCipher;
import dev.marcom.internal.record.RecordType;
import dev.marcom.internal.wire.Frames;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The AES-GCM part of MARCOM's record work alone: the records a message of {@code size} bytes
 * becomes (64 KiB of content per record, the last one carrying the 2-byte length and a 72-byte
 * stand-in for the DSA signature, as {@code Session.seal} lays them out), sealed by one
 * {@link RecordCipher} and opened by its peer into one reused array, as {@link RawAesGcmBench}
 * decrypts into one. No signing, no hashing: this isolates the record layer's cost against it.
 * (The session opens a message's single record into a fresh array, which becomes the message the
 * application receives: that allocation is in {@link SessionRecordBench}'s figures.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RecordAeadBench {
    /** A DER DSA-SHA256 signature with N = 256 is 70 to 72 bytes; the prefix adds its length. */
    static final int SIGNATURE_PREFIX = 2 + 72;

    @Param({"64", "1024", "16384", "1048576"})
    public int size;

    private RecordCipher sender;
    private RecordCipher receiver;
    private byte[] message;
    private byte[] prefix;
    private byte[][] frames;
    private int[] offsets;
    private int[] lengths;
    private byte[] opened;

    @Setup
    public void setUp() {
        byte[] secret = Fixtures.secret(32);
        sender = new RecordCipher(secret.clone());
        receiver = new RecordCipher(secret);
        message = Fixtures.pattern(size);
        prefix = Fixtures.pattern(SIGNATURE_PREFIX);
        int max = Frames.MAX_RECORD_CONTENT;
        int parts = 0;
        int rest = size;
        while (rest + SIGNATURE_PREFIX > max) {
            parts++;
            rest -= max;
        }
        frames = new byte[parts + 1][];
        offsets = new int[parts + 1];
        lengths = new int[parts + 1];
        for (int i = 0; i < parts; i++) {
            frames[i] = new byte[RecordCipher.frameSize(max)];
            offsets[i] = i * max;
            lengths[i] = max;
        }
        frames[parts] = new byte[RecordCipher.frameSize(SIGNATURE_PREFIX + rest)];
        offsets[parts] = parts * max;
        lengths[parts] = rest;
        opened = new byte[1 + SIGNATURE_PREFIX + max];
    }

    /** Seal every record of the message, then open each (one record at a time, in order). */
    @Benchmark
    public int sealOpen() throws MalformedInputException, AuthenticationException {
        int opened = 0;
        byte[] none = new byte[0];
        int last = frames.length - 1;
        for (int i = 0; i <= last; i++) {
            sender.seal(
                    i == last ? RecordType.MESSAGE_FINAL : RecordType.MESSAGE_PART,
                    i == last ? prefix : none,
                    message,
                    offsets[i],
                    lengths[i],
                    frames[i],
                    0);
            opened += receiver.open(frames[i], this.opened, 0);
        }
        return opened;
    }
}
