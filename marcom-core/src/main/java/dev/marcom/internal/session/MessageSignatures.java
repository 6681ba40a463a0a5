package dev.marcom.internal.session;

import dev.marcom.internal.wire.WireWriter;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a sender signs for each message:
 * {@code "MARCOM v1, message" ‖ 0x00 ‖ session id (32) ‖ direction (1) ‖ sequence (8) ‖
 * SHA-256(plaintext) (32)}. DSA-SHA256 then signs SHA-256 of these bytes, so the signature covers
 * the session, the direction, the position and the whole plaintext, and can be checked by any
 * standard verifier given these bytes.
 */
public final class MessageSignatures {
  public static final byte[] MESSAGE_LABEL = "MARCOM v1, message\0".getBytes(StandardCharsets.US_ASCII);
  public static final byte[] STREAM_LABEL = "MARCOM v1, stream\0".getBytes(StandardCharsets.US_ASCII);
  public static final int SIGNED_DATA_BYTES = MESSAGE_LABEL.length + 32 + 1 + 8 + 32;

  private MessageSignatures() {
  }

  public static byte[] signedData(byte[] label, byte[] sessionId, int direction, long sequence,
      byte[] sha256) {
    return new WireWriter().bytes(label).bytes(sessionId).u8(direction).u64(sequence)
        .bytes(sha256).toByteArray();
  }
}
