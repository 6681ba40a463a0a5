package dev.marcom.transport;

import dev.marcom.MalformedInputException;
import dev.marcom.internal.wire.Frames;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * A {@link FrameChannel} over a blocking NIO {@link ByteChannel}, such as a
 * {@link java.nio.channels.SocketChannel} in blocking mode.
 */
public final class ByteChannelFrameChannel implements FrameChannel {
  private final ByteChannel channel;
  private final Object writeLock = new Object();

  public ByteChannelFrameChannel(ByteChannel channel) {
    this.channel = channel;
  }

  @Override
  public byte[] readFrame() throws IOException, MalformedInputException {
    ByteBuffer header = ByteBuffer.allocate(Frames.HEADER_BYTES);
    int n = channel.read(header);
    if (n < 0) {
      return null;
    }
    fill(header);
    int bodyLength = Frames.bodyLength(header.array(), 0);
    ByteBuffer frame = ByteBuffer.allocate(Frames.HEADER_BYTES + bodyLength);
    frame.put(header.array());
    fill(frame);
    return frame.array();
  }

  private void fill(ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      int n = channel.read(buf);
      if (n < 0) {
        throw new EOFException("channel ended inside a frame");
      }
      if (n == 0) {
        throw new IOException("ByteChannelFrameChannel needs a blocking channel");
      }
    }
  }

  @Override
  public void write(byte[] frames) throws IOException {
    synchronized (writeLock) {
      ByteBuffer buf = ByteBuffer.wrap(frames);
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
