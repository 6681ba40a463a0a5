package dev.marcom.internal.trace;

import dev.marcom.Bytes;
import dev.marcom.CipherSuite;
import dev.marcom.Fingerprint;
import dev.marcom.MalformedInputException;
import dev.marcom.Role;
import dev.marcom.SessionClosedException;
import dev.marcom.internal.crypto.AesGcm;
import dev.marcom.internal.crypto.DhGroup;
import dev.marcom.internal.crypto.ElGamalKem;
import dev.marcom.internal.crypto.Kem;
import dev.marcom.internal.record.RecordCipher;
import dev.marcom.internal.wire.FrameType;
import dev.marcom.internal.wire.Frames;
import dev.marcom.trace.DigestSubject;
import dev.marcom.trace.ElGamalValue;
import dev.marcom.trace.HandshakeFields;
import dev.marcom.trace.HandshakePhase;
import dev.marcom.trace.Phase;
import dev.marcom.trace.PhaseOutcome;
import dev.marcom.trace.SignatureSubject;
import dev.marcom.trace.TraceEvent;
import dev.marcom.trace.TraceListener;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one way protocol code emits {@link TraceEvent}s: the handshake, the session and the
 * blocking channel each hold one, made from their configuration, and call a method per
 * step ({@code tracer.signatureCreated(SignatureSubject.MESSAGE, seq, signer, signature)}).
 *
 * <p>Everything about tracing is decided here, once: with {@link TraceListener#NONE} every method
 * returns at once and no event, copy or text is built (arguments are the protocol's own values;
 * anything that costs more comes as a {@link Supplier}); secret values enter an event only if the
 * configuration reveals secrets, and are otherwise never copied; a listener that throws is ignored.
 *
 * <p>A handshake's tracer also keeps the open {@link HandshakePhase}: {@link #enter} ends it and
 * starts the next, {@link #endPhase} ends it, {@link #failure} ends it as failed. That state is
 * used by one handshake on one thread; the other methods keep no state and may be called from the
 * session's sending and receiving threads at once.
 */
public final class Tracer {
    private final TraceListener listener;
    private final boolean on;
    private final boolean reveal;
    private HandshakePhase open;

    private Tracer(TraceListener listener, boolean reveal) {
        this.listener = listener;
        this.on = listener != TraceListener.NONE;
        this.reveal = reveal;
    }

    /**
     * The tracer for a handshake, session or channel, from its configuration's {@code trace()} and
     * {@code revealSecrets()}.
     *
     * @param listener where events go; {@link TraceListener#NONE} turns tracing off
     * @param revealSecrets whether events may carry secret values
     * @return a new tracer
     */
    public static Tracer of(TraceListener listener, boolean revealSecrets) {
        return new Tracer(listener, revealSecrets);
    }

    /**
     * The primitive or layer to blame for {@code e} when the failing step did not say: malformed
     * input and a closed or abandoned session are {@link Phase#NETWORK}, anything else (negotiation,
     * trust, Finished MACs, unexpected runtime failures) {@link Phase#KEY_EXCHANGE}. Steps that
     * check a signature, a record or an ElGamal value name their primitive themselves.
     *
     * @param e the failure
     * @return the phase for its {@link TraceEvent.Failure}
     */
    public static Phase primitiveOf(Exception e) {
        return e instanceof MalformedInputException || e instanceof SessionClosedException
                ? Phase.NETWORK
                : Phase.KEY_EXCHANGE;
    }

    private void emit(TraceEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException ignored) {
            // Listeners must not throw; one that does must not break the protocol.
        }
    }

    /** The reveal-secrets rule: a copy of {@code value} only if the application asked for it. */
    private Optional<Bytes> secret(byte[] value) {
        return reveal ? Optional.of(Bytes.of(value)) : Optional.empty();
    }

    // ---- handshake phases -------------------------------------------------------------------

    /**
     * Starts {@code phase}, ending the open phase (if another) as succeeded.
     *
     * @param phase the phase the handshake is entering; nothing happens if it is already open
     */
    public void enter(HandshakePhase phase) {
        if (on && open != phase) {
            end(PhaseOutcome.SUCCEEDED);
            open = phase;
            emit(new TraceEvent.PhaseStarted(phase));
        }
    }

    /** Ends the open phase, if any, as succeeded. */
    public void endPhase() {
        if (on) {
            end(PhaseOutcome.SUCCEEDED);
        }
    }

    private void end(PhaseOutcome outcome) {
        if (open != null) {
            HandshakePhase ended = open;
            open = null;
            emit(new TraceEvent.PhaseEnded(ended, outcome));
        }
    }

    /**
     * Reports that the handshake or session failed, then ends the open phase, if any, as failed.
     *
     * @param what the primitive or layer whose check failed
     * @param reason the exception's message
     */
    public void failure(Phase what, String reason) {
        if (on) {
            emit(new TraceEvent.Failure(what, reason));
            end(PhaseOutcome.FAILED);
        }
    }

    // ---- network ----------------------------------------------------------------------------

    /**
     * A frame (or several record frames written at once) crossed the transport.
     *
     * @param outbound true if written
     * @param type the frame type
     * @param bytes the size, headers included
     */
    public void frame(boolean outbound, FrameType type, int bytes) {
        if (on) {
            emit(new TraceEvent.FrameTransferred(outbound, type.name(), bytes));
        }
    }

    /**
     * A close_notify was sent or received.
     *
     * @param outbound true if sent
     */
    public void closeNotify(boolean outbound) {
        if (on) {
            emit(new TraceEvent.CloseNotify(outbound));
        }
    }

    /**
     * A keep-alive record was sent or received.
     *
     * @param outbound true if sent
     * @param ping true for a ping, false for a pong
     */
    public void keepAlive(boolean outbound, boolean ping) {
        if (on) {
            emit(new TraceEvent.KeepAlive(outbound, ping));
        }
    }

    // ---- handshake --------------------------------------------------------------------------

    /**
     * A client offers versions and suites.
     *
     * @param versions the offered versions
     * @param suites the offered suites
     */
    public void offer(List<Integer> versions, List<CipherSuite> suites) {
        if (on) {
            emit(new TraceEvent.Offer(versions, suites));
        }
    }

    /**
     * A handshake message was built or parsed.
     *
     * @param outbound true if built
     * @param fields its public fields, built only when tracing
     */
    public void message(boolean outbound, Supplier<HandshakeFields> fields) {
        if (on) {
            emit(new TraceEvent.HandshakeMessage(outbound, fields.get()));
        }
    }

    /**
     * Version and suite were agreed.
     *
     * @param version the version
     * @param suite the suite
     */
    public void negotiated(int version, CipherSuite suite) {
        if (on) {
            emit(new TraceEvent.Negotiated(version, suite));
        }
    }

    /**
     * The trust policy accepted the peer.
     *
     * @param peerRole the peer's role
     * @param fingerprint the peer's identity
     */
    public void peerTrusted(Role peerRole, Fingerprint fingerprint) {
        if (on) {
            emit(new TraceEvent.PeerTrusted(peerRole, fingerprint));
        }
    }

    /**
     * A Finished MAC was computed or verified.
     *
     * @param outbound true if computed to send
     * @param of whose MAC it is
     * @param mac the MAC (copied only when tracing)
     */
    public void finishedMac(boolean outbound, Role of, byte[] mac) {
        if (on) {
            emit(new TraceEvent.FinishedMac(outbound, of, Bytes.of(mac)));
        }
    }

    /**
     * The handshake completed; to be called after its last phase ended.
     *
     * @param role this side's role
     * @param sessionId the session id
     * @param suite the suite
     * @param peer the peer's identity
     */
    public void handshakeCompleted(Role role, byte[] sessionId, CipherSuite suite, Fingerprint peer) {
        if (on) {
            emit(new TraceEvent.HandshakeCompleted(role, Bytes.of(sessionId), suite, peer));
        }
    }

    // ---- ElGamal ----------------------------------------------------------------------------

    /**
     * The server generated its one-time KEM key pair.
     *
     * @param kem the mechanism
     * @param keys the key pair; its private value is copied only with "reveal secrets"
     */
    public void kemKeyGenerated(Kem kem, Kem.KeyPair keys) {
        if (on && kem instanceof ElGamalKem elGamal && keys instanceof ElGamalKem.KeyPair pair) {
            DhGroup group = elGamal.group();
            emit(new TraceEvent.ElGamalKeyGenerated(
                    group.label(),
                    group.params().getP().bitLength(),
                    group.params().getG(),
                    group.exponentBits(),
                    Bytes.of(pair.publicValue()),
                    reveal ? Optional.of(Bytes.of(pair.privateKey().getX().toByteArray())) : Optional.empty()));
        }
    }

    /**
     * The primitive a key transport over {@code kem} fails in, for {@link TraceEvent.Failure}.
     *
     * @param kem the mechanism
     * @return its phase
     */
    public static Phase phaseOf(Kem kem) {
        return kem instanceof ElGamalKem ? Phase.ELGAMAL : Phase.KEY_EXCHANGE;
    }

    /**
     * The peer's ElGamal value passed validation.
     *
     * @param which which value
     * @param value the value
     */
    public void elGamalValueValidated(ElGamalValue which, byte[] value) {
        if (on) {
            emit(new TraceEvent.ElGamalValueValidated(which, Bytes.of(value)));
        }
    }

    /**
     * The transported secret was encrypted or decrypted.
     *
     * @param outbound true on the client, which encrypts
     * @param c1 the ciphertext's first part
     * @param c2 the ciphertext's second part
     * @param secret the transported secret, copied only with "reveal secrets"
     */
    public void elGamalEncapsulation(boolean outbound, byte[] c1, byte[] c2, byte[] secret) {
        if (on) {
            emit(new TraceEvent.ElGamalEncapsulation(outbound, Bytes.of(c1), Bytes.of(c2), secret(secret)));
        }
    }

    // ---- SHA-256 and DSA --------------------------------------------------------------------

    /**
     * A SHA-256 digest was computed.
     *
     * @param subject what was hashed
     * @param sequence the message or stream number, or 0
     * @param bytes how many bytes were hashed
     * @param sha256 the digest
     */
    public void digest(DigestSubject subject, long sequence, long bytes, byte[] sha256) {
        if (on) {
            emit(new TraceEvent.Digest(subject, sequence, bytes, Bytes.of(sha256)));
        }
    }

    /**
     * This side created a DSA signature.
     *
     * @param subject what it signs
     * @param sequence the message or stream number, or 0
     * @param signer this side's identity
     * @param signature the signature
     */
    public void signatureCreated(SignatureSubject subject, long sequence, Fingerprint signer, byte[] signature) {
        if (on) {
            emit(new TraceEvent.Signature(true, subject, sequence, signer, Bytes.of(signature)));
        }
    }

    /**
     * This side verified the peer's DSA signature.
     *
     * @param subject what it signs
     * @param sequence the message or stream number, or 0
     * @param signer the peer's identity
     * @param signature the signature
     */
    public void signatureVerified(SignatureSubject subject, long sequence, Fingerprint signer, byte[] signature) {
        if (on) {
            emit(new TraceEvent.Signature(false, subject, sequence, signer, Bytes.of(signature)));
        }
    }

    // ---- record layer -----------------------------------------------------------------------

    /**
     * The trace of a new session's record layer: give {@link Records#sending()} and {@link
     * Records#receiving()} to the two {@link RecordCipher}s, then call {@link
     * Records#keysDerived()} to report the keys they installed.
     *
     * @param role the session's role, which tells the directions apart
     * @param sessionId the session id
     * @return the session's record trace
     */
    public Records records(Role role, Bytes sessionId) {
        return new Records(role, sessionId);
    }

    /**
     * The record layer's trace for one session. Each direction's {@link RecordCipher} reports its
     * key and IV when it installs them (so nothing derives them twice) and each record it seals or
     * opens. The first generation's are held only until {@link #keysDerived()} reports both
     * directions together; a key is copied at all only with "reveal secrets".
     */
    public final class Records {
        private final Role role;
        private final Bytes sessionId;
        private final DirectionTrace sending = new DirectionTrace(true);
        private final DirectionTrace receiving = new DirectionTrace(false);

        private Records(Role role, Bytes sessionId) {
            this.role = role;
            this.sessionId = sessionId;
        }

        /**
         * Returns the observer for the sending direction's cipher.
         *
         * @return an observer; {@link RecordCipher.Observer#NONE} when not tracing
         */
        public RecordCipher.Observer sending() {
            return on ? sending : RecordCipher.Observer.NONE;
        }

        /**
         * Returns the observer for the receiving direction's cipher.
         *
         * @return an observer; {@link RecordCipher.Observer#NONE} when not tracing
         */
        public RecordCipher.Observer receiving() {
            return on ? receiving : RecordCipher.Observer.NONE;
        }

        /** Reports the first keys and IVs both ciphers installed, and forgets them. */
        public void keysDerived() {
            if (on && sending.iv != null && receiving.iv != null) {
                DirectionTrace c2s = role == Role.CLIENT ? sending : receiving;
                DirectionTrace s2c = role == Role.CLIENT ? receiving : sending;
                emit(new TraceEvent.KeysDerived(sessionId, c2s.key, c2s.iv, s2c.key, s2c.iv));
            }
            sending.forget();
            receiving.forget();
        }
    }

    /** One direction's observer; holds the first generation's key and IV until reported. */
    private final class DirectionTrace implements RecordCipher.Observer {
        private final boolean outbound;
        private Optional<Bytes> key = Optional.empty();
        private Bytes iv;

        DirectionTrace(boolean outbound) {
            this.outbound = outbound;
        }

        void forget() {
            key = Optional.empty();
            iv = null;
        }

        @Override
        public void installed(int generation, byte[] key, byte[] iv) {
            if (generation == 0) {
                this.key = secret(key);
                this.iv = Bytes.of(iv);
            } else {
                emit(new TraceEvent.KeyUpdated(outbound, generation, secret(key), Bytes.of(iv)));
            }
        }

        @Override
        public void sealed(long sequence, byte[] nonce, int plaintextBytes, byte[] frame, int offset, int length) {
            emit(new TraceEvent.AeadRecord(
                    true,
                    sequence,
                    Bytes.of(nonce),
                    plaintextBytes,
                    length - Frames.HEADER_BYTES,
                    Bytes.of(frame, offset + length - AesGcm.TAG_BYTES, AesGcm.TAG_BYTES)));
        }

        @Override
        public void opened(long sequence, byte[] nonce, int plaintextBytes, byte[] frame) {
            emit(new TraceEvent.AeadRecord(
                    false,
                    sequence,
                    Bytes.of(nonce),
                    plaintextBytes,
                    frame.length - Frames.HEADER_BYTES,
                    Bytes.of(frame, frame.length - AesGcm.TAG_BYTES, AesGcm.TAG_BYTES)));
        }
    }
}
