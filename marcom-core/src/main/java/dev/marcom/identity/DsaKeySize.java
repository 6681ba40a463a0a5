package dev.marcom.identity;

/** The DSA identity sizes MARCOM generates and accepts (FIPS 186-4, with SHA-256). */
public enum DsaKeySize {
  /** L = 2048, N = 256: the default (about 112-bit security). */
  DSA_2048_256(2048, 256),
  /** L = 3072, N = 256: about 128-bit security. */
  DSA_3072_256(3072, 256);

  private final int primeBits;
  private final int subprimeBits;

  DsaKeySize(int primeBits, int subprimeBits) {
    this.primeBits = primeBits;
    this.subprimeBits = subprimeBits;
  }

  /**
   * Returns the bit length L of the prime modulus p.
   *
   * @return 2048 or 3072
   */
  public int primeBits() {
    return primeBits;
  }

  /**
   * Returns the bit length N of the subgroup order q.
   *
   * @return 256
   */
  public int subprimeBits() {
    return subprimeBits;
  }

  /** The size with these bit lengths, or null. */
  static DsaKeySize of(int primeBits, int subprimeBits) {
    for (DsaKeySize s : values()) {
      if (s.primeBits == primeBits && s.subprimeBits == subprimeBits) {
        return s;
      }
    }
    return null;
  }
}
