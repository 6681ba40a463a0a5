package dev.marcom.session;

import dev.marcom.AuthenticationException;
import dev.marcom.Bytes;
import dev.marcom.MalformedInputException;
import dev.marcom.MarcomException;
import dev.marcom.SessionClosedException;
import dev.marcom.handshake.CipherSuite;
import dev.marcom.handshake.Role;
import dev.marcom.identity.Identity;
import dev.marcom.identity.PeerIdentity;
import dev.marcom.internal.crypto.AesGcm;
import dev.marcom.internal.crypto.Dsa;
import dev.marcom.internal.crypto.Sha256;
import dev.marcom.internal.record.RecordCipher;
import dev.marcom.internal.record.RecordType;
import dev.marcom.internal.session.MessageSignatures;
import dev.marcom.internal.session.SessionKeys;
import dev.marcom.internal.wire.Frames;
import dev.marcom.internal.wire.WireReader;
import dev.marcom.trace.Phase;
import dev.marcom.trace.TraceEvent;
import dev.marcom.trace.TraceListener;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * An established MARCOM session: the sans-I/O record layer. {@link #seal} turns a plaintext into
 * record frames to send; {@link #open} turns one received frame into a verified message.
 *
 * <h2>Security guarantees</h2>
 * Every message is signed by its sender with DSA over SHA-256 of the session id, direction,
 * sequence number and SHA-256 of the plaintext; the signature travels inside AES-256-GCM records
 * whose nonces and associated data bind an implicit sequence number. {@link #open} returns a
 * message only after the record authenticated, the sequence was the next expected one and the
 * signature verified: tampered, replayed, reordered, dropped or truncated input raises a
 * {@link MarcomException} and delivers nothing. Any such failure is terminal.
 *
 * <h2>Threads</h2>
 * One thread may seal while another opens: the two directions have separate state and locks.
 */
public final class Session {
  private final Role role;
  private final CipherSuite suite;
  private final byte[] sessionId;
  private final Bytes sessionIdBytes;
  private final Identity local;
  private final PeerIdentity peer;
  private final SessionConfig config;
  private final TraceListener trace;
  private final boolean tracing;
  private final Direction sendDirection;
  private final Direction receiveDirection;

  private final Object sendLock = new Object();
  private final RecordCipher sender;
  private long sentMessages;
  private boolean localClosed;

  private final Object receiveLock = new Object();
  private final RecordCipher receiver;
  private long receivedMessages;
  private byte[] partial;
  private int partialLength;
  private boolean peerClosed;

  private volatile MarcomException failure;

  /**
   * For the handshake: starts a session from established keys. Applications obtain sessions from
   * {@link dev.marcom.handshake.Handshake} or {@link dev.marcom.transport.SecureChannel}; the
   * parameter type is not exported, so code outside the module cannot call this.
   */
  @SuppressWarnings("exports")
  public Session(SessionKeys keys) {
    this.role = keys.role();
    this.suite = keys.suite();
    this.sessionId = keys.sessionId().clone();
    this.sessionIdBytes = Bytes.of(sessionId);
    this.config = keys.config();
    this.local = config.identity();
    this.peer = keys.peer();
    this.trace = config.trace();
    this.tracing = trace != TraceListener.NONE;
    this.sendDirection = role.sendDirection();
    this.receiveDirection = role.peer().sendDirection();
    this.sender = new RecordCipher(keys.sendSecret());
    this.receiver = new RecordCipher(keys.receiveSecret());
  }

  public Role role() {
    return role;
  }

  public CipherSuite suite() {
    return suite;
  }

  /** The session id: SHA-256 of the whole handshake transcript; public. */
  public Bytes sessionId() {
    return sessionIdBytes;
  }

  /** The peer's authenticated, trusted identity. */
  public PeerIdentity peer() {
    return peer;
  }

  /** This side's identity. */
  public PeerIdentity localIdentity() {
    return local.publicIdentity();
  }

  /**
   * Signs and encrypts one message. Returns one or more complete frames, concatenated, ready to
   * write to the transport in order.
   *
   * @throws SessionClosedException if this side closed the session or it failed earlier
   * @throws IllegalArgumentException if the plaintext exceeds the configured maximum
   */
  public byte[] seal(byte[] plaintext) throws SessionClosedException {
    if (plaintext.length > config.maxMessageBytes()) {
      throw new IllegalArgumentException("message of " + plaintext.length
          + " bytes exceeds maxMessageBytes " + config.maxMessageBytes() + "; send it as a stream");
    }
    synchronized (sendLock) {
      checkCanSend();
      long seq = sentMessages + 1;
      byte[] hash = Sha256.hash(plaintext);
      byte[] signedData = MessageSignatures.signedData(MessageSignatures.MESSAGE_LABEL, sessionId,
          sendDirection.code(), seq, hash);
      byte[] signature = Dsa.sign(local.privateKey(), signedData);
      if (tracing) {
        emit(new TraceEvent.Digest("message #" + seq + " plaintext (" + plaintext.length
            + " bytes)", Bytes.of(hash)));
        emit(new TraceEvent.Signature(true, "message #" + seq, local.fingerprint(),
            Bytes.of(signature)));
      }
      byte[] finalPrefix = new byte[2 + signature.length];
      finalPrefix[0] = (byte) (signature.length >>> 8);
      finalPrefix[1] = (byte) signature.length;
      System.arraycopy(signature, 0, finalPrefix, 2, signature.length);

      int max = config.recordContentBytes();
      // Parts carry max bytes each; when what is left fits one record only without the
      // signature, the last part takes all of it and the final record carries just the prefix.
      int parts = 0;
      int rest = plaintext.length;
      while (rest + finalPrefix.length > max) {
        parts++;
        rest -= Math.min(max, rest);
      }
      int records = parts + 1;
      long limit = config.keyUpdateAfterRecords();
      int updates = 0;
      long simulated = sender.sequence();
      for (int i = 0; i < records; i++) {
        if (simulated >= limit) {
          updates++;
          simulated = 0;
        }
        simulated++;
      }
      long total = (long) parts * RecordCipher.frameSize(0) + (plaintext.length - rest)
          + RecordCipher.frameSize(finalPrefix.length + rest)
          + (long) updates * RecordCipher.frameSize(0);
      byte[] out = new byte[Math.toIntExact(total)];
      int pos = 0;
      int offset = 0;
      byte[] none = new byte[0];
      for (int i = 0; i < parts; i++) {
        int n = Math.min(max, plaintext.length - offset);
        pos = maybeUpdate(out, pos, limit);
        pos = sealRecord(RecordType.MESSAGE_PART, none, plaintext, offset, n, out, pos);
        offset += n;
      }
      pos = maybeUpdate(out, pos, limit);
      pos = sealRecord(RecordType.MESSAGE_FINAL, finalPrefix, plaintext, offset, rest, out, pos);
      if (pos != out.length) {
        throw new IllegalStateException("record size accounting error");
      }
      sentMessages = seq;
      return out;
    }
  }

  /** Convenience: seals the UTF-8 bytes of {@code text}. */
  public byte[] seal(String text) throws SessionClosedException {
    return seal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private int maybeUpdate(byte[] out, int pos, long limit) {
    if (sender.sequence() >= limit) {
      pos = sealRecord(RecordType.KEY_UPDATE, new byte[0], new byte[0], 0, 0, out, pos);
      sender.update();
      if (tracing) {
        emit(new TraceEvent.KeyUpdated(true, sender.generation()));
      }
    }
    return pos;
  }

  private int sealRecord(RecordType type, byte[] prefix, byte[] content, int off, int len,
      byte[] out, int pos) {
    long seq = sender.sequence();
    byte[] nonce = tracing ? sender.nextNonce() : null;
    int n = sender.seal(type, prefix, content, off, len, out, pos);
    if (tracing) {
      emit(new TraceEvent.AeadRecord(true, seq, Bytes.of(nonce), 1 + prefix.length + len,
          n - Frames.HEADER_BYTES, Bytes.of(out, pos + n - AesGcm.TAG_BYTES, AesGcm.TAG_BYTES)));
    }
    return pos + n;
  }

  /**
   * Ends this side of the session with an authenticated close_notify record, to be sent as the
   * last frame. Further {@link #seal} calls fail; receiving continues until the peer closes.
   *
   * @throws SessionClosedException if already closed or failed
   */
  public byte[] close() throws SessionClosedException {
    synchronized (sendLock) {
      checkCanSend();
      byte[] out = new byte[RecordCipher.frameSize(0)];
      sealRecord(RecordType.CLOSE_NOTIFY, new byte[0], new byte[0], 0, 0, out, 0);
      localClosed = true;
      sender.erase();
      if (tracing) {
        emit(new TraceEvent.CloseNotify(true));
      }
      return out;
    }
  }

  private void checkCanSend() throws SessionClosedException {
    MarcomException f = failure;
    if (f != null) {
      throw new SessionClosedException("session failed earlier: " + f.getMessage(), f);
    }
    if (localClosed) {
      throw new SessionClosedException("session was closed by this side");
    }
  }

  /**
   * Authenticates and decrypts one complete frame received from the peer.
   *
   * @return the verified message it completes, {@link Inbound.Pending} or {@link Inbound.Closed}
   * @throws AuthenticationException if the record or the message signature does not verify, or a
   *     record was replayed, reordered or dropped
   * @throws MalformedInputException if the frame or its content is not well-formed or too large
   * @throws SessionClosedException if the peer already closed or the session failed earlier
   */
  public Inbound open(byte[] frame) throws MarcomException {
    synchronized (receiveLock) {
      MarcomException f = failure;
      if (f != null) {
        throw new SessionClosedException("session failed earlier: " + f.getMessage(), f);
      }
      if (peerClosed) {
        throw new SessionClosedException("peer already closed the session");
      }
      try {
        return openRecord(frame);
      } catch (MarcomException e) {
        fail(e);
        throw e;
      }
    }
  }

  private Inbound openRecord(byte[] frame) throws MarcomException {
    long seq = receiver.sequence();
    byte[] nonce = tracing ? receiver.nextNonce() : null;
    byte[] inner = receiver.open(frame);
    if (tracing) {
      emit(new TraceEvent.AeadRecord(false, seq, Bytes.of(nonce), inner.length,
          frame.length - Frames.HEADER_BYTES,
          Bytes.of(frame, frame.length - AesGcm.TAG_BYTES, AesGcm.TAG_BYTES)));
    }
    RecordType type = RecordType.of(inner[0] & 0xff);
    if (type == null) {
      throw new MalformedInputException("unknown record type " + (inner[0] & 0xff));
    }
    switch (type) {
      case KEY_UPDATE -> {
        // Allowed between the fragments of a message: seal() updates keys wherever the record
        // count reaches the limit, including inside a long message.
        requireEmpty(inner, type);
        receiver.update();
        if (tracing) {
          emit(new TraceEvent.KeyUpdated(false, receiver.generation()));
        }
        return new Inbound.Pending();
      }
      case CLOSE_NOTIFY -> {
        requireEmpty(inner, type);
        requireNoPartial(type);
        peerClosed = true;
        receiver.erase();
        if (tracing) {
          emit(new TraceEvent.CloseNotify(false));
        }
        return new Inbound.Closed();
      }
      case MESSAGE_PART -> {
        append(inner, 1, inner.length - 1);
        return new Inbound.Pending();
      }
      case MESSAGE_FINAL -> {
        return new Inbound.Message(finishMessage(inner));
      }
      default -> throw new MalformedInputException("record type " + type + " is not supported");
    }
  }

  private VerifiedMessage finishMessage(byte[] inner) throws MarcomException {
    WireReader r = new WireReader(inner, 1, inner.length - 1);
    byte[] signature = r.vec16(256, "message signature");
    int start = r.position();
    int len = inner.length - start;
    byte[] plaintext;
    if (partial == null) {
      checkSize(len);
      plaintext = Arrays.copyOfRange(inner, start, inner.length);
    } else {
      append(inner, start, len);
      plaintext = partialLength == partial.length ? partial : Arrays.copyOf(partial, partialLength);
      partial = null;
      partialLength = 0;
    }
    long seq = receivedMessages + 1;
    byte[] hash = Sha256.hash(plaintext);
    byte[] signedData = MessageSignatures.signedData(MessageSignatures.MESSAGE_LABEL, sessionId,
        receiveDirection.code(), seq, hash);
    if (tracing) {
      emit(new TraceEvent.Digest("message #" + seq + " plaintext (" + plaintext.length
          + " bytes)", Bytes.of(hash)));
    }
    if (!Dsa.verify(peer.publicKey(), signedData, signature)) {
      throw new AuthenticationException("message signature did not verify");
    }
    if (tracing) {
      emit(new TraceEvent.Signature(false, "message #" + seq, peer.fingerprint(),
          Bytes.of(signature)));
    }
    receivedMessages = seq;
    return new VerifiedMessage(sessionIdBytes, receiveDirection, seq, plaintext, Bytes.of(hash),
        Bytes.of(signedData), Bytes.of(signature), peer);
  }

  private void checkSize(long total) throws MalformedInputException {
    if (total > config.maxMessageBytes()) {
      throw new MalformedInputException("message exceeds maxMessageBytes "
          + config.maxMessageBytes());
    }
  }

  private void append(byte[] src, int off, int len) throws MalformedInputException {
    checkSize((long) partialLength + len);
    if (partial == null) {
      partial = new byte[Math.max(len * 2, 1024)];
    } else if (partialLength + len > partial.length) {
      long grown = Math.max((long) partial.length * 2, (long) partialLength + len);
      partial = Arrays.copyOf(partial, (int) Math.min(grown, config.maxMessageBytes()));
    }
    System.arraycopy(src, off, partial, partialLength, len);
    partialLength += len;
  }

  private static void requireEmpty(byte[] inner, RecordType type) throws MalformedInputException {
    if (inner.length != 1) {
      throw new MalformedInputException(type + " record must be empty");
    }
  }

  private void requireNoPartial(RecordType type) throws MalformedInputException {
    if (partial != null) {
      throw new MalformedInputException(type + " in the middle of a fragmented message");
    }
  }

  /** Whether the peer has sent close_notify. */
  public boolean isPeerClosed() {
    synchronized (receiveLock) {
      return peerClosed;
    }
  }

  /**
   * Marks the session failed (for example when the transport broke) and erases its keys. Later
   * calls throw {@link SessionClosedException}.
   */
  public void abort(MarcomException cause) {
    fail(cause);
  }

  private void fail(MarcomException e) {
    if (failure == null) {
      failure = e;
      if (tracing) {
        emit(new TraceEvent.Failure(e instanceof AuthenticationException ? Phase.AES_GCM
            : Phase.NETWORK, e.getMessage()));
      }
    }
    // Runs on the receiving thread (which holds receiveLock) or an application thread; the two
    // locks are never taken in the other order, so this cannot deadlock.
    synchronized (receiveLock) {
      receiver.erase();
      partial = null;
    }
    synchronized (sendLock) {
      sender.erase();
    }
  }

  private void emit(TraceEvent e) {
    try {
      trace.onEvent(e);
    } catch (RuntimeException ignored) {
      // Listeners must not throw; one that does must not break the protocol.
    }
  }

  /**
   * Checks a delivered message's signature again, offline: that {@code signedData} is exactly
   * what MARCOM signs for this message's session, direction, sequence and plaintext, and that the
   * DSA signature over it verifies with the signer's key.
   *
   * @throws AuthenticationException if any of that fails
   */
  public static void verify(VerifiedMessage message) throws AuthenticationException {
    byte[] expected = MessageSignatures.signedData(MessageSignatures.MESSAGE_LABEL,
        message.sessionId().toByteArray(), message.direction().code(), message.sequence(),
        Sha256.hash(message.plaintext()));
    if (!MessageDigest.isEqual(expected, message.signedData().toByteArray())) {
      throw new AuthenticationException("signed data does not match the message");
    }
    verify(message.signer(), message.signedData().toByteArray(),
        message.signature().toByteArray());
  }

  /**
   * Checks a DSA-SHA256 signature over {@code signedData} by {@code signer}.
   *
   * @throws AuthenticationException if it does not verify
   */
  public static void verify(PeerIdentity signer, byte[] signedData, byte[] signature)
      throws AuthenticationException {
    if (!Dsa.verify(signer.publicKey(), signedData, signature)) {
      throw new AuthenticationException("signature did not verify");
    }
  }

  @Override
  public String toString() {
    return "Session[" + role + ", " + suite + ", id=" + sessionIdBytes.abbreviated(4) + ", peer="
        + peer.fingerprint() + "]";
  }
}
