package dev.marcom.bench.jmh;

import dev.marcom.AuthenticationException;
import dev.marcom.bench.Fixtures;
import dev.marcom.identity.Identity;
import dev.marcom.internal.crypto.Dsa;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.DSAParameters;
import org.bouncycastle.crypto.params.DSAPublicKeyParameters;
import org.bouncycastle.crypto.signers.DSASigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
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
 * by the JDK's {@code SHA256withDSA} (the platform's own, the baseline), by BouncyCastle's
 * {@code DSASigner}, and by MARCOM's {@code internal.crypto.Dsa} (signing: BouncyCastle with
 * RFC 6979 nonces; verifying: strict DER, then MARCOM's own verifier), with the same keys.
 *
 * <p>{@link #marcomVerify} verifies with the identity's key, which carries its verifier: after
 * the warm-up it runs on the key's own comb table (as a key's verifications do from the 16th on).
 * {@link #marcomVerifyFirstUse} verifies with a plain JDK key, so every call is a key's first
 * verification (as in a handshake): g from the shared table, y^u2 by {@code BigInteger.modPow}.
 * {@link #marcomVerifyVaried} is {@link #marcomVerify} over {@value #VARIED} different messages
 * and signatures in turn, as a receiver sees them: each verification reads other entries of the
 * comb tables, so it shows what the tables cost when they do not stay in the nearest caches.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RawDsaBench {
    /** Different signed messages {@link #marcomVerifyVaried} goes through in turn. */
    public static final int VARIED = 256;

    @Param({"2048", "3072"})
    public String dsa;

    private Identity identity;
    private DSAPublicKey publicKey;
    private Signature jdkSigner;
    private Signature jdkVerifier;
    private byte[] message;
    private byte[] jdkSignature;
    private byte[] marcomSignature;
    private DSAPublicKey plainKey;
    private DSASigner bcVerifier;
    private byte[][] variedMessages;
    private byte[][] variedSignatures;
    private int next;

    @Setup
    public void setUp() throws GeneralSecurityException, IOException {
        identity = Fixtures.identity(Fixtures.dsa(dsa));
        publicKey = (DSAPublicKey) identity.publicIdentity().publicKey();
        message = Fixtures.pattern(1024);
        jdkSigner = Signature.getInstance("SHA256withDSA", "SUN");
        jdkSigner.initSign(identity.privateKey(), new java.security.SecureRandom());
        jdkVerifier = Signature.getInstance("SHA256withDSA", "SUN");
        jdkVerifier.initVerify(publicKey);
        jdkSignature = jdkSign();
        marcomSignature = Dsa.sign(identity.privateKey(), message);
        plainKey = (DSAPublicKey)
                KeyFactory.getInstance("DSA").generatePublic(new X509EncodedKeySpec(publicKey.getEncoded()));
        DSAParams p = publicKey.getParams();
        bcVerifier = new DSASigner();
        bcVerifier.init(
                false, new DSAPublicKeyParameters(publicKey.getY(), new DSAParameters(p.getP(), p.getQ(), p.getG())));
        variedMessages = new byte[VARIED][];
        variedSignatures = new byte[VARIED][];
        for (int i = 0; i < VARIED; i++) {
            variedMessages[i] = message.clone();
            variedMessages[i][0] = (byte) i;
            variedSignatures[i] = Dsa.sign(identity.privateKey(), variedMessages[i]);
        }
        if (!bcVerify()) {
            throw new IllegalStateException("BouncyCastle does not verify the set-up signature");
        }
        if (!jdkVerify()) {
            throw new IllegalStateException("DSA set-up signature does not verify");
        }
        try {
            marcomVerify();
            marcomVerifyFirstUse();
            for (int i = 0; i < VARIED; i++) {
                marcomVerifyVaried();
            }
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

    /** {@link #marcomVerify} over different messages and signatures, one after another. */
    @Benchmark
    public void marcomVerifyVaried() throws AuthenticationException {
        int i = next;
        next = (i + 1) % VARIED;
        Dsa.verify(publicKey, variedMessages[i], variedSignatures[i], "benchmark signature did not verify");
    }

    /** BouncyCastle's {@code DSASigner}: SHA-256, strict DER decoding, verification. */
    @Benchmark
    public boolean bcVerify() throws IOException {
        SHA256Digest digest = new SHA256Digest();
        digest.update(message, 0, message.length);
        byte[] hash = new byte[32];
        digest.doFinal(hash, 0);
        BigInteger[] rs =
                StandardDSAEncoding.INSTANCE.decode(publicKey.getParams().getQ(), marcomSignature);
        return bcVerifier.verifySignature(hash, rs[0], rs[1]);
    }

    /** MARCOM's verifier on a key's first use (no key table; g's shared table). */
    @Benchmark
    public void marcomVerifyFirstUse() throws AuthenticationException {
        Dsa.verify(plainKey, message, marcomSignature, "benchmark signature did not verify");
    }
}
