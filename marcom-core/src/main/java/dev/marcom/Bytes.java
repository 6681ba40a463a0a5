package dev.marcom;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An immutable sequence of bytes: public protocol values such as nonces, digests, signatures and
 * ciphertexts. Construction and {@link #toByteArray()} copy, so holders cannot be changed from
 * outside. {@link #equals} compares in constant time for equal lengths.
 */
public final class Bytes {
  private static final Bytes EMPTY = new Bytes(new byte[0]);
  private final byte[] value;

  private Bytes(byte[] value) {
    this.value = value;
  }

  /** A copy of {@code value}. */
  public static Bytes of(byte[] value) {
    return value.length == 0 ? EMPTY : new Bytes(value.clone());
  }

  /** A copy of {@code length} bytes of {@code value} from {@code offset}. */
  public static Bytes of(byte[] value, int offset, int length) {
    return new Bytes(Arrays.copyOfRange(value, offset, offset + length));
  }

  /** Parses lower- or upper-case hex. @throws IllegalArgumentException if not hex */
  public static Bytes fromHex(String hex) {
    return new Bytes(HexFormat.of().parseHex(hex));
  }

  public int length() {
    return value.length;
  }

  public byte get(int index) {
    return value[index];
  }

  /** A fresh copy of the bytes. */
  public byte[] toByteArray() {
    return value.clone();
  }

  public String hex() {
    return HexFormat.of().formatHex(value);
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(value);
  }

  /** Hex, shortened to the first and last {@code keep} bytes when longer, for display. */
  public String abbreviated(int keep) {
    if (value.length <= 2 * keep) {
      return hex();
    }
    HexFormat h = HexFormat.of();
    return h.formatHex(value, 0, keep) + "…" + h.formatHex(value, value.length - keep, value.length)
        + " (" + value.length + " bytes)";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes other && MessageDigest.isEqual(value, other.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return hex();
  }
}
