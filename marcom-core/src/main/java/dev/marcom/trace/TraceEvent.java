package dev.marcom.trace;

import dev.marcom.Bytes;
import dev.marcom.CipherSuite;
import dev.marcom.Fingerprint;
import dev.marcom.Role;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * One observable step of the protocol, for teaching and diagnostics. Each event names its
 * {@link Phase} (which primitive or layer it concerns); a handshake's events are also grouped by
 * {@link PhaseStarted} and {@link PhaseEnded} pairs into {@link HandshakePhase}s. Every field is
 * typed: what was signed, hashed or validated is an enum, a handshake message carries its fields
 * as values, so a view never has to parse text ({@link TraceText} renders events for people).
 *
 * <p>Values in {@code Optional} secret fields are present only when the application enabled
 * "reveal secrets"; no event ever carries a key, the transported secret or an ElGamal exponent
 * otherwise. Other fields are either on the wire or not secret in the cryptographic sense (nonces,
 * IVs), but some describe plaintext: message digests and signatures let a reader confirm a
 * guessed message. Treat a trace as confidential as the messages themselves.
 */
public sealed interface TraceEvent {

    /**
     * Returns the phase this event belongs to.
     *
     * @return the phase; fixed for each kind of event except {@link Failure}, which carries it
     */
    Phase phase();

    /**
     * A handshake phase began on this side; events up to the matching {@link PhaseEnded} belong to
     * it. The previous phase, if any, has ended.
     *
     * @param handshakePhase the phase that began
     */
    record PhaseStarted(HandshakePhase handshakePhase) implements TraceEvent {
        @Override
        public Phase phase() {
            return Phase.KEY_EXCHANGE;
        }
    }

    /**
     * A handshake phase ended, because the next one began, the handshake completed, or it failed.
     * Every {@link PhaseStarted} is followed by exactly one {@code PhaseEnded} for the same phase
     * before any other phase starts; on failure it comes right after the {@link Failure}.
     *
     * @param handshakePhase the phase that ended
     * @param outcome whether it ended because the handshake failed
     */
    record PhaseEnded(HandshakePhase handshakePhase, PhaseOutcome outcome) implements TraceEvent {
        @Override
        public Phase phase() {
            return Phase.KEY_EXCHANGE;
        }
    }

    /**
     * A frame was written to or read from the transport.
     *
     * @param outbound true if written
     * @param frameType the frame type's name in docs/PROTOCOL.md §3, such as {@code CLIENT_HELLO}
     *     or {@code RECORD}
     * @param bytes the frame's size, header included (for a write of several record frames at
     *     once, their total)
     */
    record FrameTransferred(boolean outbound, String frameType, int bytes) implements TraceEvent {
        @Override
        public Phase phase() {
            return Phase.NETWORK;
        }
    }

    /**
     * A handshake message was built ({@code outbound}) or parsed. A received message is reported
     * when it parsed, before its contents are checked.
     *
     * @param outbound true if this side built it
     * @param fields the message's public fields; {@link #type()} says which message it is
     */
    record HandshakeMessage(boolean outbound, HandshakeFields fields) implements TraceEvent {
        /**
         * Returns which message this is.
         *
         * @return the type of {@link #fields()}
         */
        public HandshakeMessageType type() {
            return fields.type();
        }

        @Override
        public Phase phase() {
            return Phase.KEY_EXCHANGE;
        }
    }

    /**
     * Version and suite were agreed.
     *
     * @param version the protocol version
     * @param suite the cipher suite
     */
    record Negotiated(int version, CipherSuite suite) implements TraceEvent {
        @Override
        public Phase phase() {
            return Phase.KEY_EXCHANGE;
        }
    }

    /**
     * The peer's identity signature verified and the trust policy accepted it.
     *
     * @param peerRole the peer's role
     * @param fingerprint the peer's identity
     */
    record PeerTrusted(Role peerRole, Fingerprint fingerprint) implements TraceEvent {
        @Override
        public Phase phase() {
            return Phase.KEY_EXCHANGE;
        }
    }

    /**
     * The record layer installed the first traffic keys of both directions, derived with
     * HKDF-SHA256 from the handshake's key schedule. The keys are present only with "reveal
     * secrets". The IVs (nonce bases) are always shown: AES-GCM needs nonces to be unique, not
     * secret, and every {@link AeadRecord} shows its nonce = IV XOR sequence anyway, so a learner
     * can follow the computation. The transported secret the keys come from is shown (with "reveal
     * secrets") by {@link ElGamalEncapsulation}.
     *
     * @param sessionId the session id
     * @param clientToServerKey the AES-256 key of the client-to-server direction, if revealed
     * @param clientToServerIv the 12-byte IV of the client-to-server direction
     * @param serverToClientKey the AES-256 key of the server-to-client direction, if revealed
     * @param serverToClientIv the 12-byte IV of the server-to-client direction
     */
    record KeysDerived(
            Bytes sessionId,
            Optional<Bytes> clientToServerKey,
            Bytes clientToServerIv,
            Optional<Bytes> serverToClientKey,
            Bytes serverToClientIv)
            implements TraceEvent {
        @Override
        public Phase phase() {
            return Phase.KEY_EXCHANGE;
        }
    }

    /**
     * A Finished MAC (key confirmation) was computed ({@code outbound}) or verified.
     *
     * @param outbound true if this side computed it to send
     * @param of whose Finished MAC it is
     * @param mac the MAC
     */
    record FinishedMac(boolean outbound, Role of, Bytes mac) implements TraceEvent {
        @Override
        public Phase phase() {
            return Phase.KEY_EXCHANGE;
        }
    }

    /**
     * The handshake completed; the ephemeral ElGamal key and the transported secret are erased.
     * This is a handshake's last event; it comes after the last {@link PhaseEnded}.
     *
     * @param role this side's role
     * @param sessionId the session id
     * @param suite the agreed suite
     * @param peer the authenticated peer
     */
    record HandshakeCompleted(Role role, Bytes sessionId, CipherSuite suite, Fingerprint peer) implements TraceEvent {
        @Override
        public Phase phase() {
            return Phase.KEY_EXCHANGE;
        }
    }

    /**
     * The record layer installed the next key generation of one direction (key update). As for
     * {@link KeysDerived}, the key is present only with "reveal secrets" and the IV always.
     *
     * @param outbound true for the sending direction
     * @param generation the new generation, counting from 0 for the keys of {@link KeysDerived}
     * @param key the new AES-256 key, if revealed
     * @param iv the new 12-byte IV
     */
    record KeyUpdated(boolean outbound, int generation, Optional<Bytes> key, Bytes iv) implements TraceEvent {
        @Override
        public Phase phase() {
            return Phase.KEY_EXCHANGE;
        }
    }

    /**
     * A fresh ElGamal key pair y = g^x mod p was generated; x only with "reveal secrets".
     *
     * @param group the group's name, such as {@code ffdhe2048}
     * @param primeBits the size of the safe prime p
     * @param generator g
     * @param exponentBits the size of the private exponent x
     * @param publicKey y
     * @param privateKey x, if revealed
     */
    record ElGamalKeyGenerated(
            String group,
            int primeBits,
            BigInteger generator,
            int exponentBits,
            Bytes publicKey,
            Optional<Bytes> privateKey)
            implements TraceEvent {
        @Override
        public Phase phase() {
            return Phase.ELGAMAL;
        }
    }

    /**
     * The peer's ElGamal value passed the range (1 &lt; v &lt; p-1) and subgroup checks.
     *
     * @param which which value it is
     * @param value the value as sent
     */
    record ElGamalValueValidated(ElGamalValue which, Bytes value) implements TraceEvent {
        @Override
        public Phase phase() {
            return Phase.ELGAMAL;
        }
    }

    /**
     * The transported secret was encrypted (client, {@code outbound}) or decrypted (server):
     * c1 = g^r mod p, c2 = AES-256-GCM under HKDF(y^r) of the 32-byte secret.
     *
     * @param outbound true on the client, which encrypts
     * @param c1 the ciphertext's first part
     * @param c2 the ciphertext's second part
     * @param secret the transported secret, if revealed
     */
    record ElGamalEncapsulation(boolean outbound, Bytes c1, Bytes c2, Optional<Bytes> secret) implements TraceEvent {
        @Override
        public Phase phase() {
            return Phase.ELGAMAL;
        }
    }

    /**
     * A record was sealed ({@code outbound}) or opened with AES-256-GCM.
     *
     * @param outbound true if sealed
     * @param sequence the record's implicit sequence number in its key generation
     * @param nonce the nonce, IV XOR sequence
     * @param plaintextBytes the size of the inner plaintext (type byte included)
     * @param ciphertextBytes the size of the frame's body (ciphertext and tag)
     * @param tag the 16-byte authentication tag
     */
    record AeadRecord(boolean outbound, long sequence, Bytes nonce, int plaintextBytes, int ciphertextBytes, Bytes tag)
            implements TraceEvent {
        @Override
        public Phase phase() {
            return Phase.AES_GCM;
        }
    }

    /**
     * A SHA-256 digest was computed.
     *
     * @param subject what was hashed
     * @param sequence the message or stream number (from 1) for {@link DigestSubject#MESSAGE} and
     *     {@link DigestSubject#STREAM}; 0 for the handshake's digests
     * @param bytes how many bytes were hashed (the plaintext, the stream, or the transcript)
     * @param sha256 the digest
     */
    record Digest(DigestSubject subject, long sequence, long bytes, Bytes sha256) implements TraceEvent {
        @Override
        public Phase phase() {
            return Phase.SHA256;
        }
    }

    /**
     * A DSA signature was created ({@code outbound}) or verified, by or for {@code signer}.
     *
     * @param outbound true if this side signed
     * @param subject what was signed
     * @param sequence the message or stream number (from 1) for {@link SignatureSubject#MESSAGE}
     *     and {@link SignatureSubject#STREAM}; 0 for the handshake signatures
     * @param signer the signer's identity
     * @param signature the DER-encoded signature
     */
    record Signature(boolean outbound, SignatureSubject subject, long sequence, Fingerprint signer, Bytes signature)
            implements TraceEvent {
        @Override
        public Phase phase() {
            return Phase.DSA;
        }
    }

    /**
     * The handshake or session failed; it is now terminal.
     *
     * @param phase what failed: {@link Phase#DSA} for a signature (or an identity key) that does
     *     not verify, {@link Phase#AES_GCM} for a record that does not authenticate, {@link
     *     Phase#ELGAMAL} for an invalid ElGamal value or key transport, {@link Phase#NETWORK} for
     *     malformed input and transport failures, {@link Phase#KEY_EXCHANGE} for negotiation, trust,
     *     Finished MACs and anything else
     * @param reason the exception's message
     */
    record Failure(Phase phase, String reason) implements TraceEvent {}

    /**
     * A close_notify was sent or received: the session ended cleanly.
     *
     * @param outbound true if sent
     */
    record CloseNotify(boolean outbound) implements TraceEvent {
        @Override
        public Phase phase() {
            return Phase.NETWORK;
        }
    }

    /**
     * An authenticated keep-alive record was sent or received: a {@code ping} asks the peer for a
     * sign of life, a pong answers one.
     *
     * @param outbound true if sent
     * @param ping true for a ping, false for a pong
     */
    record KeepAlive(boolean outbound, boolean ping) implements TraceEvent {
        @Override
        public Phase phase() {
            return Phase.NETWORK;
        }
    }

    /**
     * The versions and suites a client's hello offered, for display.
     *
     * @param versions the offered protocol versions
     * @param suites the offered suites, in preference order
     */
    record Offer(List<Integer> versions, List<CipherSuite> suites) implements TraceEvent {
        /**
         * Copies the lists.
         *
         * @param versions the offered protocol versions
         * @param suites the offered suites, in preference order
         * @throws NullPointerException if a list or an element is null
         */
        public Offer {
            versions = List.copyOf(versions);
            suites = List.copyOf(suites);
        }

        @Override
        public Phase phase() {
            return Phase.KEY_EXCHANGE;
        }
    }
}
