package dev.marcom.transport;

import dev.marcom.session.VerifiedStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * The bytes of a stream the peer is sending, read chunk by chunk without holding the whole
 * payload in memory.
 *
 * <h2>Security guarantees</h2>
 * {@link #read} returns -1 (end of stream) <em>only</em> after the sender's DSA signature over the
 * SHA-256 of every byte verified; a tampered, truncated or unsigned stream makes {@code read}
 * throw {@link StreamVerificationException} or {@link ConnectionLostException} instead. So code
 * that reads to the end and then uses the data cannot mistake an unfinished or unverified stream
 * for an authentic one. Bytes returned before the end are provisional: write them somewhere
 * temporary and commit only after end of stream (and {@link #verified()}).
 */
public final class InboundStream extends InputStream {
  private final SecureChannel channel;
  private final long sequence;
  private final String name;
  private final long announcedLength;
  private ByteBuffer current = ByteBuffer.allocate(0);
  private VerifiedStream verified;
  private long received;

  InboundStream(SecureChannel channel, long sequence, String name, long announcedLength) {
    this.channel = channel;
    this.sequence = sequence;
    this.name = name;
    this.announcedLength = announcedLength;
  }

  /** The sender's label for the stream, such as a file name. Untrusted as a path. */
  public String name() {
    return name;
  }

  /** The announced total length, or -1 if the sender did not announce one. */
  public long announcedLength() {
    return announcedLength;
  }

  /** The stream's number in its direction. */
  public long sequence() {
    return sequence;
  }

  /** Bytes delivered so far. */
  public long bytesReceived() {
    return received;
  }

  /**
   * The verified summary (SHA-256, signature, signer), available once {@link #read} has returned
   * -1.
   *
   * @throws IllegalStateException if the stream has not been read to its verified end
   */
  public VerifiedStream verified() {
    if (verified == null) {
      throw new IllegalStateException("stream not yet read to its verified end");
    }
    return verified;
  }

  /** Whether the stream has been read to its verified end. */
  public boolean isVerified() {
    return verified != null;
  }

  void chunk(ByteBuffer data) {
    current = data;
  }

  void end(VerifiedStream summary) {
    verified = summary;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    while (!current.hasRemaining()) {
      if (verified != null) {
        return -1;
      }
      channel.pumpStream(this);
    }
    int n = Math.min(len, current.remaining());
    current.get(b, off, n);
    received += n;
    return n;
  }

  @Override
  public int available() {
    return current.remaining();
  }

  /** Reads and verifies the rest of the stream, discarding it. */
  @Override
  public void close() throws IOException {
    byte[] sink = new byte[8192];
    while (read(sink, 0, sink.length) >= 0) {
      // drain
    }
  }
}
