package dev.marcom.session;

import dev.marcom.AuthenticationException;
import dev.marcom.Bytes;
import dev.marcom.CipherSuite;
import dev.marcom.MalformedInputException;
import dev.marcom.MarcomException;
import dev.marcom.Role;
import dev.marcom.SessionClosedException;
import dev.marcom.identity.Identity;
import dev.marcom.identity.PeerIdentity;
import dev.marcom.internal.crypto.Suite;
import dev.marcom.internal.record.RecordCipher;
import dev.marcom.internal.record.RecordType;
import dev.marcom.internal.trace.Tracer;
import dev.marcom.trace.Phase;
import java.nio.charset.StandardCharsets;

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
 * One thread may seal while another opens: the session is two halves, a {@link SendingHalf} and
 * a {@link ReceivingHalf}, each with its own state and lock; they share only the failure and the
 * {@link Conversation} (what each side has seen of the other, which the signatures bind).
 */
public final class Session {
    private final Role role;
    private final CipherSuite suite;
    private final Bytes sessionIdBytes;
    private final Identity local;
    private final PeerIdentity peer;
    private final SessionConfig config;
    private final Tracer tracer;
    private final SendingHalf sending;
    private final ReceivingHalf receiving;
    private volatile MarcomException failure;

    /**
     * Starts a session from a finished handshake's keys. Private: the handshake is the only caller,
     * through the private lookup that {@code dev.marcom.handshake.SessionOpening} holds, so
     * applications obtain sessions from {@link dev.marcom.handshake.Handshake} or {@link
     * dev.marcom.transport.SecureChannel} and never from keys of their own choosing.
     *
     * @param role this side
     * @param suite the agreed suite
     * @param sessionId the session id (the final handshake transcript hash); copied
     * @param peer the authenticated peer
     * @param sendSecret the traffic secret this side sends with; the session owns and erases it
     * @param receiveSecret the traffic secret the peer sends with; the session owns and erases it
     * @param config this side's configuration
     */
    @SuppressWarnings("UnusedMethod") // called through a method handle
    private Session(
            Role role,
            CipherSuite suite,
            byte[] sessionId,
            PeerIdentity peer,
            byte[] sendSecret,
            byte[] receiveSecret,
            SessionConfig config) {
        this.role = role;
        this.suite = suite;
        this.sessionIdBytes = Bytes.of(sessionId);
        this.config = config;
        this.local = config.identity();
        this.peer = peer;
        this.tracer = Tracer.of(config.trace(), config.revealSecrets());
        // The record layer derives each direction's key and IV, and is what reports them.
        Tracer.Records records = tracer.records(role, sessionIdBytes);
        Suite algorithms = Suite.of(suite);
        Conversation conversation = new Conversation();
        // One copy of the id for both halves, which only read it into signed data.
        byte[] id = sessionIdBytes.toByteArray();
        this.sending = new SendingHalf(
                this,
                config,
                tracer,
                sessionIdBytes,
                id,
                role.sendDirection(),
                conversation,
                new RecordCipher(algorithms.aead(), algorithms.kdf(), sendSecret, records.sending()));
        this.receiving = new ReceivingHalf(
                this,
                config,
                tracer,
                peer,
                sessionIdBytes,
                id,
                role.peer().sendDirection(),
                conversation,
                new RecordCipher(algorithms.aead(), algorithms.kdf(), receiveSecret, records.receiving()));
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
    public record Sealed(byte[] frames, VerifiedMessage message) {}

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
            throw new IllegalArgumentException("message of " + plaintext.length + " bytes exceeds maxMessageBytes "
                    + config.maxMessageBytes() + "; send it as a stream");
        }
        return sending.seal(plaintext);
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
        return seal(text.getBytes(StandardCharsets.UTF_8));
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
        return sending.beginStream(name, announcedLength);
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
    public byte[] sealStreamChunk(byte[] data, int offset, int length) throws SessionClosedException {
        return sending.sealStreamChunk(data, offset, length);
    }

    /**
     * The STREAM_END frame of a stream together with the stream as the peer will verify it (this
     * side is its signer): its number, length, SHA-256, signed data and signature.
     */
    public record EndedStream(byte[] frames, VerifiedStream stream) {}

    /**
     * Ends the current stream: signs SHA-256 of all its bytes.
     *
     * @return the frame(s) to send, and the stream as signed (its {@link VerifiedStream#sha256()}
     *     is the digest of everything sent)
     * @throws SessionClosedException if this side closed the session or it failed earlier
     * @throws IllegalStateException if no stream was begun
     */
    public EndedStream endStream() throws SessionClosedException {
        return sending.endStream();
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
        return sending.close();
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
        return sending.keepAlive(RecordType.PING);
    }

    /**
     * The answer to the peer's keep-alive probe ({@link Inbound.Ping}): one authenticated PONG
     * record.
     *
     * @return the record frame(s) to send
     * @throws SessionClosedException if this side closed the session or it failed earlier
     */
    public byte[] pong() throws SessionClosedException {
        return sending.keepAlive(RecordType.PONG);
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
        return receiving.open(frame);
    }

    /**
     * Returns whether the peer's close_notify has been received.
     *
     * @return true once {@link #open} has returned {@link Inbound.Closed}
     */
    public boolean isPeerClosed() {
        return receiving.isPeerClosed();
    }

    /**
     * Erases both directions' keys once the owner will neither send nor receive again, for example
     * after it sent close_notify and closed the transport without waiting for the peer's. Unlike
     * {@link #abort} this is not a failure (no failure is traced); later calls throw
     * {@link SessionClosedException}. Idempotent.
     */
    public void discard() {
        synchronized (this) {
            if (failure == null) {
                failure = new SessionClosedException("the session was discarded by its owner");
            }
        }
        eraseBothHalves();
    }

    /**
     * Whether both directions' keys are erased (after a close in both directions, a failure or
     * {@link #discard()}).
     *
     * @return true when no traffic key remains in this session
     */
    public boolean isErased() {
        return !receiving.holdsKeys() && !sending.holdsKeys();
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

    /** For the halves: throws if the session failed or was discarded. */
    void checkNotFailed() throws SessionClosedException {
        MarcomException f = failure;
        if (f != null) {
            throw new SessionClosedException("session failed earlier: " + f.getMessage(), f);
        }
    }

    /**
     * Makes the session fail: the first failure is kept and traced in {@code what}, the primitive
     * or layer whose check failed; both halves' keys are erased.
     *
     * @return {@code e}, to throw
     */
    <E extends MarcomException> E fail(Phase what, E e) {
        synchronized (this) {
            if (failure != null) {
                // The first failure erased both halves (or is erasing them now, on its own thread);
                // erasing here, under this monitor, could deadlock with a thread holding a half.
                return e;
            }
            failure = e;
        }
        tracer.failure(what, e.getMessage());
        eraseBothHalves();
        return e;
    }

    /**
     * Erases the receiving half, then the sending half. The receiving thread calls this holding the
     * receiving half's lock, so that order is the only one in which both are ever taken, and no
     * thread holds the sending half's lock while asking for the receiving one's: no deadlock.
     */
    private void eraseBothHalves() {
        receiving.erase();
        sending.erase();
    }

    @Override
    public String toString() {
        return "Session[" + role + ", " + suite + ", id=" + sessionIdBytes.abbreviated(4) + ", peer="
                + peer.fingerprint() + "]";
    }
}
