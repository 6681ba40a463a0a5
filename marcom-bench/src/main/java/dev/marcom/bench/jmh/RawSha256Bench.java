package dev.marcom.bench.jmh;

import dev.marcom.bench.Fixtures;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * SHA-256 alone, the other per-byte cost of a signed message or stream beside AES-GCM (each side
 * hashes every plaintext byte once): the JDK's SUN provider, which MARCOM uses, and
 * BouncyCastle's {@code SHA256Digest}, the alternative provider, hashing {@code size} bytes and
 * finishing. bench.sh measures {@code openssl speed sha256} (native) in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RawSha256Bench {
    @Param({"16384", "1048576"})
    public int size;

    private byte[] data;
    private final byte[] out = new byte[32];
    private MessageDigest jdk;
    private SHA256Digest bc;

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
        data = Fixtures.pattern(size);
        jdk = MessageDigest.getInstance("SHA-256");
        bc = new SHA256Digest();
    }

    /** The JDK (SUN provider, intrinsic-backed): what MARCOM hashes with. */
    @Benchmark
    public byte[] jdk() {
        jdk.update(data);
        return jdk.digest();
    }

    /** BouncyCastle's SHA256Digest (pure Java). */
    @Benchmark
    public byte[] bc() {
        bc.update(data, 0, data.length);
        bc.doFinal(out, 0);
        return out;
    }
}
