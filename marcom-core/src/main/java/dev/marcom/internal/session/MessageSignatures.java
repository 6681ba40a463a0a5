package dev.marcom.internal.session;

import dev.marcom.Bytes;
import dev.marcom.MalformedInputException;
import dev.marcom.internal.crypto.Sha256;
import dev.marcom.internal.wire.WireReader;
import dev.marcom.internal.wire.WireWriter;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a sender signs for each message and each stream (docs/PROTOCOL.md §6.1, §6.2).
 * DSA-SHA256 signs SHA-256 of these bytes, so any standard verifier checks them given the bytes.
 *
 * <p>A message's signed data names its signer (SHA-256 of its SubjectPublicKeyInfo, so the
 * signature can be attributed to no other key, not even one made for it), the session, the
 * direction and the position, the hash of its sender's previous message's signed data (so each
 * direction is a hash chain), how many of the other direction's messages the sender had received
 * and verified when it signed, with the hash of the last of those (so both directions fit
 * together), and SHA-256 of the plaintext. The <em>head</em> of a direction after message n is
 * SHA-256 of message n's signed data (32 zero bytes before the first); it is exactly the digest
 * DSA signs.
 *
 * <p>A stream's signed data names the same signer, session and direction, its own number, the
 * sender's message chain (count and head) and what it had received of the other direction, and
 * SHA-256 of the stream's bytes. Streams are anchored to the message chains but are not links in
 * them: no message commits to a stream.
 */
public final class MessageSignatures {
    /** The label that starts every message's signed data, NUL included. */
    public static final byte[] MESSAGE_LABEL = "MARCOM v1, chained message\0".getBytes(StandardCharsets.US_ASCII);
    /** The label that starts every stream's signed data, NUL included. */
    public static final byte[] STREAM_LABEL = "MARCOM v1, anchored stream\0".getBytes(StandardCharsets.US_ASCII);
    /** The length of a message's signed data. */
    public static final int MESSAGE_BYTES = MESSAGE_LABEL.length + 32 + 32 + 1 + 8 + 32 + 8 + 32 + 32;
    /** The length of a stream's signed data. */
    public static final int STREAM_BYTES = STREAM_LABEL.length + 32 + 32 + 1 + 8 + 8 + 32 + 8 + 32 + 32;

    private static final byte[] NO_HEAD = new byte[Sha256.LENGTH];

    private MessageSignatures() {}

    /** The head of a chain that has no message yet: 32 zero bytes. */
    public static byte[] emptyHead() {
        return NO_HEAD.clone();
    }

    /** The head of a chain whose last message has {@code signedData}: its SHA-256. */
    public static byte[] head(byte[] signedData) {
        return Sha256.hash(signedData);
    }

    /**
     * A message's signed data.
     *
     * @param signer SHA-256 of the signer's SubjectPublicKeyInfo (its fingerprint's bytes)
     * @param sessionId the session id
     * @param direction the direction's code
     * @param sequence the message's number in its direction, from 1
     * @param previous the head of this direction before this message
     * @param seen how many of the other direction's messages the sender had received and verified
     * @param seenHead the other direction's head after message {@code seen}
     * @param sha256 SHA-256 of the plaintext
     */
    public static byte[] message(
            byte[] signer,
            byte[] sessionId,
            int direction,
            long sequence,
            byte[] previous,
            long seen,
            byte[] seenHead,
            byte[] sha256) {
        return new WireWriter()
                .bytes(MESSAGE_LABEL)
                .bytes(signer)
                .bytes(sessionId)
                .u8(direction)
                .u64(sequence)
                .bytes(previous)
                .u64(seen)
                .bytes(seenHead)
                .bytes(sha256)
                .toByteArray();
    }

    /**
     * A stream's signed data.
     *
     * @param signer SHA-256 of the signer's SubjectPublicKeyInfo
     * @param sessionId the session id
     * @param direction the direction's code
     * @param sequence the stream's number in its direction, from 1
     * @param sent how many messages the sender had sent in this direction
     * @param sentHead the head of this direction after message {@code sent}
     * @param seen how many of the other direction's messages the sender had received and verified
     * @param seenHead the other direction's head after message {@code seen}
     * @param sha256 SHA-256 of all the stream's bytes
     */
    public static byte[] stream(
            byte[] signer,
            byte[] sessionId,
            int direction,
            long sequence,
            long sent,
            byte[] sentHead,
            long seen,
            byte[] seenHead,
            byte[] sha256) {
        return new WireWriter()
                .bytes(STREAM_LABEL)
                .bytes(signer)
                .bytes(sessionId)
                .u8(direction)
                .u64(sequence)
                .u64(sent)
                .bytes(sentHead)
                .u64(seen)
                .bytes(seenHead)
                .bytes(sha256)
                .toByteArray();
    }

    /**
     * The fields of a message's signed data.
     *
     * @param signer SHA-256 of the signer's SubjectPublicKeyInfo
     * @param sessionId the session id
     * @param direction the direction's code (not checked to be 1 or 2)
     * @param sequence the message's number in its direction
     * @param previous the head of the direction before this message
     * @param seen how many of the other direction's messages the sender had received (unsigned)
     * @param seenHead the other direction's head after message {@code seen}
     * @param sha256 SHA-256 of the plaintext
     */
    public record Message(
            Bytes signer,
            Bytes sessionId,
            int direction,
            long sequence,
            Bytes previous,
            long seen,
            Bytes seenHead,
            Bytes sha256) {}

    /**
     * The fields of a stream's signed data.
     *
     * @param signer SHA-256 of the signer's SubjectPublicKeyInfo
     * @param sessionId the session id
     * @param direction the direction's code (not checked to be 1 or 2)
     * @param sequence the stream's number in its direction
     * @param sent how many messages the sender had sent in this direction (unsigned)
     * @param sentHead the head of this direction after message {@code sent}
     * @param seen how many of the other direction's messages the sender had received (unsigned)
     * @param seenHead the other direction's head after message {@code seen}
     * @param sha256 SHA-256 of the stream's bytes
     */
    public record Stream(
            Bytes signer,
            Bytes sessionId,
            int direction,
            long sequence,
            long sent,
            Bytes sentHead,
            long seen,
            Bytes seenHead,
            Bytes sha256) {}

    /**
     * Parses a message's signed data.
     *
     * @throws MalformedInputException if it is not exactly a message's signed data
     */
    public static Message parseMessage(byte[] signedData) throws MalformedInputException {
        WireReader r = reader(signedData, MESSAGE_LABEL, MESSAGE_BYTES, "message");
        Message m = new Message(
                Bytes.of(r.bytes(32, "signer")),
                Bytes.of(r.bytes(32, "session id")),
                r.u8("direction"),
                r.u64("sequence"),
                Bytes.of(r.bytes(32, "previous head")),
                r.u64("seen"),
                Bytes.of(r.bytes(32, "seen head")),
                Bytes.of(r.bytes(32, "sha256")));
        r.end("message signed data");
        return m;
    }

    /**
     * Parses a stream's signed data.
     *
     * @throws MalformedInputException if it is not exactly a stream's signed data
     */
    public static Stream parseStream(byte[] signedData) throws MalformedInputException {
        WireReader r = reader(signedData, STREAM_LABEL, STREAM_BYTES, "stream");
        Stream s = new Stream(
                Bytes.of(r.bytes(32, "signer")),
                Bytes.of(r.bytes(32, "session id")),
                r.u8("direction"),
                r.u64("sequence"),
                r.u64("sent"),
                Bytes.of(r.bytes(32, "sent head")),
                r.u64("seen"),
                Bytes.of(r.bytes(32, "seen head")),
                Bytes.of(r.bytes(32, "sha256")));
        r.end("stream signed data");
        return s;
    }

    private static WireReader reader(byte[] signedData, byte[] label, int length, String what)
            throws MalformedInputException {
        if (signedData.length != length
                || !java.util.Arrays.equals(signedData, 0, label.length, label, 0, label.length)) {
            throw new MalformedInputException("not MARCOM " + what + " signed data");
        }
        return new WireReader(signedData, label.length, signedData.length - label.length);
    }
}
