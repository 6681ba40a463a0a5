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
import dev.marcom.internal.crypto.Dsa;
import dev.marcom.internal.crypto.Sha256;
import dev.marcom.internal.record.RecordCipher;
import dev.marcom.internal.record.RecordType;
import dev.marcom.internal.session.ChainHeads;
import dev.marcom.internal.session.MessageSignatures;
import dev.marcom.internal.session.SessionKeys;
import dev.marcom.internal.trace.Tracer;
import dev.marcom.internal.wire.WireReader;
import dev.marcom.internal.wire.WireWriter;
import dev.marcom.trace.DigestSubject;
import dev.marcom.trace.Phase;
import dev.marcom.trace.SignatureSubject;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * An established MARCOM session: the sans-I/O record layer. {@link #seal} turns a plaintext into
 * record frames to send; {@link #open} turns one received frame into a verified message.
 *
 * <h2>Security guarantees</h2>
 * Every message is signed by its sender with DSA over signed data that names the signer's key,
 * the session, the direction and the sequence number, chains to the sender's previous message,
 * states how many of the other direction's messages the sender had received (with the hash of
 * their chain), and ends with SHA-256 of the plaintext (docs/PROTOCOL.md §6.1). The signature
 * travels inside AES-256-GCM records whose nonces and associated data bind an implicit sequence
 * number. {@link #open} returns a message only after the record authenticated, the sequence was
 * the next expected one, what the peer says it had seen of this side's messages is true, and the
 * signature verified: tampered, replayed, reordered, dropped or truncated input raises a
 * {@link MarcomException} and delivers nothing. Any such failure is terminal.
 *
 * <h2>Threads</h2>
 * One thread may seal while another opens: the two directions have separate state and locks.
 */
public final class Session {
  private static final int MAX_STREAM_NAME_BYTES = 1024;
  private final Role role;
  private final CipherSuite suite;
  private final byte[] sessionId;
  private final Bytes sessionIdBytes;
  private final Identity local;
  private final PeerIdentity peer;
  private final SessionConfig config;
  private final Tracer tracer;
  private final Direction sendDirection;
  private final Direction receiveDirection;
  /** SHA-256 of this side's and of the peer's SubjectPublicKeyInfo, named in signed data. */
  private final byte[] localSigner;
  private final byte[] peerSigner;

  /**
   * Heads of this side's message chain that the peer may still acknowledge. Written by the
   * sending thread, read by the receiving one; guarded by its own monitor, which is always taken
   * last (never while acquiring another lock).
   */
  private final ChainHeads sentHeads = new ChainHeads();
  /** What this side has received and verified of the peer's messages, for the next signature. */
  private volatile Seen seen = new Seen(0, MessageSignatures.emptyHead());

  private final Object sendLock = new Object();
  private final RecordCipher sender;
  private long sentMessages;
  private boolean localClosed;
  private MessageDigest outStream;
  private long outStreamSequence;
  private long outStreamLength;
  private long sentStreams;

  private final Object receiveLock = new Object();
  private final RecordCipher receiver;
  private long receivedMessages;
  private byte[] receivedHead = MessageSignatures.emptyHead();
  /** The most this side's messages the peer has said it had seen. */
  private long peerSeen;
  private byte[] partial;
  private int partialLength;
  private boolean peerClosed;
  private MessageDigest inStream;
  private long inStreamSequence;
  private long receivedStreams;
  private String inStreamName;
  private long inStreamAnnounced;
  private long inStreamLength;

  private volatile MarcomException failure;

  /**
   * For the handshake: starts a session from established keys. Applications obtain sessions from
   * {@link dev.marcom.handshake.Handshake} or {@link dev.marcom.transport.SecureChannel}; the
   * parameter type is not exported, so code outside the module cannot call this.
   *
   * @param keys the finished handshake's result; the session takes ownership of its traffic
   *     secrets
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
    this.tracer = Tracer.of(config.trace(), config.revealSecrets());
    this.sendDirection = role.sendDirection();
    this.receiveDirection = role.peer().sendDirection();
    this.localSigner = local.fingerprint().sha256().toByteArray();
    this.peerSigner = peer.fingerprint().sha256().toByteArray();
    // The record layer derives each direction's key and IV, and is what reports them.
    Tracer.Records records = tracer.records(role, sessionIdBytes);
    this.sender = new RecordCipher(keys.sendSecret(), records.sending());
    this.receiver = new RecordCipher(keys.receiveSecret(), records.receiving());
    records.keysDerived();
  }

  /**
   * Returns which side of the session this is.
   *
   * @return {@link Role#CLIENT} if this side connected, {@link Role#SERVER} if it accepted
   */
  public Role role() {
    return role;
  }

  /**
   * Returns the cipher suite the handshake agreed.
   *
   * @return the suite that protects this session
   */
  public CipherSuite suite() {
    return suite;
  }

  /**
   * Returns the session id: SHA-256 of the whole handshake transcript. It is not secret.
   *
   * @return the 32-byte id, the same on both sides
   */
  public Bytes sessionId() {
    return sessionIdBytes;
  }

  /**
   * Returns the peer's identity, which proved possession of its key and passed this side's
   * {@link dev.marcom.identity.TrustPolicy}.
   *
   * @return the peer's public identity
   */
  public PeerIdentity peer() {
    return peer;
  }

  /**
   * Returns this side's identity, as the peer sees it.
   *
   * @return this side's public identity
   */
  public PeerIdentity localIdentity() {
    return local.publicIdentity();
  }

  /**
   * Signs and encrypts one message.
   *
   * @param plaintext the message, at most {@link SessionConfig#maxMessageBytes()} bytes
   * @return one or more complete frames, concatenated, to write to the transport in order
   * @throws SessionClosedException if this side closed the session or it failed earlier
   * @throws IllegalArgumentException if the plaintext exceeds the configured maximum
   * @throws IllegalStateException if a stream is being sent ({@link #endStream()} not yet called)
   */
  public byte[] seal(byte[] plaintext) throws SessionClosedException {
    return sealMessage(plaintext).frames();
  }

  /**
   * The frames of a sealed message together with the signed message as the peer will verify it
   * (this side is its signer), for applications that show or record what they sent.
   */
  public record Sealed(byte[] frames, VerifiedMessage message) {
  }

  /**
   * Like {@link #seal(byte[])}, and also returns the signed message (sequence number, SHA-256,
   * signed data and signature) for display or transcripts.
   *
   * @param plaintext the message, at most {@link SessionConfig#maxMessageBytes()} bytes
   * @return the frames to write, in order, and the message as the peer will verify it
   * @throws SessionClosedException if this side closed the session or it failed earlier
   * @throws IllegalArgumentException if the plaintext exceeds the configured maximum
   * @throws IllegalStateException if a stream is being sent ({@link #endStream()} not yet called)
   */
  public Sealed sealMessage(byte[] plaintext) throws SessionClosedException {
    if (plaintext.length > config.maxMessageBytes()) {
      throw new IllegalArgumentException("message of " + plaintext.length
          + " bytes exceeds maxMessageBytes " + config.maxMessageBytes() + "; send it as a stream");
    }
    synchronized (sendLock) {
      checkCanSend();
      if (outStream != null) {
        throw new IllegalStateException("a stream is being sent; call endStream() first");
      }
      long seq = sentMessages + 1;
      byte[] hash = Sha256.hash(plaintext);
      Seen had = seen;
      byte[] previous;
      synchronized (sentHeads) {
        previous = sentHeads.last();
      }
      byte[] signedData = MessageSignatures.message(localSigner, sessionId, sendDirection.code(),
          seq, previous, had.count(), had.head(), hash);
      byte[] signature = Dsa.sign(local.privateKey(), signedData);
      tracer.digest(DigestSubject.MESSAGE, seq, plaintext.length, hash);
      tracer.signatureCreated(SignatureSubject.MESSAGE, seq, local.fingerprint(), signature);
      byte[] finalPrefix = new WireWriter().u64(had.count()).vec16(signature).toByteArray();

      int max = config.recordContentBytes();
      // Full MESSAGE_PART records of max bytes; if what remains fits a record only without the
      // signature prefix, one shorter part carries it and the final record holds just the prefix.
      int parts = 0;
      int rest = plaintext.length;
      while (rest >= max) {
        parts++;
        rest -= max;
      }
      int tail = rest + finalPrefix.length > max ? rest : 0;
      rest -= tail;
      int records = parts + (tail > 0 ? 1 : 0) + 1;
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
      long total = (long) parts * RecordCipher.frameSize(max)
          + (tail > 0 ? RecordCipher.frameSize(tail) : 0)
          + RecordCipher.frameSize(finalPrefix.length + rest)
          + (long) updates * RecordCipher.frameSize(0);
      byte[] out = new byte[Math.toIntExact(total)];
      int pos = 0;
      int offset = 0;
      byte[] none = new byte[0];
      for (int i = 0; i < parts; i++) {
        pos = maybeUpdate(out, pos, limit);
        pos = sealRecord(RecordType.MESSAGE_PART, none, plaintext, offset, max, out, pos);
        offset += max;
      }
      if (tail > 0) {
        pos = maybeUpdate(out, pos, limit);
        pos = sealRecord(RecordType.MESSAGE_PART, none, plaintext, offset, tail, out, pos);
        offset += tail;
      }
      pos = maybeUpdate(out, pos, limit);
      pos = sealRecord(RecordType.MESSAGE_FINAL, finalPrefix, plaintext, offset, rest, out, pos);
      if (pos != out.length) {
        throw new IllegalStateException("record size accounting error");
      }
      synchronized (sentHeads) {
        sentHeads.append(MessageSignatures.head(signedData));
      }
      sentMessages = seq;
      VerifiedMessage sent = new VerifiedMessage(sessionIdBytes, sendDirection, seq,
          plaintext.clone(), Bytes.of(hash), Bytes.of(signedData), Bytes.of(signature),
          local.publicIdentity());
      return new Sealed(out, sent);
    }
  }

  /**
   * Seals the UTF-8 encoding of {@code text}; see {@link #seal(byte[])}.
   *
   * @param text the message
   * @return one or more complete frames, concatenated, to write to the transport in order
   * @throws SessionClosedException if this side closed the session or it failed earlier
   * @throws IllegalArgumentException if the encoded text exceeds the configured maximum
   * @throws IllegalStateException if a stream is being sent ({@link #endStream()} not yet called)
   */
  public byte[] seal(String text) throws SessionClosedException {
    return seal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private int maybeUpdate(byte[] out, int pos, long limit) {
    if (sender.sequence() >= limit) {
      pos = sealRecord(RecordType.KEY_UPDATE, new byte[0], new byte[0], 0, 0, out, pos);
      sender.update(); // the record layer reports the new generation (KeyUpdated)
    }
    return pos;
  }

  private int sealRecord(RecordType type, byte[] prefix, byte[] content, int off, int len,
      byte[] out, int pos) {
    // The record layer reports the record (AeadRecord) to the trace.
    return pos + sender.seal(type, prefix, content, off, len, out, pos);
  }

  /**
   * Begins a stream: a payload of any length sent chunk by chunk, signed once at its end over the
   * SHA-256 of all its bytes. Until {@link #endStream()} only {@link #sealStreamChunk} may be
   * called on the sending side.
   *
   * @param name a label for the receiver (at most 1024 UTF-8 bytes), e.g. a file name
   * @param announcedLength the total length, or -1 if unknown; the receiver enforces it
   * @return the STREAM_BEGIN record frame to send (preceded by a key update when one is due)
   * @throws SessionClosedException if this side closed the session or it failed earlier
   * @throws IllegalArgumentException if {@code name} exceeds 1024 UTF-8 bytes or
   *     {@code announcedLength} is below -1
   * @throws IllegalStateException if a stream is already being sent
   */
  public byte[] beginStream(String name, long announcedLength) throws SessionClosedException {
    byte[] nameBytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (nameBytes.length > MAX_STREAM_NAME_BYTES || announcedLength < -1) {
      throw new IllegalArgumentException("stream name over 1024 bytes or negative length");
    }
    synchronized (sendLock) {
      checkCanSend();
      if (outStream != null) {
        throw new IllegalStateException("a stream is already being sent");
      }
      byte[] content = new dev.marcom.internal.wire.WireWriter().vec16(nameBytes)
          .u64(announcedLength).toByteArray();
      byte[] out = new byte[maxFramesSize(1, content.length)];
      int pos = maybeUpdate(out, 0, config.keyUpdateAfterRecords());
      pos = sealRecord(RecordType.STREAM_BEGIN, new byte[0], content, 0, content.length, out, pos);
      outStream = Sha256.newDigest();
      outStreamSequence = sentStreams + 1;
      outStreamLength = 0;
      return Arrays.copyOf(out, pos);
    }
  }

  /**
   * Encrypts the next bytes of the current stream into one or more record frames.
   *
   * @param data holds the bytes
   * @param offset where they start in {@code data}
   * @param length how many there are; 0 still yields one (empty) record
   * @return the record frames to send, concatenated, in order
   * @throws SessionClosedException if this side closed the session or it failed earlier
   * @throws IndexOutOfBoundsException if the range lies outside {@code data}
   * @throws IllegalStateException if no stream was begun
   */
  public byte[] sealStreamChunk(byte[] data, int offset, int length)
      throws SessionClosedException {
    java.util.Objects.checkFromIndexSize(offset, length, data.length);
    synchronized (sendLock) {
      checkCanSend();
      if (outStream == null) {
        throw new IllegalStateException("no stream was begun");
      }
      int max = config.recordContentBytes();
      int records = Math.max(1, (length + max - 1) / max);
      byte[] out = new byte[maxFramesSize(records, max)];
      int pos = 0;
      int done = 0;
      do {
        int n = Math.min(max, length - done);
        pos = maybeUpdate(out, pos, config.keyUpdateAfterRecords());
        pos = sealRecord(RecordType.STREAM_CHUNK, new byte[0], data, offset + done, n, out, pos);
        done += n;
      } while (done < length);
      outStream.update(data, offset, length);
      outStreamLength += length;
      return pos == out.length ? out : Arrays.copyOf(out, pos);
    }
  }

  /**
   * Ends the current stream: signs SHA-256 of all its bytes and returns the STREAM_END frame.
   *
   * @return the frame to send; {@link #lastStreamDigest()} then holds the stream's SHA-256
   * @throws SessionClosedException if this side closed the session or it failed earlier
   * @throws IllegalStateException if no stream was begun
   */
  public byte[] endStream() throws SessionClosedException {
    synchronized (sendLock) {
      checkCanSend();
      if (outStream == null) {
        throw new IllegalStateException("no stream was begun");
      }
      byte[] hash = outStream.digest();
      long seq = outStreamSequence;
      Seen had = seen;
      byte[] sentHead;
      synchronized (sentHeads) {
        sentHead = sentHeads.last();
      }
      byte[] signedData = MessageSignatures.stream(localSigner, sessionId, sendDirection.code(),
          seq, sentMessages, sentHead, had.count(), had.head(), hash);
      byte[] signature = Dsa.sign(local.privateKey(), signedData);
      tracer.digest(DigestSubject.STREAM, seq, outStreamLength, hash);
      tracer.signatureCreated(SignatureSubject.STREAM, seq, local.fingerprint(), signature);
      byte[] content = new WireWriter().u64(had.count()).vec16(signature).toByteArray();
      byte[] out = new byte[maxFramesSize(1, content.length)];
      int pos = maybeUpdate(out, 0, config.keyUpdateAfterRecords());
      pos = sealRecord(RecordType.STREAM_END, new byte[0], content, 0, content.length, out, pos);
      outStream = null;
      sentStreams = seq;
      lastStreamDigest = Bytes.of(hash);
      return Arrays.copyOf(out, pos);
    }
  }

  private Bytes lastStreamDigest;

  /**
   * Returns the SHA-256 of the last stream this side ended with {@link #endStream()}.
   *
   * @return the digest, or null if this side has ended no stream
   */
  public Bytes lastStreamDigest() {
    synchronized (sendLock) {
      return lastStreamDigest;
    }
  }

  /** Room for {@code records} records of up to {@code content} bytes, each maybe after a key update. */
  private static int maxFramesSize(int records, int content) {
    return Math.toIntExact((long) records
        * (RecordCipher.frameSize(content) + RecordCipher.frameSize(0)));
  }

  /**
   * Ends this side of the session with an authenticated close_notify record, to be sent as the
   * last frame. Further {@link #seal} calls fail; receiving continues until the peer closes. A
   * stream still being sent is abandoned, and the peer then fails it as malformed.
   *
   * @return the close_notify record frame to send
   * @throws SessionClosedException if already closed or failed
   */
  public byte[] close() throws SessionClosedException {
    synchronized (sendLock) {
      checkCanSend();
      outStream = null;
      byte[] out = new byte[RecordCipher.frameSize(0)];
      sealRecord(RecordType.CLOSE_NOTIFY, new byte[0], new byte[0], 0, 0, out, 0);
      localClosed = true;
      sender.erase();
      tracer.closeNotify(true);
      return out;
    }
  }

  /**
   * A keep-alive probe: one authenticated PING record, which the peer answers with a PONG. Send
   * one when the connection has been quiet, so a peer that froze or vanished is noticed (see
   * {@link SessionConfig#idleTimeout()}). May be sent at any time, also between the records of a
   * message or a stream.
   *
   * @return the record frame(s) to send
   * @throws SessionClosedException if this side closed the session or it failed earlier
   */
  public byte[] ping() throws SessionClosedException {
    return sealKeepAlive(RecordType.PING);
  }

  /**
   * The answer to the peer's keep-alive probe ({@link Inbound.Ping}): one authenticated PONG
   * record.
   *
   * @return the record frame(s) to send
   * @throws SessionClosedException if this side closed the session or it failed earlier
   */
  public byte[] pong() throws SessionClosedException {
    return sealKeepAlive(RecordType.PONG);
  }

  private byte[] sealKeepAlive(RecordType type) throws SessionClosedException {
    synchronized (sendLock) {
      checkCanSend();
      byte[] out = new byte[maxFramesSize(1, 0)];
      int pos = maybeUpdate(out, 0, config.keyUpdateAfterRecords());
      pos = sealRecord(type, new byte[0], new byte[0], 0, 0, out, pos);
      tracer.keepAlive(true, type == RecordType.PING);
      return Arrays.copyOf(out, pos);
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
   * Authenticates and decrypts one complete frame received from the peer. If the frame fails any
   * check, the session fails: its keys are erased and later {@code seal} and {@code open} calls
   * throw {@link SessionClosedException}.
   *
   * @param frame one complete frame, header included, as read from the transport
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
        fail(Tracer.primitiveOf(e), e); // does nothing if the failing step already failed
        throw e;
      }
    }
  }

  private Inbound openRecord(byte[] frame) throws MarcomException {
    byte[] inner;
    try {
      inner = receiver.open(frame); // reports the record (AeadRecord) to the trace
    } catch (AuthenticationException e) {
      throw fail(Phase.AES_GCM, e);
    }
    RecordType type = RecordType.of(inner[0] & 0xff);
    if (type == null) {
      throw new MalformedInputException("unknown record type " + (inner[0] & 0xff));
    }
    switch (type) {
      case KEY_UPDATE -> {
        // Allowed between any two records, including inside a fragmented message or a stream.
        requireEmpty(inner, type);
        receiver.update(); // the record layer reports the new generation (KeyUpdated)
        return new Inbound.Pending();
      }
      case PING, PONG -> {
        // Allowed between any two records, like KEY_UPDATE: the peer may probe at any time.
        requireEmpty(inner, type);
        tracer.keepAlive(false, type == RecordType.PING);
        return type == RecordType.PING ? new Inbound.Ping() : new Inbound.Pending();
      }
      case CLOSE_NOTIFY -> {
        requireEmpty(inner, type);
        requireNoPartial(type);
        requireNoStream(type);
        peerClosed = true;
        receiver.erase();
        tracer.closeNotify(false);
        return new Inbound.Closed();
      }
      case MESSAGE_PART -> {
        requireNoStream(type);
        append(inner, 1, inner.length - 1);
        return new Inbound.Pending();
      }
      case MESSAGE_FINAL -> {
        requireNoStream(type);
        return new Inbound.Message(finishMessage(inner));
      }
      case STREAM_BEGIN -> {
        requireNoPartial(type);
        requireNoStream(type);
        WireReader r = new WireReader(inner, 1, inner.length - 1);
        byte[] name = r.vec16(MAX_STREAM_NAME_BYTES, "stream name");
        long announced = r.u64("stream length");
        r.end("STREAM_BEGIN");
        if (announced < -1) {
          throw new MalformedInputException("negative stream length");
        }
        inStream = Sha256.newDigest();
        inStreamSequence = receivedStreams + 1;
        inStreamName = new String(name, java.nio.charset.StandardCharsets.UTF_8);
        inStreamAnnounced = announced;
        inStreamLength = 0;
        return new Inbound.StreamStart(inStreamSequence, inStreamName, announced);
      }
      case STREAM_CHUNK -> {
        requireStream(type);
        int n = inner.length - 1;
        if (inStreamAnnounced >= 0 && inStreamLength + n > inStreamAnnounced) {
          throw new MalformedInputException("stream longer than announced");
        }
        inStream.update(inner, 1, n);
        inStreamLength += n;
        return new Inbound.UnverifiedStreamChunk(java.nio.ByteBuffer.wrap(inner, 1, n).slice());
      }
      case STREAM_END -> {
        requireStream(type);
        return new Inbound.StreamEnd(finishStream(inner));
      }
      default -> throw new MalformedInputException("record type " + type + " is not supported");
    }
  }

  private VerifiedStream finishStream(byte[] inner) throws MarcomException {
    WireReader r = new WireReader(inner, 1, inner.length - 1);
    long peerHad = r.u64("seen");
    byte[] signature = r.vec16(256, "stream signature");
    r.end("STREAM_END");
    if (inStreamAnnounced >= 0 && inStreamLength != inStreamAnnounced) {
      throw new MalformedInputException("stream shorter than announced");
    }
    byte[] hash = inStream.digest();
    long seq = inStreamSequence;
    byte[] signedData = MessageSignatures.stream(peerSigner, sessionId, receiveDirection.code(),
        seq, receivedMessages, receivedHead, peerHad, seenHead(peerHad), hash);
    tracer.digest(DigestSubject.STREAM, seq, inStreamLength, hash);
    verifyPeer(SignatureSubject.STREAM, seq, signedData, signature,
        "stream signature did not verify");
    VerifiedStream done = new VerifiedStream(sessionIdBytes, receiveDirection, seq, inStreamName,
        inStreamLength, Bytes.of(hash), Bytes.of(signedData), Bytes.of(signature), peer);
    inStream = null;
    receivedStreams = seq;
    acknowledged(peerHad);
    return done;
  }

  private void requireNoStream(RecordType type) throws MalformedInputException {
    if (inStream != null) {
      throw new MalformedInputException(type + " in the middle of a stream");
    }
  }

  private void requireStream(RecordType type) throws MalformedInputException {
    if (inStream == null) {
      throw new MalformedInputException(type + " outside a stream");
    }
  }

  private VerifiedMessage finishMessage(byte[] inner) throws MarcomException {
    WireReader r = new WireReader(inner, 1, inner.length - 1);
    long peerHad = r.u64("seen");
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
    byte[] signedData = MessageSignatures.message(peerSigner, sessionId, receiveDirection.code(),
        seq, receivedHead, peerHad, seenHead(peerHad), hash);
    tracer.digest(DigestSubject.MESSAGE, seq, plaintext.length, hash);
    verifyPeer(SignatureSubject.MESSAGE, seq, signedData, signature,
        "message signature did not verify");
    receivedMessages = seq;
    receivedHead = MessageSignatures.head(signedData);
    seen = new Seen(seq, receivedHead);
    acknowledged(peerHad);
    return new VerifiedMessage(sessionIdBytes, receiveDirection, seq, plaintext, Bytes.of(hash),
        Bytes.of(signedData), Bytes.of(signature), peer);
  }

  /** Verifies the peer's signature over {@code signedData}; a failure is a DSA failure. */
  private void verifyPeer(SignatureSubject subject, long seq, byte[] signedData,
      byte[] signature, String failure) throws AuthenticationException {
    try {
      Dsa.verify(peer.publicKey(), signedData, signature, failure);
    } catch (AuthenticationException e) {
      throw fail(Phase.DSA, e);
    }
    tracer.signatureVerified(subject, seq, peer.fingerprint(), signature);
  }

  /**
   * The head of this side's chain after the {@code peerHad} messages the peer says it had
   * received when it signed: it cannot have seen fewer than it said before, nor more than this
   * side sent. A false claim fails the signature check (DSA): the claim is signed data.
   */
  private byte[] seenHead(long peerHad) throws MarcomException {
    if (peerHad < peerSeen) {
      throw fail(Phase.DSA, new AuthenticationException("the peer's signature claims fewer of"
          + " this side's messages than an earlier one"));
    }
    boolean neverSent;
    byte[] head;
    synchronized (sentHeads) {
      neverSent = peerHad > sentHeads.count();
      head = neverSent ? null : sentHeads.at(peerHad);
    }
    // Failing takes the session's locks, so not while holding sentHeads' monitor.
    if (neverSent) {
      throw fail(Phase.DSA, new AuthenticationException("the peer's signature claims a message"
          + " this side never sent"));
    }
    if (head == null) {
      throw new MalformedInputException("the peer acknowledges message #" + peerHad
          + ", older than the " + ChainHeads.MAX_RETAINED
          + " unacknowledged messages this side keeps");
    }
    return head;
  }

  /** After a verified signature: the peer had seen {@code peerHad} of this side's messages. */
  private void acknowledged(long peerHad) {
    peerSeen = peerHad;
    synchronized (sentHeads) {
      sentHeads.forgetBefore(peerHad);
    }
  }

  /**
   * How many of the peer's messages this side had received and verified, and their head. Shared
   * between the two threads through a volatile field, so both values always belong together; the
   * array is never modified.
   */
  private record Seen(long count, byte[] head) {
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

  /**
   * Returns whether the peer's close_notify has been received.
   *
   * @return true once {@link #open} has returned {@link Inbound.Closed}
   */
  public boolean isPeerClosed() {
    synchronized (receiveLock) {
      return peerClosed;
    }
  }

  /**
   * Erases both directions' keys once the owner will neither send nor receive again, for example
   * after it sent close_notify and closed the transport without waiting for the peer's. Unlike
   * {@link #abort} this is not a failure (no failure is traced); later calls throw
   * {@link SessionClosedException}. Idempotent.
   */
  public void discard() {
    if (failure == null) {
      failure = new SessionClosedException("the session was discarded by its owner");
    }
    synchronized (receiveLock) {
      receiver.erase();
      partial = null;
      inStream = null;
    }
    synchronized (sendLock) {
      sender.erase();
    }
  }

  /**
   * Whether both directions' keys are erased (after a close in both directions, a failure or
   * {@link #discard()}).
   *
   * @return true when no traffic key remains in this session
   */
  public boolean isErased() {
    boolean receiveErased;
    synchronized (receiveLock) {
      receiveErased = !receiver.holdsKeys();
    }
    synchronized (sendLock) {
      return receiveErased && !sender.holdsKeys();
    }
  }

  /**
   * Whether the session failed (a security or protocol failure, or {@link #abort}): it is then
   * terminal and its keys are erased.
   *
   * @return true once failed
   */
  public boolean isFailed() {
    return failure != null;
  }

  /**
   * Marks the session failed (for example when the transport broke) and erases its keys. Later
   * calls throw {@link SessionClosedException}.
   *
   * @param cause the failure, reported as the cause of later {@link SessionClosedException}s;
   *     ignored if the session already failed
   */
  public void abort(MarcomException cause) {
    fail(Tracer.primitiveOf(cause), cause);
  }

  /**
   * Makes the session fail: the first failure is kept and traced in {@code what}, the primitive
   * or layer whose check failed; keys are erased.
   *
   * @return {@code e}, to throw
   */
  private <E extends MarcomException> E fail(Phase what, E e) {
    if (failure == null) {
      failure = e;
      tracer.failure(what, e.getMessage());
    }
    // Runs on the receiving thread (which holds receiveLock) or an application thread; the two
    // locks are never taken in the other order (and sentHeads' monitor is always taken last), so
    // this cannot deadlock.
    synchronized (receiveLock) {
      receiver.erase();
      partial = null;
      inStream = null;
    }
    synchronized (sendLock) {
      sender.erase();
    }
    return e;
  }

  /**
   * Checks a message's signature again, offline: that {@code signedData} is MARCOM message signed
   * data naming this message's signer (SHA-256 of {@link VerifiedMessage#signer()}'s
   * SubjectPublicKeyInfo), session, direction, sequence number and the SHA-256 of its plaintext,
   * and that the DSA signature over it verifies with the signer's key.
   *
   * <p>What the signed data says about the rest of the conversation (the hash of the sender's
   * previous message, and how many of the other direction's messages it had seen) can only be
   * checked against those messages: the session does so on receipt, and
   * {@link dev.marcom.transcript.TranscriptVerifier} across a transcript.
   *
   * @param message a message from {@link #open} or {@link #sealMessage}
   * @throws AuthenticationException if any of that fails
   */
  public static void verify(VerifiedMessage message) throws AuthenticationException {
    MessageSignatures.Message m;
    try {
      m = MessageSignatures.parseMessage(message.signedData().toByteArray());
    } catch (MalformedInputException e) {
      throw new AuthenticationException("signed data is not MARCOM message signed data", e);
    }
    if (!m.signer().equals(message.signer().fingerprint().sha256())
        || !m.sessionId().equals(message.sessionId())
        || m.direction() != message.direction().code()
        || m.sequence() != message.sequence()
        || !m.sha256().equals(Bytes.of(Sha256.hash(message.plaintext())))) {
      throw new AuthenticationException("signed data does not match the message");
    }
    verify(message.signer(), message.signedData().toByteArray(),
        message.signature().toByteArray());
  }

  /**
   * Checks a received stream's signature again, offline, given its summary: that
   * {@code signedData} is MARCOM stream signed data naming the stream's signer, session,
   * direction, number and SHA-256, and that the signature verifies. To tie it to stored content,
   * compare {@link VerifiedStream#sha256()} with the content's SHA-256.
   *
   * @param stream the summary of a received stream
   * @throws AuthenticationException if any of that fails
   */
  public static void verify(VerifiedStream stream) throws AuthenticationException {
    MessageSignatures.Stream m;
    try {
      m = MessageSignatures.parseStream(stream.signedData().toByteArray());
    } catch (MalformedInputException e) {
      throw new AuthenticationException("signed data is not MARCOM stream signed data", e);
    }
    if (!m.signer().equals(stream.signer().fingerprint().sha256())
        || !m.sessionId().equals(stream.sessionId())
        || m.direction() != stream.direction().code()
        || m.sequence() != stream.sequence()
        || !m.sha256().equals(stream.sha256())) {
      throw new AuthenticationException("signed data does not match the stream");
    }
    verify(stream.signer(), stream.signedData().toByteArray(), stream.signature().toByteArray());
  }

  /**
   * Checks a DSA-SHA256 signature over {@code signedData} by {@code signer}.
   *
   * <p><b>Warning:</b> this is plain DSA. Given any signature, anyone can make a key pair of
   * their own under which it verifies too (duplicate-signature key selection), so a successful
   * check proves that {@code signer} could have made the signature, not that it did, unless
   * {@code signedData} itself names {@code signer}, as MARCOM's message and stream signed data do.
   * To check a message or a stream, use {@link #verify(VerifiedMessage)} or
   * {@link #verify(VerifiedStream)}, which check that too.
   *
   * @param signer whose public key to verify with
   * @param signedData the bytes that were signed (DSA signs their SHA-256)
   * @param signature the DER-encoded signature
   * @throws AuthenticationException if it does not verify (also if it is not strict DER)
   */
  public static void verify(PeerIdentity signer, byte[] signedData, byte[] signature)
      throws AuthenticationException {
    Dsa.verify(signer.publicKey(), signedData, signature, "signature did not verify");
  }

  @Override
  public String toString() {
    return "Session[" + role + ", " + suite + ", id=" + sessionIdBytes.abbreviated(4) + ", peer="
        + peer.fingerprint() + "]";
  }
}
