package dev.marcom.transport;

import dev.marcom.MalformedInputException;
import dev.marcom.internal.wire.Frames;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** A {@link FrameChannel} over an {@link InputStream} / {@link OutputStream} pair, e.g. a socket. */
public final class StreamFrameChannel implements FrameChannel {
  private final InputStream in;
  private final OutputStream out;
  private final AutoCloseable onClose;
  private final Object writeLock = new Object();

  private StreamFrameChannel(InputStream in, OutputStream out, AutoCloseable onClose) {
    this.in = in;
    this.out = out;
    this.onClose = onClose;
  }

  /** Frames over two streams; {@link #close()} closes both. */
  public static StreamFrameChannel of(InputStream in, OutputStream out) {
    return new StreamFrameChannel(in, out, () -> {
      try (in; out) {
        // closes both, even if one fails
      }
    });
  }

  /** Frames over a connected socket (TCP_NODELAY set); {@link #close()} closes the socket. */
  public static StreamFrameChannel of(Socket socket) throws IOException {
    socket.setTcpNoDelay(true);
    return new StreamFrameChannel(socket.getInputStream(), socket.getOutputStream(), socket);
  }

  @Override
  public byte[] readFrame() throws IOException, MalformedInputException {
    byte[] header = new byte[Frames.HEADER_BYTES];
    int first = in.read(header, 0, Frames.HEADER_BYTES);
    if (first < 0) {
      return null;
    }
    readFully(header, first, Frames.HEADER_BYTES - first);
    int bodyLength = Frames.bodyLength(header, 0);
    byte[] frame = new byte[Frames.HEADER_BYTES + bodyLength];
    System.arraycopy(header, 0, frame, 0, Frames.HEADER_BYTES);
    readFully(frame, Frames.HEADER_BYTES, bodyLength);
    return frame;
  }

  private void readFully(byte[] buf, int off, int len) throws IOException {
    while (len > 0) {
      int n = in.read(buf, off, len);
      if (n < 0) {
        throw new EOFException("stream ended inside a frame");
      }
      off += n;
      len -= n;
    }
  }

  @Override
  public void write(byte[] frames) throws IOException {
    synchronized (writeLock) {
      out.write(frames);
      out.flush();
    }
  }

  @Override
  public void close() throws IOException {
    try {
      onClose.close();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }
}
