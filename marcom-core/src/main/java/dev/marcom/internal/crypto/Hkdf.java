package dev.marcom.internal.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/** HKDF-SHA256 (RFC 5869) from BouncyCastle; the JDK 17 has no HKDF. */
public final class Hkdf {
  private Hkdf() {
  }

  /** HKDF-Extract(salt, ikm): a 32-byte pseudorandom key. */
  public static byte[] extract(byte[] salt, byte[] ikm) {
    HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
    byte[] prk = g.extractPRK(salt, ikm);
    return prk;
  }

  /** HKDF-Expand(prk, info, length). */
  public static byte[] expand(byte[] prk, byte[] info, int length) {
    HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
    g.init(HKDFParameters.skipExtractParameters(prk, info));
    byte[] out = new byte[length];
    g.generateBytes(out, 0, length);
    return out;
  }

  /** Full HKDF: Expand(Extract(salt, ikm), info, length). Salt may be null or empty. */
  public static byte[] derive(byte[] salt, byte[] ikm, byte[] info, int length) {
    HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
    g.init(new HKDFParameters(ikm, salt, info));
    byte[] out = new byte[length];
    g.generateBytes(out, 0, length);
    return out;
  }
}
