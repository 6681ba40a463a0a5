package dev.marcom.internal.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPrivateKey;
import java.security.interfaces.DSAPublicKey;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.DSAParameters;
import org.bouncycastle.crypto.params.DSAPrivateKeyParameters;
import org.bouncycastle.crypto.params.DSAPublicKeyParameters;
import org.bouncycastle.crypto.signers.DSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/**
 * DSA with SHA-256 (FIPS 186-4), signatures DER-encoded as {@code SEQUENCE {r, s}} exactly as
 * {@code SHA256withDSA} and {@code openssl dgst -sha256} produce and expect.
 *
 * <p>Signing uses BouncyCastle's {@link DSASigner} with RFC 6979 deterministic nonces
 * ({@link HMacDSAKCalculator}), so a weak random source can never leak the private key through a
 * biased or repeated k. Verification uses BouncyCastle too and accepts only strict DER (the
 * decoder re-encodes and compares), which the Wycheproof vectors check.
 */
public final class Dsa {
  private Dsa() {
  }

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

  /** Verifies a DER signature over SHA-256({@code data}); false on any defect. */
  public static boolean verify(DSAPublicKey key, byte[] data, byte[] signature) {
    SHA256Digest digest = new SHA256Digest();
    digest.update(data, 0, data.length);
    byte[] hash = new byte[digest.getDigestSize()];
    digest.doFinal(hash, 0);
    return verifyHash(key, hash, signature);
  }

  /** Verifies a DER signature over a precomputed SHA-256 hash; false on any defect. */
  public static boolean verifyHash(DSAPublicKey key, byte[] sha256, byte[] signature) {
    DSAParameters params = params(key.getParams());
    BigInteger[] rs;
    try {
      rs = StandardDSAEncoding.INSTANCE.decode(params.getQ(), signature);
    } catch (IOException | RuntimeException e) {
      return false;
    }
    DSASigner verifier = new DSASigner();
    verifier.init(false, new DSAPublicKeyParameters(key.getY(), params));
    return verifier.verifySignature(sha256, rs[0], rs[1]);
  }
}
