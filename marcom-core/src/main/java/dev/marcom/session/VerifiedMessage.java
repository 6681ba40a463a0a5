package dev.marcom.session;

import dev.marcom.Bytes;
import dev.marcom.Direction;
import dev.marcom.identity.PeerIdentity;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A signed message of a session. Received ones come only from {@link Session#open}, after the
 * record authenticated, the sequence number was the next expected one and the DSA signature
 * verified against {@link #signer()}, so holding one means all checks passed. This side's own
 * sent messages come from {@link Session#sealMessage} (then {@link #signer()} is this side).
 *
 * <p>{@link #signedData()} and {@link #signature()} are exactly what the sender signed: anyone can
 * re-check them with the signer's public key ({@link OfflineVerifier#verify(VerifiedMessage)}, or
 * {@code openssl dgst -sha256 -verify}). The signed data also names the signer's key and commits
 * to the conversation so far: the sender's previous message in this direction and how many of
 * the other direction's messages the sender had received when it signed (docs/PROTOCOL.md §6.1).
 */
public final class VerifiedMessage {
    private final Bytes sessionId;
    private final Direction direction;
    private final long sequence;
    /** The plaintext is {@code length} bytes of this array from {@code offset}; nothing else reads it. */
    private final byte[] plaintext;

    private final int offset;
    private final int length;
    private final Bytes sha256;
    private final Bytes signedData;
    private final Bytes signature;
    private final PeerIdentity signer;

    /** For the library: takes ownership of {@code plaintext}. */
    VerifiedMessage(
            Bytes sessionId,
            Direction direction,
            long sequence,
            byte[] plaintext,
            Bytes sha256,
            Bytes signedData,
            Bytes signature,
            PeerIdentity signer) {
        this(sessionId, direction, sequence, plaintext, 0, plaintext.length, sha256, signedData, signature, signer);
    }

    /**
     * For the library: takes ownership of {@code array}, whose {@code length} bytes from {@code
     * offset} are the plaintext (a received record's array, read in place instead of copied out).
     */
    VerifiedMessage(
            Bytes sessionId,
            Direction direction,
            long sequence,
            byte[] array,
            int offset,
            int length,
            Bytes sha256,
            Bytes signedData,
            Bytes signature,
            PeerIdentity signer) {
        Objects.checkFromIndexSize(offset, length, array.length);
        this.sessionId = sessionId;
        this.direction = direction;
        this.sequence = sequence;
        this.plaintext = array;
        this.offset = offset;
        this.length = length;
        this.sha256 = sha256;
        this.signedData = signedData;
        this.signature = signature;
        this.signer = signer;
    }

    /**
     * Returns the identifier of the session the message belongs to.
     *
     * @return the session id, which is part of the signed data
     */
    public Bytes sessionId() {
        return sessionId;
    }

    /**
     * Returns which way the message travelled.
     *
     * @return the direction, which is part of the signed data
     */
    public Direction direction() {
        return direction;
    }

    /**
     * Returns the message's number in its direction.
     *
     * @return 1 for the first message, counting up without gaps
     */
    public long sequence() {
        return sequence;
    }

    /**
     * Returns the message's bytes.
     *
     * @return a fresh copy of the plaintext, which the caller may change
     */
    public byte[] plaintext() {
        return Arrays.copyOfRange(plaintext, offset, offset + length);
    }

    /**
     * Returns the message's bytes without copying them.
     *
     * @return a read-only view of the plaintext, positioned at 0
     */
    public ByteBuffer plaintextBuffer() {
        return ByteBuffer.wrap(plaintext, offset, length).slice().asReadOnlyBuffer();
    }

    /**
     * Returns the length of the message.
     *
     * @return the number of plaintext bytes, possibly 0
     */
    public int length() {
        return length;
    }

    /**
     * Returns the message as text.
     *
     * @return the plaintext decoded as UTF-8, with malformed sequences replaced by U+FFFD
     */
    public String text() {
        return new String(plaintext, offset, length, StandardCharsets.UTF_8);
    }

    /**
     * Returns the digest of the message that the signature covers.
     *
     * @return SHA-256 of the plaintext
     */
    public Bytes sha256() {
        return sha256;
    }

    /**
     * Returns the exact bytes the sender signed (see docs/PROTOCOL.md, "Message signatures").
     *
     * @return the signed data: the signer's key hash, session id, direction, sequence number, the
     *     chain of the sender's earlier messages, what it had seen of the other direction, and
     *     {@link #sha256()}
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
     * Returns who signed the message.
     *
     * @return the peer for received messages, this side's public identity for sent ones
     */
    public PeerIdentity signer() {
        return signer;
    }

    @Override
    public String toString() {
        return "VerifiedMessage[" + direction + " #" + sequence + ", " + length + " bytes, sha256="
                + sha256.abbreviated(4) + ", signer=" + signer.fingerprint() + "]";
    }
}
