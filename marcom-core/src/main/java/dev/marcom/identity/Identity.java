package dev.marcom.identity;

import dev.marcom.Fingerprint;
import dev.marcom.MalformedInputException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPrivateKey;
import java.security.interfaces.DSAPublicKey;
import java.security.spec.DSAPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * A long-term DSA identity key pair: signs this side's handshake and every message it sends.
 *
 * <p>Generation uses published domain parameters (BouncyCastle's 2048/256 set, the JDK's
 * precomputed 3072/256 set), so it takes milliseconds, and the key pair itself comes from the
 * JDK's SUN provider. The private key never appears in {@link #toString()}.
 */
public final class Identity {
  private final DSAPrivateKey privateKey;
  private final PeerIdentity publicIdentity;

  private Identity(DSAPrivateKey privateKey, PeerIdentity publicIdentity) {
    this.privateKey = privateKey;
    this.publicIdentity = publicIdentity;
  }

  /**
   * Generates a fresh identity.
   *
   * @param size the DSA key size
   * @param random the source of the private key
   * @return the new identity
   * @throws IllegalStateException if the JDK's SUN provider offers no DSA key generation
   */
  public static Identity generate(DsaKeySize size, SecureRandom random) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("DSA", "SUN");
      gen.initialize(DomainParameters.of(size), random);
      KeyPair kp = gen.generateKeyPair();
      DSAPublicKey pub = (DSAPublicKey) kp.getPublic();
      return new Identity((DSAPrivateKey) kp.getPrivate(), PeerIdentity.ofTrusted(pub, size));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("DSA key generation unavailable", e);
    }
  }

  /**
   * Generates a fresh identity of the default size, {@link DsaKeySize#DSA_2048_256}.
   *
   * @param random the source of the private key
   * @return the new identity
   * @throws IllegalStateException if the JDK's SUN provider offers no DSA key generation
   */
  public static Identity generate(SecureRandom random) {
    return generate(DsaKeySize.DSA_2048_256, random);
  }

  /**
   * Loads an identity from a DER PKCS#8 DSA private key; the public key is recomputed from it.
   * For files, use {@link IdentityFiles}, which also checks the stored public key.
   *
   * @param pkcs8 an unencrypted DER PKCS#8 PrivateKeyInfo holding a DSA key of a supported size
   * @return the identity
   * @throws MalformedInputException if the bytes are not a supported DSA private key with
   *     0 &lt; x &lt; q
   */
  public static Identity fromPkcs8(byte[] pkcs8) throws MalformedInputException {
    try {
      KeyFactory kf = KeyFactory.getInstance("DSA");
      DSAPrivateKey priv = (DSAPrivateKey) kf.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      DSAParams p = priv.getParams();
      if (priv.getX().signum() <= 0 || priv.getX().compareTo(p.getQ()) >= 0) {
        throw new MalformedInputException("DSA private value out of range (0 < x < q)");
      }
      java.math.BigInteger y = p.getG().modPow(priv.getX(), p.getP());
      DSAPublicKey pub = (DSAPublicKey) kf.generatePublic(
          new DSAPublicKeySpec(y, p.getP(), p.getQ(), p.getG()));
      return new Identity(priv, PeerIdentity.fromSubjectPublicKeyInfo(pub.getEncoded()));
    } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
      throw new MalformedInputException("not a DER PKCS#8 DSA private key", e);
    }
  }

  /**
   * Returns the private key, unencrypted. Handle with care: it is the identity.
   *
   * @return a fresh array holding the DER PKCS#8 PrivateKeyInfo
   */
  public byte[] privateKeyPkcs8() {
    return privateKey.getEncoded();
  }

  /**
   * Returns the private key, for signing inside the library.
   *
   * @return the DSA private key
   */
  public DSAPrivateKey privateKey() {
    return privateKey;
  }

  /**
   * Returns the public half, as peers see it.
   *
   * @return the public key with its size and fingerprint
   */
  public PeerIdentity publicIdentity() {
    return publicIdentity;
  }

  /**
   * Returns the fingerprint of the public key, which peers pin or compare.
   *
   * @return the same as {@code publicIdentity().fingerprint()}
   */
  public Fingerprint fingerprint() {
    return publicIdentity.fingerprint();
  }

  @Override
  public String toString() {
    return "Identity[" + publicIdentity.fingerprint() + ", " + publicIdentity.size() + "]";
  }
}
