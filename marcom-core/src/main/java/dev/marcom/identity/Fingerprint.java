package dev.marcom.identity;

import dev.marcom.Bytes;
import dev.marcom.internal.crypto.Sha256;
import java.util.Base64;

/**
 * The SHA-256 of an identity's X.509 SubjectPublicKeyInfo, shown like OpenSSH:
 * {@code SHA256:} followed by unpadded base64 (43 characters).
 */
public record Fingerprint(Bytes sha256) {
  private static final String PREFIX = "SHA256:";

  public Fingerprint {
    if (sha256.length() != Sha256.LENGTH) {
      throw new IllegalArgumentException("a fingerprint is 32 bytes");
    }
  }

  /** The fingerprint of an encoded SubjectPublicKeyInfo. */
  public static Fingerprint of(byte[] subjectPublicKeyInfo) {
    return new Fingerprint(Bytes.of(Sha256.hash(subjectPublicKeyInfo)));
  }

  /**
   * Parses {@code SHA256:<base64>} (padding optional).
   *
   * @throws IllegalArgumentException if the text is not such a fingerprint
   */
  public static Fingerprint parse(String text) {
    String t = text.strip();
    if (!t.startsWith(PREFIX)) {
      throw new IllegalArgumentException("fingerprint must start with " + PREFIX);
    }
    byte[] raw = Base64.getDecoder().decode(t.substring(PREFIX.length()));
    return new Fingerprint(Bytes.of(raw));
  }

  @Override
  public String toString() {
    return PREFIX + Base64.getEncoder().withoutPadding().encodeToString(sha256.toByteArray());
  }
}
