package dev.marcom.session;

import dev.marcom.AuthenticationException;
import dev.marcom.Bytes;
import dev.marcom.Direction;
import dev.marcom.MalformedInputException;
import dev.marcom.MarcomException;
import dev.marcom.SessionClosedException;
import dev.marcom.identity.PeerIdentity;
import dev.marcom.internal.crypto.Sha256;
import dev.marcom.internal.crypto.SignatureScheme;
import dev.marcom.internal.crypto.SignatureSchemes;
import dev.marcom.internal.record.RecordCipher;
import dev.marcom.internal.record.RecordType;
import dev.marcom.internal.session.MessageSignatures;
import dev.marcom.internal.trace.Tracer;
import dev.marcom.internal.wire.WireReader;
import dev.marcom.trace.DigestSubject;
import dev.marcom.trace.Phase;
import dev.marcom.trace.SignatureSubject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The receiving half of a {@link Session}: opens the peer's records in order, reassembles
 * fragmented messages, follows the peer's streams, and returns a message or a stream only after
 * its signature verified. It shares with the sending half only the {@link Conversation} and the
 * session's failure. Every method runs under the half's own lock (its monitor).
 */
final class ReceivingHalf {
    private final Session session;
    private final SessionConfig config;
    private final Tracer tracer;
    private final PeerIdentity peer;
    private final SignatureScheme scheme;
    private final Phase signaturePhase;
    private final byte[] peerSigner;
    /** The session id, shared with the sending half; never modified. */
    private final byte[] sessionId;

    private final Bytes sessionIdBytes;
    private final Direction direction;
    private final Conversation conversation;
    private final RecordCipher cipher;

    private long receivedMessages;
    /** The peer's chain head after its last verified message; never modified, only replaced. */
    private byte[] receivedHead;
    /** The most of this side's messages the peer has said it had seen. */
    private long peerSeen;

    private byte[] partial;
    private int partialLength;
    private boolean peerClosed;
    private MessageDigest stream;
    private long streamSequence;
    private long receivedStreams;
    private String streamName;
    private long streamAnnounced;
    private long streamLength;

    ReceivingHalf(
            Session session,
            SessionConfig config,
            Tracer tracer,
            PeerIdentity peer,
            Bytes sessionIdBytes,
            byte[] sessionId,
            Direction direction,
            Conversation conversation,
            RecordCipher cipher) {
        this.session = session;
        this.config = config;
        this.tracer = tracer;
        this.peer = peer;
        this.scheme = SignatureSchemes.of(peer.algorithm());
        this.signaturePhase = Phase.of(peer.algorithm());
        this.peerSigner = peer.fingerprint().sha256().toByteArray();
        this.sessionId = sessionId;
        this.sessionIdBytes = sessionIdBytes;
        this.direction = direction;
        this.conversation = conversation;
        this.cipher = cipher;
        // The empty head the conversation starts with: the same never-modified array, not a copy.
        this.receivedHead = conversation.seen().head();
    }

    /** See {@link Session#open}. */
    synchronized Inbound open(byte[] frame) throws MarcomException {
        session.checkNotFailed();
        if (peerClosed) {
            throw new SessionClosedException("peer already closed the session");
        }
        try {
            return openRecord(frame);
        } catch (MarcomException e) {
            session.fail(Tracer.primitiveOf(e), e); // does nothing if the failing step already failed
            throw e;
        }
    }

    synchronized boolean isPeerClosed() {
        return peerClosed;
    }

    synchronized boolean holdsKeys() {
        return cipher.holdsKeys();
    }

    /** Erases the keys and drops what was being received. */
    synchronized void erase() {
        cipher.erase();
        partial = null;
        stream = null;
    }

    private Inbound openRecord(byte[] frame) throws MarcomException {
        byte[] inner;
        try {
            inner = cipher.open(frame); // reports the record (AeadRecord) to the trace
        } catch (AuthenticationException e) {
            throw session.fail(Phase.AES_GCM, e);
        }
        RecordType type = RecordType.of(inner[0] & 0xff);
        if (type == null) {
            throw new MalformedInputException("unknown record type " + (inner[0] & 0xff));
        }
        switch (type) {
            case KEY_UPDATE -> {
                // Allowed between any two records, including inside a fragmented message or a stream.
                requireEmpty(inner, type);
                cipher.update(); // the record layer reports the new generation (KeyUpdated)
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
                cipher.erase();
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
                return beginStream(inner);
            }
            case STREAM_CHUNK -> {
                requireStream(type);
                int n = inner.length - 1;
                if (streamAnnounced >= 0 && streamLength + n > streamAnnounced) {
                    throw new MalformedInputException("stream longer than announced");
                }
                stream.update(inner, 1, n);
                streamLength += n;
                return new Inbound.UnverifiedStreamChunk(
                        ByteBuffer.wrap(inner, 1, n).slice());
            }
            case STREAM_END -> {
                requireStream(type);
                return new Inbound.StreamEnd(finishStream(inner));
            }
            default -> throw new MalformedInputException("record type " + type + " is not supported");
        }
    }

    private Inbound beginStream(byte[] inner) throws MalformedInputException {
        WireReader r = new WireReader(inner, 1, inner.length - 1);
        byte[] name = r.vec16(SendingHalf.MAX_STREAM_NAME_BYTES, "stream name");
        long announced = r.u64("stream length");
        r.end("STREAM_BEGIN");
        if (announced < -1) {
            throw new MalformedInputException("negative stream length");
        }
        stream = Sha256.newDigest();
        streamSequence = receivedStreams + 1;
        streamName = new String(name, StandardCharsets.UTF_8);
        streamAnnounced = announced;
        streamLength = 0;
        return new Inbound.StreamStart(streamSequence, streamName, announced);
    }

    private VerifiedStream finishStream(byte[] inner) throws MarcomException {
        WireReader r = new WireReader(inner, 1, inner.length - 1);
        long peerHad = r.u64("seen");
        byte[] signature = r.vec16(scheme.maxSignatureBytes(), "stream signature");
        r.end("STREAM_END");
        if (streamAnnounced >= 0 && streamLength != streamAnnounced) {
            throw new MalformedInputException("stream shorter than announced");
        }
        byte[] hash = stream.digest();
        long seq = streamSequence;
        byte[] signedData = MessageSignatures.stream(
                peerSigner,
                sessionId,
                direction.code(),
                seq,
                receivedMessages,
                receivedHead,
                peerHad,
                seenHead(peerHad),
                hash);
        tracer.digest(DigestSubject.STREAM, seq, streamLength, hash);
        verifyPeer(SignatureSubject.STREAM, seq, signedData, signature, "stream signature did not verify");
        VerifiedStream done = new VerifiedStream(
                sessionIdBytes,
                direction,
                seq,
                streamName,
                streamLength,
                Bytes.of(hash),
                Bytes.of(signedData),
                Bytes.of(signature),
                peer);
        stream = null;
        receivedStreams = seq;
        acknowledged(peerHad);
        return done;
    }

    private VerifiedMessage finishMessage(byte[] inner) throws MarcomException {
        WireReader r = new WireReader(inner, 1, inner.length - 1);
        long peerHad = r.u64("seen");
        byte[] signature = r.vec16(scheme.maxSignatureBytes(), "message signature");
        int start = r.position();
        int len = inner.length - start;
        // A message of one record is read where the record layer decrypted it (no copy); a
        // fragmented one from the buffer its parts were appended to.
        byte[] array;
        int offset;
        if (partial == null) {
            checkSize(len);
            array = inner;
            offset = start;
        } else {
            append(inner, start, len);
            // The buffer grows by doubling: trimmed, so a kept message holds no unused half.
            array = partialLength == partial.length ? partial : Arrays.copyOf(partial, partialLength);
            offset = 0;
            len = partialLength;
            partial = null;
            partialLength = 0;
        }
        long seq = receivedMessages + 1;
        MessageDigest digest = Sha256.newDigest();
        digest.update(array, offset, len);
        byte[] hash = digest.digest();
        byte[] signedData = MessageSignatures.message(
                peerSigner, sessionId, direction.code(), seq, receivedHead, peerHad, seenHead(peerHad), hash);
        tracer.digest(DigestSubject.MESSAGE, seq, len, hash);
        verifyPeer(SignatureSubject.MESSAGE, seq, signedData, signature, "message signature did not verify");
        receivedMessages = seq;
        receivedHead = MessageSignatures.head(signedData);
        conversation.received(seq, receivedHead);
        acknowledged(peerHad);
        return new VerifiedMessage(
                sessionIdBytes,
                direction,
                seq,
                array,
                offset,
                len,
                Bytes.of(hash),
                Bytes.of(signedData),
                Bytes.of(signature),
                peer);
    }

    /** Verifies the peer's signature over {@code signedData}; a failure is its algorithm's. */
    private void verifyPeer(SignatureSubject subject, long seq, byte[] signedData, byte[] signature, String failure)
            throws AuthenticationException {
        try {
            scheme.verify(peer.publicKey(), signedData, signature, failure);
        } catch (AuthenticationException e) {
            throw session.fail(signaturePhase, e);
        }
        tracer.signatureVerified(subject, seq, peer.fingerprint(), peer.algorithm(), signature);
    }

    /**
     * The head of this side's chain after the {@code peerHad} messages the peer says it had
     * received when it signed: it cannot have seen fewer than it said before, nor more than this
     * side sent. A false claim fails the signature check: the claim is signed data.
     */
    private byte[] seenHead(long peerHad) throws MarcomException {
        if (peerHad < peerSeen) {
            throw session.fail(
                    signaturePhase,
                    new AuthenticationException(
                            "the peer's signature claims" + " fewer of this side's messages than an earlier one"));
        }
        try {
            return conversation.sentHeadAt(peerHad);
        } catch (AuthenticationException e) {
            throw session.fail(signaturePhase, e);
        }
    }

    /** After a verified signature: the peer had seen {@code peerHad} of this side's messages. */
    private void acknowledged(long peerHad) {
        peerSeen = peerHad;
        conversation.acknowledged(peerHad);
    }

    private void checkSize(long total) throws MalformedInputException {
        if (total > config.maxMessageBytes()) {
            throw new MalformedInputException("message exceeds maxMessageBytes " + config.maxMessageBytes());
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

    private void requireNoStream(RecordType type) throws MalformedInputException {
        if (stream != null) {
            throw new MalformedInputException(type + " in the middle of a stream");
        }
    }

    private void requireStream(RecordType type) throws MalformedInputException {
        if (stream == null) {
            throw new MalformedInputException(type + " outside a stream");
        }
    }
}
