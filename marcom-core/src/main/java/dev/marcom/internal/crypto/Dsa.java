package dev.marcom.internal.crypto;

import dev.marcom.AuthenticationException;
import dev.marcom.internal.crypto.dsa.DsaKeyVerifier;
import dev.marcom.internal.crypto.dsa.DsaVerifierKind;
import dev.marcom.internal.crypto.dsa.VerifyingDsaPublicKey;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPrivateKey;
import java.security.interfaces.DSAPublicKey;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.DSAParameters;
import org.bouncycastle.crypto.params.DSAPrivateKeyParameters;
import org.bouncycastle.crypto.signers.DSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/**
 * DSA with SHA-256 (FIPS 186-4), signatures DER-encoded as {@code SEQUENCE {r, s}} exactly as
 * {@code SHA256withDSA} and {@code openssl dgst -sha256} produce and expect.
 *
 * <p>Signing uses BouncyCastle's {@link DSASigner} with RFC 6979 deterministic nonces
 * ({@link HMacDSAKCalculator}), so a weak random source can never leak the private key through a
 * biased or repeated k (the JDK signs with a random k). Verification first requires strict DER
 * (BouncyCastle's decoder re-encodes and compares; it also bounds r and s), then decides with
 * MARCOM's own arithmetic on public values ({@link DsaKeyVerifier}: one multi-exponentiation with
 * precomputed tables, the JDK's exact semantics), or, with the system property
 * {@code dev.marcom.dsa.verifier=jdk} ({@link DsaVerifierKind}) or for parameters it does not
 * handle, with the JDK's {@code SHA256withDSA} from the SUN provider. A key wrapped by
 * {@link VerifyingDsaPublicKey} (every public key {@link DsaScheme} hands out) carries its
 * verifier and so its tables from one call to the next. The Wycheproof vectors and a differential
 * test against the JDK check the combination.
 */
public final class Dsa {
    private Dsa() {}

    static DSAParameters params(DSAParams p) {
        return new DSAParameters(p.getP(), p.getQ(), p.getG());
    }

    /** Signs SHA-256({@code data}) with {@code key}; returns the DER signature. */
    public static byte[] sign(DSAPrivateKey key, byte[] data) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(data, 0, data.length);
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        return signHash(key, hash);
    }

    /**
     * Signs SHA-256({@code data}) with a key that must be a DSA key (for tests and tools that hold
     * an identity's key as a plain {@link PrivateKey}).
     *
     * @throws ClassCastException if {@code key} is not a DSA key
     */
    public static byte[] sign(PrivateKey key, byte[] data) {
        return sign((DSAPrivateKey) key, data);
    }

    /** Signs a precomputed SHA-256 hash; returns the DER signature. */
    public static byte[] signHash(DSAPrivateKey key, byte[] sha256) {
        DSAParameters params = params(key.getParams());
        DSASigner signer = new DSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new DSAPrivateKeyParameters(key.getX(), params));
        BigInteger[] rs = signer.generateSignature(sha256);
        try {
            return StandardDSAEncoding.INSTANCE.encode(params.getQ(), rs[0], rs[1]);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding failed", e);
        }
    }

    /**
     * Verifies a DER signature over SHA-256({@code data}) and returns only if it is valid: there is
     * no boolean for a caller to forget.
     *
     * @param failure the message of the exception thrown otherwise, naming what was being verified
     *     and nothing about why it failed
     * @throws AuthenticationException with message {@code failure} if the signature is not strict
     *     DER or does not verify
     */
    public static void verify(DSAPublicKey key, byte[] data, byte[] signature, String failure)
            throws AuthenticationException {
        if (!isValid(key, data, signature)) {
            throw new AuthenticationException(failure);
        }
    }

    /**
     * As {@link #verify(DSAPublicKey, byte[], byte[], String)}, for a key held as a plain
     * {@link PublicKey}; one that is not a DSA key verifies nothing.
     *
     * @throws AuthenticationException with message {@code failure} unless the signature is valid
     */
    public static void verify(PublicKey key, byte[] data, byte[] signature, String failure)
            throws AuthenticationException {
        if (!(key instanceof DSAPublicKey dsa)) {
            throw new AuthenticationException(failure);
        }
        verify(dsa, data, signature, failure);
    }

    /**
     * Whether {@code signature} is valid, decided by the verifier {@code key} carries
     * ({@link VerifyingDsaPublicKey}) or else by one of the kind the system property names now.
     */
    static boolean isValid(DSAPublicKey key, byte[] data, byte[] signature) {
        DsaKeyVerifier verifier = key instanceof VerifyingDsaPublicKey k
                ? k.verifier()
                : DsaKeyVerifier.of(key, DsaVerifierKind.fromSystemProperty());
        return isValid(verifier, key, data, signature);
    }

    /** Whether {@code signature} is valid, decided by {@code verifier} (made for {@code key}). */
    static boolean isValid(DsaKeyVerifier verifier, DSAPublicKey key, byte[] data, byte[] signature) {
        BigInteger[] rs;
        try {
            rs = StandardDSAEncoding.INSTANCE.decode(key.getParams().getQ(), signature);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        if (verifier.usesOwnArithmetic()) {
            return verifier.verify(Sha256.hash(data), rs[0], rs[1]);
        }
        try {
            Signature jdk = Signature.getInstance("SHA256withDSA", "SUN");
            jdk.initVerify(key);
            jdk.update(data);
            return jdk.verify(signature);
        } catch (SignatureException | InvalidKeyException | ArithmeticException e) {
            // ArithmeticException: s not invertible modulo a composite q (the JDK does not catch it).
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withDSA (SUN) unavailable", e);
        }
    }
}
