package dev.marcom.identity;

import dev.marcom.Bytes;
import dev.marcom.MalformedInputException;
import dev.marcom.internal.crypto.dsa.VerifyingDsaPublicKey;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPublicKey;
import java.security.spec.DSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * A public DSA identity: the peer's X.509 SubjectPublicKeyInfo and its {@link Fingerprint}.
 * Instances are validated on construction: a supported size (2048/256 or 3072/256), a generator
 * and a public value in the order-q subgroup.
 */
public final class PeerIdentity {
  private final Bytes encoded;
  private final DSAPublicKey key;
  private final Fingerprint fingerprint;
  private final DsaKeySize size;

  private PeerIdentity(Bytes encoded, DSAPublicKey key, DsaKeySize size) {
    this.encoded = encoded;
    // The key carries its verifier, so the tables built for this peer live as long as it does.
    this.key = VerifyingDsaPublicKey.of(key);
    this.size = size;
    this.fingerprint = Fingerprint.of(encoded.toByteArray());
  }

  /**
   * Decodes and validates a DER SubjectPublicKeyInfo.
   *
   * @param spki the encoded key; must be canonical DER, so that one key has one fingerprint
   * @return the validated identity
   * @throws MalformedInputException if it is not a DSA key of a supported size, or its values fail
   *     the range and subgroup checks, or is not in canonical DER form
   */
  public static PeerIdentity fromSubjectPublicKeyInfo(byte[] spki) throws MalformedInputException {
    DSAPublicKey key;
    try {
      key = (DSAPublicKey) KeyFactory.getInstance("DSA")
          .generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
      throw new MalformedInputException("identity is not a DER DSA SubjectPublicKeyInfo", e);
    }
    DSAParams p = key.getParams();
    if (p == null) {
      throw new MalformedInputException("DSA identity without domain parameters");
    }
    DsaKeySize size = DsaKeySize.of(p.getP().bitLength(), p.getQ().bitLength());
    if (size == null) {
      throw new MalformedInputException("unsupported DSA size " + p.getP().bitLength() + "/"
          + p.getQ().bitLength() + " (MARCOM accepts 2048/256 and 3072/256)");
    }
    // The generator check costs a modular exponentiation; the published parameter sets that
    // MARCOM generates keys with are known to be good, so only other sets pay for it.
    if (!(DomainParameters.isKnown(p) || inSubgroup(p.getG(), p)) || !inSubgroup(key.getY(), p)) {
      throw new MalformedInputException("DSA identity values fail the subgroup check");
    }
    // Re-encode from the decoded values: key.getEncoded() would echo the input's own parameter
    // and key bytes, so INTEGERs with redundant leading zeros would pass as "canonical" and one
    // key would have several fingerprints.
    byte[] canonical;
    try {
      canonical = KeyFactory.getInstance("DSA").generatePublic(
          new DSAPublicKeySpec(key.getY(), p.getP(), p.getQ(), p.getG())).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new MalformedInputException("identity cannot be re-encoded", e);
    }
    if (!java.util.Arrays.equals(canonical, spki)) {
      throw new MalformedInputException("identity is not in canonical DER form");
    }
    return new PeerIdentity(Bytes.of(spki), key, size);
  }

  static PeerIdentity ofTrusted(DSAPublicKey key, DsaKeySize size) {
    return new PeerIdentity(Bytes.of(key.getEncoded()), key, size);
  }

  private static boolean inSubgroup(BigInteger v, DSAParams p) {
    BigInteger pm1 = p.getP().subtract(BigInteger.ONE);
    return v.compareTo(BigInteger.ONE) > 0 && v.compareTo(pm1) < 0
        && v.modPow(p.getQ(), p.getP()).equals(BigInteger.ONE);
  }

  /**
   * Returns the encoded public key.
   *
   * @return the canonical DER X.509 SubjectPublicKeyInfo, including the domain parameters
   */
  public Bytes subjectPublicKeyInfo() {
    return encoded;
  }

  /**
   * Returns the public key as a JCA key, for verifying signatures.
   *
   * @return the validated DSA public key
   */
  public DSAPublicKey publicKey() {
    return key;
  }

  /**
   * Returns the key's fingerprint, which users pin or compare.
   *
   * @return the SHA-256 of {@link #subjectPublicKeyInfo()}
   */
  public Fingerprint fingerprint() {
    return fingerprint;
  }

  /**
   * Returns the key's size.
   *
   * @return the DSA parameter size
   */
  public DsaKeySize size() {
    return size;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PeerIdentity other && encoded.equals(other.encoded);
  }

  @Override
  public int hashCode() {
    return encoded.hashCode();
  }

  @Override
  public String toString() {
    return "PeerIdentity[" + fingerprint + ", " + size + "]";
  }
}
