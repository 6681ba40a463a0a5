package dev.marcom.bench.jmh;

import dev.marcom.AuthenticationException;
import dev.marcom.bench.Fixtures;
import dev.marcom.identity.Identity;
import dev.marcom.internal.crypto.Dsa;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.DSAPublicKey;
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
 * The limit for signed messages: DSA with SHA-256 over a 1 KiB message, signing and verifying,
 * by the JDK's {@code SHA256withDSA} (the platform's own, the baseline) and by the BouncyCastle
 * code MARCOM uses ({@code internal.crypto.Dsa}: RFC 6979 deterministic nonces, strict DER), with
 * the same keys.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RawDsaBench {
    @Param({"2048", "3072"})
    public String dsa;

    private Identity identity;
    private DSAPublicKey publicKey;
    private Signature jdkSigner;
    private Signature jdkVerifier;
    private byte[] message;
    private byte[] jdkSignature;
    private byte[] marcomSignature;

    @Setup
    public void setUp() throws GeneralSecurityException {
        identity = Fixtures.identity(Fixtures.dsa(dsa));
        publicKey = (DSAPublicKey) identity.publicIdentity().publicKey();
        message = Fixtures.pattern(1024);
        jdkSigner = Signature.getInstance("SHA256withDSA", "SUN");
        jdkSigner.initSign(identity.privateKey(), new java.security.SecureRandom());
        jdkVerifier = Signature.getInstance("SHA256withDSA", "SUN");
        jdkVerifier.initVerify(publicKey);
        jdkSignature = jdkSign();
        marcomSignature = Dsa.sign(identity.privateKey(), message);
        if (!jdkVerify()) {
            throw new IllegalStateException("DSA set-up signature does not verify");
        }
        try {
            marcomVerify();
        } catch (AuthenticationException e) {
            throw new IllegalStateException("DSA set-up signature does not verify", e);
        }
    }

    @Benchmark
    public byte[] jdkSign() throws GeneralSecurityException {
        jdkSigner.update(message);
        return jdkSigner.sign();
    }

    @Benchmark
    public boolean jdkVerify() throws GeneralSecurityException {
        jdkVerifier.update(message);
        return jdkVerifier.verify(jdkSignature);
    }

    @Benchmark
    public byte[] marcomSign() {
        return Dsa.sign(identity.privateKey(), message);
    }

    /** Returns normally: the signature is valid, so no exception is built on this path. */
    @Benchmark
    public void marcomVerify() throws AuthenticationException {
        Dsa.verify(publicKey, message, marcomSignature, "benchmark signature did not verify");
    }
}
