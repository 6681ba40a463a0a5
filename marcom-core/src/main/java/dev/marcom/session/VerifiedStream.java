package dev.marcom.session;

import dev.marcom.Bytes;
import dev.marcom.Direction;
import dev.marcom.identity.PeerIdentity;
import java.util.Objects;

/**
 * The summary of a stream whose every record authenticated and whose end-of-stream DSA signature
 * verified over SHA-256 of all its bytes. Only {@link Session#open} creates it, and only at the
 * stream's end: until then the received bytes are unverified.
 *
 * <h2>Security guarantees</h2>
 * The constructor is not public, so holding a {@code VerifiedStream} means the library verified
 * the stream: application code cannot make one up (as with {@link VerifiedMessage}).
 * {@link #signedData()} and {@link #signature()} are exactly what the sender signed; anyone can
 * re-check them offline with {@link OfflineVerifier#verify(VerifiedStream)}. Two summaries are equal if
 * all their fields are.
 */
public final class VerifiedStream {
    private final Bytes sessionId;
    private final Direction direction;
    private final long sequence;
    private final String name;
    private final long length;
    private final Bytes sha256;
    private final Bytes signedData;
    private final Bytes signature;
    private final PeerIdentity signer;

    /** For the library: only after the stream's signature verified. */
    VerifiedStream(
            Bytes sessionId,
            Direction direction,
            long sequence,
            String name,
            long length,
            Bytes sha256,
            Bytes signedData,
            Bytes signature,
            PeerIdentity signer) {
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        this.direction = Objects.requireNonNull(direction, "direction");
        this.sequence = sequence;
        this.name = Objects.requireNonNull(name, "name");
        this.length = length;
        this.sha256 = Objects.requireNonNull(sha256, "sha256");
        this.signedData = Objects.requireNonNull(signedData, "signedData");
        this.signature = Objects.requireNonNull(signature, "signature");
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    /**
     * Returns the identifier of the session the stream belongs to.
     *
     * @return the session id, which is part of the signed data
     */
    public Bytes sessionId() {
        return sessionId;
    }

    /**
     * Returns which way the stream travelled.
     *
     * @return the direction, which is part of the signed data
     */
    public Direction direction() {
        return direction;
    }

    /**
     * Returns the stream's number in its direction.
     *
     * @return 1 for the first stream (streams are numbered apart from messages)
     */
    public long sequence() {
        return sequence;
    }

    /**
     * Returns the sender's name for the stream.
     *
     * <p><b>Warning:</b> the name is whatever the peer chose: do not use it as a path or show it
     * unescaped (see {@link dev.marcom.transport.ReceivedFiles#safeName}).
     *
     * @return the name as the peer sent it
     */
    public String name() {
        return name;
    }

    /**
     * Returns the length of the stream.
     *
     * @return the number of bytes in the stream
     */
    public long length() {
        return length;
    }

    /**
     * Returns the digest of the stream that the signature covers.
     *
     * @return SHA-256 of the stream's bytes
     */
    public Bytes sha256() {
        return sha256;
    }

    /**
     * Returns the exact bytes the sender signed (see docs/PROTOCOL.md, "Streams").
     *
     * @return the signed data: session id, direction, stream number and {@link #sha256()}
     */
    public Bytes signedData() {
        return signedData;
    }

    /**
     * Returns the sender's signature.
     *
     * @return the DER-encoded DSA signature over {@link #signedData()}
     */
    public Bytes signature() {
        return signature;
    }

    /**
     * Returns who signed the stream.
     *
     * @return the peer
     */
    public PeerIdentity signer() {
        return signer;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifiedStream s
                && sequence == s.sequence
                && length == s.length
                && sessionId.equals(s.sessionId)
                && direction == s.direction
                && name.equals(s.name)
                && sha256.equals(s.sha256)
                && signedData.equals(s.signedData)
                && signature.equals(s.signature)
                && signer.equals(s.signer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sessionId, direction, sequence, name, length, sha256, signedData, signature, signer);
    }

    @Override
    public String toString() {
        return "VerifiedStream[" + direction + " #" + sequence + ", " + length + " bytes, sha256="
                + sha256.abbreviated(4) + ", signer=" + signer.fingerprint() + "]";
    }
}
