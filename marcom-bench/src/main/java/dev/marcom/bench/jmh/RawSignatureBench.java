package dev.marcom.bench.jmh;

import dev.marcom.AuthenticationException;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.bench.Fixtures;
import dev.marcom.identity.Identity;
import dev.marcom.internal.crypto.SignatureScheme;
import dev.marcom.internal.crypto.SignatureSchemes;
import java.io.IOException;
import java.security.PublicKey;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.MLDSAPublicKeyParameters;
import org.bouncycastle.crypto.signers.MLDSASigner;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The limit for signed messages of the modern and pq suites: Ed25519 and ML-DSA-65 over a 1 KiB
 * message. {@link #bcVerify} is BouncyCastle's lightweight API alone, on a public key decoded
 * once at set-up ({@code Ed25519PublicKeyParameters.verify}, or {@code MLDSASigner} on
 * {@code MLDSAPublicKeyParameters}): the baseline. {@link #marcomVerify} and {@link #marcomSign}
 * go through MARCOM's {@code SignatureScheme} with the identity's keys (the same keys and
 * signature), as a session does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RawSignatureBench {
    @Param({"ed25519", "ml-dsa-65"})
    public String algorithm;

    private Identity identity;
    private SignatureScheme scheme;
    private PublicKey publicKey;
    private AsymmetricKeyParameter rawKey;
    private byte[] message;
    private byte[] signature;

    @Setup
    public void setUp() throws IOException {
        SignatureAlgorithm a = SignatureAlgorithm.byShortName(algorithm);
        if (a != SignatureAlgorithm.ED25519 && a != SignatureAlgorithm.ML_DSA_65) {
            throw new IllegalArgumentException("algorithm " + algorithm);
        }
        identity = Fixtures.identity(a);
        scheme = SignatureSchemes.of(a);
        publicKey = identity.publicIdentity().publicKey();
        rawKey = PublicKeyFactory.createKey(publicKey.getEncoded());
        message = Fixtures.pattern(1024);
        signature = marcomSign();
        if (!bcVerify()) {
            throw new IllegalStateException("BouncyCastle does not verify the set-up signature");
        }
        try {
            marcomVerify();
        } catch (AuthenticationException e) {
            throw new IllegalStateException("set-up signature does not verify", e);
        }
    }

    /** Raw BouncyCastle verification with the key decoded once. */
    @Benchmark
    public boolean bcVerify() {
        if (rawKey instanceof Ed25519PublicKeyParameters ed) {
            return ed.verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
        }
        MLDSASigner verifier = new MLDSASigner();
        verifier.init(false, (MLDSAPublicKeyParameters) rawKey);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    @Benchmark
    public byte[] marcomSign() {
        return scheme.sign(identity.privateKey(), message);
    }

    /** Returns normally: the signature is valid, so no exception is built on this path. */
    @Benchmark
    public void marcomVerify() throws AuthenticationException {
        scheme.verify(publicKey, message, signature, "benchmark signature did not verify");
    }
}
