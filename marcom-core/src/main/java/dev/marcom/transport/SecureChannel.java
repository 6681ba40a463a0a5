package dev.marcom.transport;

import dev.marcom.HandshakeTimeoutException;
import dev.marcom.MarcomException;
import dev.marcom.SessionClosedException;
import dev.marcom.handshake.Handshake;
import dev.marcom.handshake.HandshakeStep;
import dev.marcom.identity.PeerIdentity;
import dev.marcom.session.Inbound;
import dev.marcom.session.Session;
import dev.marcom.session.SessionConfig;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.trace.TraceEvent;
import dev.marcom.trace.TraceListener;
import java.io.Closeable;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A blocking MARCOM session over any {@link FrameChannel}: runs the handshake, then sends and
 * receives verified messages. Users write no wrap/unwrap loop.
 *
 * <pre>{@code
 * try (SecureChannel channel = SecureChannel.connect(new Socket(host, port), config)) {
 *   channel.send("hello");
 *   Optional<VerifiedMessage> reply = channel.receive();   // empty: peer closed cleanly
 * }
 * }</pre>
 *
 * <h2>Security guarantees</h2>
 * As {@link Session}: {@link #receive()} returns only messages whose record, sequence and DSA
 * signature verified. A stream that ends without close_notify raises
 * {@link ConnectionLostException}; any security failure raises a {@link MarcomException} and
 * closes the transport.
 *
 * <h2>Threads</h2>
 * One thread may call {@link #receive()} while another calls {@link #send}; {@link #close()} may
 * be called from any thread and unblocks a pending receive.
 */
public final class SecureChannel implements Closeable {
  private final FrameChannel channel;
  private final Session session;
  private final TraceListener trace;
  private final Object receiveLock = new Object();
  private final AtomicBoolean closed = new AtomicBoolean();

  private SecureChannel(FrameChannel channel, Session session, TraceListener trace) {
    this.channel = channel;
    this.session = session;
    this.trace = trace;
  }

  /**
   * Runs the client handshake over {@code channel}. On failure the channel is closed.
   *
   * @throws HandshakeTimeoutException if it does not finish within the configured timeout
   * @throws MarcomException if the handshake fails (authentication, trust, negotiation, input)
   * @throws IOException on transport failure
   */
  public static SecureChannel connect(FrameChannel channel, SessionConfig config)
      throws IOException, MarcomException {
    return run(Handshake.client(config), channel, config);
  }

  /** Runs the server handshake over {@code channel}; see {@link #connect}. */
  public static SecureChannel accept(FrameChannel channel, SessionConfig config)
      throws IOException, MarcomException {
    return run(Handshake.server(config), channel, config);
  }

  /** Runs the client handshake over a connected socket; closing the channel closes it. */
  public static SecureChannel connect(Socket socket, SessionConfig config)
      throws IOException, MarcomException {
    return connect(StreamFrameChannel.of(socket), config);
  }

  /** Runs the server handshake over an accepted socket; closing the channel closes it. */
  public static SecureChannel accept(Socket socket, SessionConfig config)
      throws IOException, MarcomException {
    return accept(StreamFrameChannel.of(socket), config);
  }

  private static SecureChannel run(Handshake handshake, FrameChannel channel, SessionConfig config)
      throws IOException, MarcomException {
    AtomicBoolean finished = new AtomicBoolean();
    AtomicBoolean timedOut = new AtomicBoolean();
    long timeoutMs = config.handshakeTimeout().toMillis();
    CompletableFuture.delayedExecutor(timeoutMs, TimeUnit.MILLISECONDS).execute(() -> {
      if (finished.compareAndSet(false, true)) {
        timedOut.set(true);
        closeQuietly(channel);
      }
    });
    try {
      HandshakeStep step = handshake.start();
      while (!(step instanceof HandshakeStep.Established)) {
        if (step instanceof HandshakeStep.Send send) {
          channel.write(send.frame());
          step = handshake.next();
        } else {
          byte[] frame = channel.readFrame();
          if (frame == null) {
            throw new ConnectionLostException("peer closed the connection during the handshake");
          }
          step = handshake.receive(frame);
        }
      }
      if (!finished.compareAndSet(false, true)) {
        throw new HandshakeTimeoutException(config.handshakeTimeout());
      }
      return new SecureChannel(channel, ((HandshakeStep.Established) step).session(),
          config.trace());
    } catch (IOException e) {
      closeQuietly(channel);
      if (timedOut.get()) {
        throw new HandshakeTimeoutException(config.handshakeTimeout());
      }
      throw e;
    } catch (MarcomException | RuntimeException e) {
      finished.set(true);
      closeQuietly(channel);
      throw e;
    }
  }

  /** The established session (for its peer, id and suite). */
  public Session session() {
    return session;
  }

  /** The authenticated, trusted peer. */
  public PeerIdentity peer() {
    return session.peer();
  }

  /**
   * Signs, encrypts and sends one message.
   *
   * @throws SessionClosedException if this side closed or the session failed
   * @throws IOException on transport failure
   */
  public void send(byte[] plaintext) throws IOException, SessionClosedException {
    byte[] frames = session.seal(plaintext);
    if (trace != TraceListener.NONE) {
      emit(new TraceEvent.FrameTransferred(true, "RECORD", frames.length));
    }
    channel.write(frames);
  }

  /** Sends the UTF-8 encoding of {@code text}. */
  public void send(String text) throws IOException, SessionClosedException {
    send(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Blocks until the next complete, verified message arrives.
   *
   * @return the message, or empty when the peer closed the session with close_notify
   * @throws ConnectionLostException if the transport ended without close_notify
   * @throws MarcomException if a record fails authentication, parsing or signature checks (the
   *     transport is then closed)
   * @throws IOException on transport failure
   */
  public Optional<VerifiedMessage> receive() throws IOException, MarcomException {
    synchronized (receiveLock) {
      while (true) {
        byte[] frame;
        try {
          frame = channel.readFrame();
        } catch (MarcomException e) {
          session.abort(e);
          closeQuietly(channel);
          throw e;
        } catch (IOException e) {
          if (closed.get()) {
            throw new SessionClosedException("channel was closed by this side");
          }
          throw new ConnectionLostException("connection lost: " + e.getMessage(), e);
        }
        if (frame == null) {
          if (closed.get()) {
            throw new SessionClosedException("channel was closed by this side");
          }
          throw new ConnectionLostException(
              "connection ended without close_notify (cut or truncated)");
        }
        if (trace != TraceListener.NONE) {
          emit(new TraceEvent.FrameTransferred(false, "RECORD", frame.length));
        }
        Inbound in;
        try {
          in = session.open(frame);
        } catch (MarcomException e) {
          closeQuietly(channel);
          throw e;
        }
        if (in instanceof Inbound.Message m) {
          return Optional.of(m.message());
        }
        if (in instanceof Inbound.Closed) {
          return Optional.empty();
        }
      }
    }
  }

  /**
   * Sends close_notify (when the session is still open) and closes the transport. Idempotent;
   * safe from any thread.
   */
  @Override
  public void close() throws IOException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      channel.write(session.close());
    } catch (SessionClosedException | IOException e) {
      // Already closed or failed, or the peer went away first: nothing more to say.
    } finally {
      channel.close();
    }
  }

  private void emit(TraceEvent e) {
    try {
      trace.onEvent(e);
    } catch (RuntimeException ignored) {
      // listeners must not throw
    }
  }

  private static void closeQuietly(FrameChannel c) {
    try {
      c.close();
    } catch (IOException | RuntimeException ignored) {
      // best effort
    }
  }
}
