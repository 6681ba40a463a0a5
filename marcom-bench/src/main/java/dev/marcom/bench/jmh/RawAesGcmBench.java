package dev.marcom.bench.jmh;

import dev.marcom.bench.Fixtures;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The limit for the record layer: the JDK's {@code AES/GCM/NoPadding} (AES-256, 128-bit tag)
 * encrypting a whole message in one {@code doFinal} and decrypting it again, with nothing else
 * around it — no framing, no records, no sequence numbers.
 *
 * <p>{@link #recordShaped} is the same on the bytes a one-record message of {@code size} bytes
 * puts through AES-GCM in MARCOM: the type byte, the signature prefix and the content
 * ({@code size + 75} bytes) with the record's 13 bytes of associated data — the limit for
 * {@link RecordAeadBench} on identical input, separating the record layer's own cost from the
 * JDK's cost of a length that is not a multiple of its unrolled loops.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RawAesGcmBench {
    @Param({"64", "1024", "16384", "1048576"})
    public int size;

    private Cipher enc;
    private Cipher dec;
    private SecretKeySpec key;
    private final byte[] nonce = new byte[12];
    private long counter;
    private byte[] plaintext;
    private byte[] ciphertext;
    private byte[] decrypted;
    private byte[] recordPlaintext;
    private byte[] recordCiphertext;
    private byte[] recordDecrypted;
    private final byte[] recordAad = new byte[13];

    @Setup
    public void setUp() throws GeneralSecurityException {
        key = new SecretKeySpec(Fixtures.secret(32), "AES");
        enc = Cipher.getInstance("AES/GCM/NoPadding");
        dec = Cipher.getInstance("AES/GCM/NoPadding");
        plaintext = Fixtures.pattern(size);
        ciphertext = new byte[size + 16];
        decrypted = new byte[size];
        int inner = 1 + RecordAeadBench.SIGNATURE_PREFIX + size;
        recordPlaintext = Fixtures.pattern(inner);
        recordCiphertext = new byte[inner + 16];
        recordDecrypted = new byte[inner];
    }

    /** Encrypt then decrypt one message (each with its own fresh nonce, as a record would). */
    @Benchmark
    public int sealOpen() throws GeneralSecurityException {
        GCMParameterSpec spec = nextNonce();
        enc.init(Cipher.ENCRYPT_MODE, key, spec);
        int n = enc.doFinal(plaintext, 0, size, ciphertext, 0);
        dec.init(Cipher.DECRYPT_MODE, key, spec);
        return dec.doFinal(ciphertext, 0, n, decrypted, 0);
    }

    /** As {@link #sealOpen} on a one-record message's AES-GCM input: type, prefix, content, AAD. */
    @Benchmark
    public int recordShaped() throws GeneralSecurityException {
        GCMParameterSpec spec = nextNonce();
        System.arraycopy(nonce, 4, recordAad, 5, 8); // the AAD ends with the sequence, as a record's
        enc.init(Cipher.ENCRYPT_MODE, key, spec);
        enc.updateAAD(recordAad);
        int n = enc.doFinal(recordPlaintext, 0, recordPlaintext.length, recordCiphertext, 0);
        dec.init(Cipher.DECRYPT_MODE, key, spec);
        dec.updateAAD(recordAad);
        return dec.doFinal(recordCiphertext, 0, n, recordDecrypted, 0);
    }

    /** The next nonce: a counter in its last 8 bytes, as a record's sequence number. */
    private GCMParameterSpec nextNonce() {
        counter++;
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (counter >>> (56 - 8 * i));
        }
        return new GCMParameterSpec(128, nonce);
    }
}
