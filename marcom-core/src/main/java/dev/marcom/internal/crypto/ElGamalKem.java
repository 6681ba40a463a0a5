package dev.marcom.internal.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.DHPrivateKeySpec;
import javax.crypto.spec.DHPublicKeySpec;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.DHKeyPairGenerator;
import org.bouncycastle.crypto.params.DHKeyGenerationParameters;
import org.bouncycastle.crypto.params.DHPrivateKeyParameters;
import org.bouncycastle.crypto.params.DHPublicKeyParameters;
import org.bouncycastle.util.BigIntegers;

/**
 * Hashed ElGamal (DHIES) key transport: the IND-CCA2 way to "encrypt a random AES key to an
 * ElGamal public key".
 *
 * <pre>
 *   receiver: x random, y = g^x mod p                    (ephemeral, one per handshake)
 *   sender:   r random, c1 = g^r mod p, z = y^r mod p
 *             kek = HKDF-SHA256(salt = context, ikm = z, info = label ‖ c1 ‖ y)
 *             c2  = AES-256-GCM(kek, nonce = 0^96, aad = context, secret)
 *   receiver: z = c1^x, same kek, secret = open(c2) or fail
 * </pre>
 *
 * <p>Unlike textbook ElGamal (c2 = m·y^r) this is not malleable: c2 is authenticated, the key
 * depends on c1 and y, and a fixed zero nonce is safe because every kek is used exactly once.
 * Key generation and public-value validation come from BouncyCastle's DH classes
 * ({@link DHPublicKeyParameters} rejects values outside [2, p-2] and, for these safe primes,
 * outside the order-q subgroup by a Legendre-symbol test); the agreement y^r comes from the JDK's
 * SunJCE DiffieHellman, measured faster (see {@code agree}).
 */
public final class ElGamalKem {
  public static final int SECRET_BYTES = 32;
  public static final int C2_BYTES = SECRET_BYTES + AesGcm.TAG_BYTES;
  private static final byte[] LABEL = ascii("MARCOM v1 elgamal kem");
  private static final byte[] ZERO_NONCE = new byte[AesGcm.NONCE_BYTES];

  private ElGamalKem() {
  }

  /** An ElGamal key pair in {@code group}. */
  public record KeyPair(DhGroup group, DHPrivateKeyParameters privateKey, byte[] publicValue) {
  }

  /** The encapsulation: c1 = g^r and c2 = AEAD(kek, secret). */
  public record Encapsulation(byte[] c1, byte[] c2) {
  }

  public static KeyPair generate(DhGroup group, SecureRandom random) {
    DHKeyPairGenerator gen = new DHKeyPairGenerator();
    gen.init(new DHKeyGenerationParameters(random, group.params()));
    AsymmetricCipherKeyPair kp = gen.generateKeyPair();
    DHPublicKeyParameters pub = (DHPublicKeyParameters) kp.getPublic();
    return new KeyPair(group, (DHPrivateKeyParameters) kp.getPrivate(),
        BigIntegers.asUnsignedByteArray(group.elementBytes(), pub.getY()));
  }

  /**
   * Decodes and validates a group element: exactly {@code elementBytes} long, in [2, p-2], and in
   * the prime-order subgroup.
   *
   * @throws IllegalArgumentException if any check fails
   */
  public static DHPublicKeyParameters validate(DhGroup group, byte[] encoded) {
    if (encoded.length != group.elementBytes()) {
      throw new IllegalArgumentException("group element must be " + group.elementBytes() + " bytes");
    }
    BigInteger v = new BigInteger(1, encoded);
    BigInteger p = group.params().getP();
    if (v.compareTo(BigInteger.ONE) <= 0 || v.compareTo(p.subtract(BigInteger.ONE)) >= 0) {
      throw new IllegalArgumentException("group element out of range (must be 1 < v < p-1)");
    }
    // BouncyCastle repeats the range check and adds the subgroup (Legendre symbol) check; its
    // message ("Y value does not appear to be in correct group") is reworded for users.
    try {
      return new DHPublicKeyParameters(v, group.params());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("group element is not in the prime-order subgroup of "
          + group.label(), e);
    }
  }

  /** Encrypts {@code secret} (32 bytes) to the validated public value {@code y}. */
  public static Encapsulation encapsulate(DhGroup group, byte[] y, byte[] secret, byte[] context,
      SecureRandom random) {
    if (secret.length != SECRET_BYTES) {
      throw new IllegalArgumentException("secret must be 32 bytes");
    }
    DHPublicKeyParameters peer = validate(group, y);
    KeyPair eph = generate(group, random);
    byte[] z = agree(group, eph.privateKey(), peer);
    byte[] kek = kek(z, context, eph.publicValue(), y);
    try {
      byte[] c2 = new AesGcm(kek).seal(ZERO_NONCE, context, secret);
      return new Encapsulation(eph.publicValue(), c2);
    } finally {
      Arrays.fill(z, (byte) 0);
      Arrays.fill(kek, (byte) 0);
    }
  }

  /**
   * Recovers the secret.
   *
   * @throws IllegalArgumentException if c1 is not a valid group element or c2 has the wrong size
   * @throws AEADBadTagException if c2 does not authenticate (wrong key, tampered, other context)
   */
  public static byte[] decapsulate(KeyPair keys, byte[] c1, byte[] c2, byte[] context)
      throws AEADBadTagException {
    if (c2.length != C2_BYTES) {
      throw new IllegalArgumentException("c2 must be " + C2_BYTES + " bytes");
    }
    DHPublicKeyParameters ephemeral = validate(keys.group(), c1);
    byte[] z = agree(keys.group(), keys.privateKey(), ephemeral);
    byte[] kek = kek(z, context, c1, keys.publicValue());
    try {
      return new AesGcm(kek).open(ZERO_NONCE, context, c2);
    } finally {
      Arrays.fill(z, (byte) 0);
      Arrays.fill(kek, (byte) 0);
    }
  }

  /**
   * z = pub^x mod p through the JDK's SunJCE {@code DiffieHellman} key agreement (a plain
   * modular exponentiation with the 256/320-bit exponent). BouncyCastle's DHBasicAgreement blinds
   * the exponent with a random multiple of q, which makes it full-size and measured about 7 times
   * slower; blinding protects an exponent that is used many times, and MARCOM's are used once.
   */
  private static byte[] agree(DhGroup group, DHPrivateKeyParameters priv, DHPublicKeyParameters pub) {
    BigInteger p = group.params().getP();
    BigInteger g = group.params().getG();
    try {
      KeyFactory kf = KeyFactory.getInstance("DiffieHellman", "SunJCE");
      KeyAgreement ka = KeyAgreement.getInstance("DiffieHellman", "SunJCE");
      ka.init(kf.generatePrivate(new DHPrivateKeySpec(priv.getX(), p, g)));
      ka.doPhase(kf.generatePublic(new DHPublicKeySpec(pub.getY(), p, g)), true);
      byte[] z = ka.generateSecret(); // fixed length: len(p), leading zeros kept
      if (z.length != group.elementBytes() || new BigInteger(1, z).equals(BigInteger.ONE)) {
        throw new IllegalArgumentException("degenerate shared value");
      }
      return z;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Diffie-Hellman agreement failed: " + e.getMessage(), e);
    }
  }

  private static byte[] kek(byte[] z, byte[] context, byte[] c1, byte[] y) {
    byte[] info = new byte[LABEL.length + c1.length + y.length];
    System.arraycopy(LABEL, 0, info, 0, LABEL.length);
    System.arraycopy(c1, 0, info, LABEL.length, c1.length);
    System.arraycopy(y, 0, info, LABEL.length + c1.length, y.length);
    return Hkdf.derive(context, z, info, AesGcm.KEY_BYTES);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
