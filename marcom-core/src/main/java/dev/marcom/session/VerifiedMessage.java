package dev.marcom.session;

import dev.marcom.Bytes;
import dev.marcom.identity.PeerIdentity;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A signed message of a session. Received ones come only from {@link Session#open}, after the
 * record authenticated, the sequence number was the next expected one and the DSA signature
 * verified against {@link #signer()}, so holding one means all checks passed. This side's own
 * sent messages come from {@link Session#sealMessage} (then {@link #signer()} is this side).
 *
 * <p>{@link #signedData()} and {@link #signature()} are exactly what the sender signed: anyone can
 * re-check them with the signer's public key ({@link Session#verify}, or
 * {@code openssl dgst -sha256 -verify}).
 */
public final class VerifiedMessage {
  private final Bytes sessionId;
  private final Direction direction;
  private final long sequence;
  private final byte[] plaintext;
  private final Bytes sha256;
  private final Bytes signedData;
  private final Bytes signature;
  private final PeerIdentity signer;

  /** For the library: takes ownership of {@code plaintext}. */
  VerifiedMessage(Bytes sessionId, Direction direction, long sequence, byte[] plaintext,
      Bytes sha256, Bytes signedData, Bytes signature, PeerIdentity signer) {
    this.sessionId = sessionId;
    this.direction = direction;
    this.sequence = sequence;
    this.plaintext = plaintext;
    this.sha256 = sha256;
    this.signedData = signedData;
    this.signature = signature;
    this.signer = signer;
  }

  public Bytes sessionId() {
    return sessionId;
  }

  public Direction direction() {
    return direction;
  }

  /** The message number in its direction: 1 for the first message, without gaps. */
  public long sequence() {
    return sequence;
  }

  /** A copy of the plaintext. */
  public byte[] plaintext() {
    return plaintext.clone();
  }

  /** A read-only view of the plaintext, without copying. */
  public ByteBuffer plaintextBuffer() {
    return ByteBuffer.wrap(plaintext).asReadOnlyBuffer();
  }

  public int length() {
    return plaintext.length;
  }

  /** The plaintext decoded as UTF-8 (malformed sequences become U+FFFD). */
  public String text() {
    return new String(plaintext, StandardCharsets.UTF_8);
  }

  /** SHA-256 of the plaintext. */
  public Bytes sha256() {
    return sha256;
  }

  /** The exact bytes the sender signed (see docs/PROTOCOL.md, "Message signatures"). */
  public Bytes signedData() {
    return signedData;
  }

  /** The DER-encoded DSA signature over {@link #signedData()}. */
  public Bytes signature() {
    return signature;
  }

  public PeerIdentity signer() {
    return signer;
  }

  @Override
  public String toString() {
    return "VerifiedMessage[" + direction + " #" + sequence + ", " + plaintext.length
        + " bytes, sha256=" + sha256.abbreviated(4) + ", signer=" + signer.fingerprint() + "]";
  }
}
