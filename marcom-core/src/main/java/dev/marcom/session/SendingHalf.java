package dev.marcom.session;

import dev.marcom.Bytes;
import dev.marcom.Direction;
import dev.marcom.SessionClosedException;
import dev.marcom.identity.Identity;
import dev.marcom.internal.crypto.Sha256;
import dev.marcom.internal.crypto.SignatureScheme;
import dev.marcom.internal.crypto.SignatureSchemes;
import dev.marcom.internal.record.RecordCipher;
import dev.marcom.internal.record.RecordType;
import dev.marcom.internal.session.MessageSignatures;
import dev.marcom.internal.trace.Tracer;
import dev.marcom.internal.wire.WireWriter;
import dev.marcom.trace.DigestSubject;
import dev.marcom.trace.SignatureSubject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The sending half of a {@link Session}: signs messages and streams, cuts them into records,
 * inserts key updates when the record limit is reached, and seals keep-alives and close_notify.
 * It shares with the receiving half only the {@link Conversation} and the session's failure.
 * Every method runs under the half's own lock (its monitor).
 */
final class SendingHalf {
    static final int MAX_STREAM_NAME_BYTES = 1024;
    private static final byte[] NONE = new byte[0];

    private final Session session;
    private final SessionConfig config;
    private final Tracer tracer;
    private final Identity local;
    private final SignatureScheme scheme;
    private final byte[] localSigner;
    /** The session id, shared with the receiving half; never modified. */
    private final byte[] sessionId;

    private final Bytes sessionIdBytes;
    private final Direction direction;
    private final Conversation conversation;
    private final RecordCipher cipher;

    private long sentMessages;
    private boolean closed;
    private MessageDigest stream;
    private long streamSequence;
    private String streamName;
    private long streamLength;
    private long sentStreams;

    SendingHalf(
            Session session,
            SessionConfig config,
            Tracer tracer,
            Bytes sessionIdBytes,
            byte[] sessionId,
            Direction direction,
            Conversation conversation,
            RecordCipher cipher) {
        this.session = session;
        this.config = config;
        this.tracer = tracer;
        this.local = config.identity();
        this.scheme = SignatureSchemes.of(local.algorithm());
        this.localSigner = local.fingerprint().sha256().toByteArray();
        this.sessionId = sessionId;
        this.sessionIdBytes = sessionIdBytes;
        this.direction = direction;
        this.conversation = conversation;
        this.cipher = cipher;
    }

    /** See {@link Session#sealMessage}. */
    synchronized Session.Sealed seal(byte[] plaintext) throws SessionClosedException {
        checkCanSend();
        if (stream != null) {
            throw new IllegalStateException("a stream is being sent; call endStream() first");
        }
        long seq = sentMessages + 1;
        byte[] hash = Sha256.hash(plaintext);
        Conversation.Seen had = conversation.seen();
        byte[] signedData = MessageSignatures.message(
                localSigner,
                sessionId,
                direction.code(),
                seq,
                conversation.lastSentHead(),
                had.count(),
                had.head(),
                hash);
        byte[] signature = scheme.sign(local.privateKey(), signedData);
        tracer.digest(DigestSubject.MESSAGE, seq, plaintext.length, hash);
        tracer.signatureCreated(SignatureSubject.MESSAGE, seq, local.fingerprint(), local.algorithm(), signature);
        byte[] finalPrefix = new WireWriter().u64(had.count()).vec16(signature).toByteArray();

        int max = config.recordContentBytes();
        // Full MESSAGE_PART records of max bytes; if what remains fits a record only without the
        // signature prefix, one shorter part carries it and the final record holds just the prefix.
        int parts = plaintext.length / max;
        int rest = plaintext.length - parts * max;
        int tail = rest + finalPrefix.length > max ? rest : 0;
        rest -= tail;
        int records = parts + (tail > 0 ? 1 : 0) + 1;
        long total = (long) parts * cipher.sealedSize(max)
                + (tail > 0 ? cipher.sealedSize(tail) : 0)
                + cipher.sealedSize(finalPrefix.length + rest)
                + keyUpdatesBefore(records) * cipher.sealedSize(0);
        byte[] out = new byte[Math.toIntExact(total)];
        int pos = 0;
        int offset = 0;
        for (int i = 0; i < parts; i++) {
            pos = seal(RecordType.MESSAGE_PART, NONE, plaintext, offset, max, out, pos);
            offset += max;
        }
        if (tail > 0) {
            pos = seal(RecordType.MESSAGE_PART, NONE, plaintext, offset, tail, out, pos);
            offset += tail;
        }
        pos = seal(RecordType.MESSAGE_FINAL, finalPrefix, plaintext, offset, rest, out, pos);
        if (pos != out.length) {
            throw new IllegalStateException("record size accounting error");
        }
        conversation.sent(MessageSignatures.head(signedData));
        sentMessages = seq;
        VerifiedMessage sent = new VerifiedMessage(
                sessionIdBytes,
                direction,
                seq,
                plaintext.clone(),
                Bytes.of(hash),
                Bytes.of(signedData),
                Bytes.of(signature),
                local.publicIdentity());
        return new Session.Sealed(out, sent);
    }

    /** See {@link Session#beginStream}. */
    synchronized byte[] beginStream(String name, long announcedLength) throws SessionClosedException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > MAX_STREAM_NAME_BYTES || announcedLength < -1) {
            throw new IllegalArgumentException("stream name over 1024 bytes or negative length");
        }
        checkCanSend();
        if (stream != null) {
            throw new IllegalStateException("a stream is already being sent");
        }
        byte[] content = new WireWriter().vec16(nameBytes).u64(announcedLength).toByteArray();
        byte[] out = sealOne(RecordType.STREAM_BEGIN, content);
        stream = Sha256.newDigest();
        streamSequence = sentStreams + 1;
        streamName = name;
        streamLength = 0;
        return out;
    }

    /** See {@link Session#sealStreamChunk}. */
    synchronized byte[] sealStreamChunk(byte[] data, int offset, int length) throws SessionClosedException {
        Objects.checkFromIndexSize(offset, length, data.length);
        checkCanSend();
        if (stream == null) {
            throw new IllegalStateException("no stream was begun");
        }
        int max = config.recordContentBytes();
        int records = Math.max(1, (length + max - 1) / max);
        int full = length / max;
        int last = length - full * max;
        long total = (long) full * cipher.sealedSize(max)
                + (records > full ? cipher.sealedSize(last) : 0)
                + keyUpdatesBefore(records) * cipher.sealedSize(0);
        byte[] out = new byte[Math.toIntExact(total)];
        int pos = 0;
        int done = 0;
        do {
            int n = Math.min(max, length - done);
            pos = seal(RecordType.STREAM_CHUNK, NONE, data, offset + done, n, out, pos);
            done += n;
        } while (done < length);
        if (pos != out.length) {
            throw new IllegalStateException("record size accounting error");
        }
        stream.update(data, offset, length);
        streamLength += length;
        return out;
    }

    /** See {@link Session#endStream}. */
    synchronized Session.EndedStream endStream() throws SessionClosedException {
        checkCanSend();
        if (stream == null) {
            throw new IllegalStateException("no stream was begun");
        }
        byte[] hash = stream.digest();
        long seq = streamSequence;
        Conversation.Seen had = conversation.seen();
        byte[] signedData = MessageSignatures.stream(
                localSigner,
                sessionId,
                direction.code(),
                seq,
                sentMessages,
                conversation.lastSentHead(),
                had.count(),
                had.head(),
                hash);
        byte[] signature = scheme.sign(local.privateKey(), signedData);
        tracer.digest(DigestSubject.STREAM, seq, streamLength, hash);
        tracer.signatureCreated(SignatureSubject.STREAM, seq, local.fingerprint(), local.algorithm(), signature);
        byte[] content = new WireWriter().u64(had.count()).vec16(signature).toByteArray();
        byte[] out = sealOne(RecordType.STREAM_END, content);
        VerifiedStream sent = new VerifiedStream(
                sessionIdBytes,
                direction,
                seq,
                streamName,
                streamLength,
                Bytes.of(hash),
                Bytes.of(signedData),
                Bytes.of(signature),
                local.publicIdentity());
        stream = null;
        sentStreams = seq;
        return new Session.EndedStream(out, sent);
    }

    /** See {@link Session#close}. */
    synchronized byte[] close() throws SessionClosedException {
        checkCanSend();
        stream = null;
        byte[] out = new byte[cipher.sealedSize(0)];
        cipher.seal(RecordType.CLOSE_NOTIFY, NONE, NONE, 0, 0, out, 0);
        closed = true;
        cipher.erase();
        tracer.closeNotify(true);
        return out;
    }

    /** A PING or PONG record. */
    synchronized byte[] keepAlive(RecordType type) throws SessionClosedException {
        checkCanSend();
        byte[] out = sealOne(type, NONE);
        tracer.keepAlive(true, type == RecordType.PING);
        return out;
    }

    synchronized boolean holdsKeys() {
        return cipher.holdsKeys();
    }

    synchronized void erase() {
        cipher.erase();
    }

    private void checkCanSend() throws SessionClosedException {
        session.checkNotFailed();
        if (closed) {
            throw new SessionClosedException("session was closed by this side");
        }
    }

    /** One record of {@code content}, preceded by a key update when one is due. */
    private byte[] sealOne(RecordType type, byte[] content) {
        byte[] out = new byte
                [Math.toIntExact(cipher.sealedSize(content.length) + keyUpdatesBefore(1) * cipher.sealedSize(0))];
        seal(type, NONE, content, 0, content.length, out, 0);
        return out;
    }

    /**
     * How many key updates sealing {@code records} more records takes: one before the first record
     * if the current key has sealed its limit already, and one after every further limit's worth.
     * The same rule as {@link #seal(RecordType, byte[], byte[], int, int, byte[], int)} applies,
     * in closed form, so a buffer is sized exactly before anything is sealed.
     */
    private long keyUpdatesBefore(int records) {
        long limit = config.keyUpdateAfterRecords();
        long untilFirst = Math.max(0, limit - cipher.sequence());
        return records > untilFirst ? 1 + (records - untilFirst - 1) / limit : 0;
    }

    /** Seals one record at {@code pos}, after a key update if one is due; returns the new end. */
    private int seal(RecordType type, byte[] prefix, byte[] content, int off, int len, byte[] out, int pos) {
        if (cipher.sequence() >= config.keyUpdateAfterRecords()) {
            pos += cipher.seal(RecordType.KEY_UPDATE, NONE, NONE, 0, 0, out, pos);
            cipher.update(); // the record layer reports the new generation (KeyUpdated)
        }
        // The record layer reports each record (AeadRecord) to the trace.
        return pos + cipher.seal(type, prefix, content, off, len, out, pos);
    }
}
