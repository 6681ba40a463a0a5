package dev.marcom.transcript;

import dev.marcom.AuthenticationException;
import dev.marcom.Bytes;
import dev.marcom.Direction;
import dev.marcom.MalformedInputException;
import dev.marcom.identity.Identity;
import dev.marcom.internal.crypto.Sha256;
import dev.marcom.internal.crypto.SignatureSchemes;
import dev.marcom.internal.fs.SafeFiles;
import dev.marcom.internal.json.FlatJson;
import dev.marcom.internal.session.MessageSignatures;
import dev.marcom.session.OfflineVerifier;
import dev.marcom.session.Session;
import dev.marcom.session.VerifiedMessage;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Appends the signed messages of one or more sessions to a transcript file that anyone can check
 * offline with {@link TranscriptVerifier}: one JSON object per line, in the format described in
 * the {@linkplain dev.marcom.transcript package documentation}.
 *
 * <pre>{@code
 * try (TranscriptWriter transcript = TranscriptWriter.builder(path, identity).open()) {
 *   transcript.append(channel.send("hello"));              // what this side sent
 *   transcript.append(channel.receive().orElseThrow());    // what it received
 * }
 * }</pre>
 *
 * <p>Give it every message of a session in both directions, from its first: the verifier
 * requires each direction to start at sequence number 1 without gaps, and each message to come
 * after the messages of the other direction that its sender had seen when it signed. A message
 * appended before one it must follow (several threads sending and receiving at once) is held
 * back, up to 64 of them, until that one is appended. Streams are not recorded.
 *
 * <h2>Security guarantees</h2>
 * A line is written only for a {@link VerifiedMessage}, which exists only for a message that this
 * side sent or that passed every check on receipt; its signature is checked once more before the
 * line is written. Each line also carries the SHA-256 of the previous line and a DSA signature by
 * this writer's identity over the whole line, and {@link #close()} ends the file with a signed
 * end line that counts the messages. So the sender's signature covers what was said, by which
 * key, and after which messages of both directions; the writer's signature covers when it was
 * recorded (the {@code timestamp}, which is this writer's claim from its clock), the order of
 * lines and the end of the file: the verifier detects any change, deletion, insertion,
 * reordering or truncation by anyone without the writer's key. The writer itself, holding its
 * own key, can still end the file early or re-sign its own messages that the peer never
 * acknowledged: see {@link TranscriptVerifier} for exactly what a valid file proves.
 *
 * <h2>Durability and threads</h2>
 * Each line is written to the file as one write before {@code append} returns; with
 * {@link Builder#syncEachLine} it is also forced to the storage device. A crash can leave at most
 * the last line incomplete, and a file without its end line, which the verifier reports (see
 * {@link TranscriptVerifier.Builder#allowUnclosed}). All methods may be called from any thread.
 * After an I/O error the writer refuses further lines.
 */
public final class TranscriptWriter implements Closeable {
    private static final int MAX_HELD_BACK = 64;
    private static final long MAX_HELD_BACK_BYTES = 64L << 20;

    private final FileChannel file;
    private final Identity writer;
    private final String writerFingerprint;
    private final String writerKey;
    private final Clock clock;
    private final boolean syncEachLine;

    private final Object lock = new Object();
    private final Map<Key, Long> lastWritten = new HashMap<>();
    private final Map<Key, TreeMap<Long, Held>> heldBack = new HashMap<>();
    private int heldBackCount;
    private long heldBackBytes;
    private String prev = TranscriptFormat.GENESIS;
    private long messages;
    private boolean closed;
    private IOException failure;

    private record Key(Bytes session, Direction direction) {
        Key other() {
            return new Key(
                    session,
                    direction == Direction.CLIENT_TO_SERVER ? Direction.SERVER_TO_CLIENT : Direction.CLIENT_TO_SERVER);
        }
    }

    /** A message waiting to be written, and how many of the other direction's its sender had seen. */
    private record Held(VerifiedMessage message, long seen) {}

    private TranscriptWriter(FileChannel file, Builder b) {
        this.file = file;
        this.writer = b.writer;
        this.writerFingerprint = b.writer.fingerprint().toString();
        this.writerKey = b.writer.publicIdentity().subjectPublicKeyInfo().base64();
        this.clock = b.clock;
        this.syncEachLine = b.syncEachLine;
    }

    /**
     * Starts building a writer that creates {@code file} and signs each line with {@code writer}.
     *
     * @param file the transcript to create; it must not exist yet
     * @param writer the identity that signs each line, normally this side's session identity
     * @return a builder with the default clock and without syncing each line
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(Path file, Identity writer) {
        return new Builder(file, writer);
    }

    /** Options for a {@link TranscriptWriter}; the file and the writer's identity are required. */
    public static final class Builder {
        private final Path file;
        private final Identity writer;
        private Clock clock = Clock.systemUTC();
        private boolean syncEachLine;

        private Builder(Path file, Identity writer) {
            this.file = Objects.requireNonNull(file, "file");
            this.writer = Objects.requireNonNull(writer, "writer");
        }

        /**
         * Sets the clock for each line's {@code timestamp}.
         *
         * @param clock the clock; default {@link Clock#systemUTC()}
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets whether to force each line to the storage device before {@code append} returns
         * (slower; survives a power loss, not only a process crash).
         *
         * @param sync true to force each line to the device; default false
         * @return this builder
         */
        public Builder syncEachLine(boolean sync) {
            this.syncEachLine = sync;
            return this;
        }

        /**
         * Creates the file, readable and writable by its owner only (0600 on POSIX; on other file
         * systems it inherits its directory's permissions), and returns the writer.
         *
         * @return the writer, which the caller must {@link TranscriptWriter#close() close} to end the
         *     file with its signed end line
         * @throws java.nio.file.FileAlreadyExistsException if the file exists: a transcript is
         *     never appended to or overwritten
         * @throws IOException if it cannot be created
         */
        public TranscriptWriter open() throws IOException {
            // Owner-only (0600 on POSIX) from its creation, like a private key: it holds the plaintext
            // of every message.
            FileChannel ch = SafeFiles.createNew(file, SafeFiles.OWNER_ONLY_FILE);
            return new TranscriptWriter(ch, this);
        }
    }

    /**
     * Records one message, sent ({@link dev.marcom.transport.SecureChannel#send},
     * {@link Session#sealMessage}) or received ({@link dev.marcom.transport.SecureChannel#receive},
     * {@link Session#open}). Returns once its line, and the lines of any held-back messages it
     * unblocked, are written.
     *
     * @param message a message of the session, as {@code send} or {@code receive} returned it
     * @throws AuthenticationException if the message's signature does not verify (a library bug;
     *     nothing is written)
     * @throws IllegalArgumentException if this message was appended before
     * @throws IllegalStateException if the writer is closed, or too many messages are held back
     *     waiting for one they must follow that was never appended
     * @throws IOException if writing fails; the writer then refuses further lines
     */
    public void append(VerifiedMessage message) throws IOException, AuthenticationException {
        OfflineVerifier.verify(message);
        long seen;
        try {
            seen = MessageSignatures.parseMessage(message.signedData().toByteArray())
                    .seen();
        } catch (MalformedInputException e) {
            throw new AuthenticationException("not MARCOM message signed data", e); // verify() checked
        }
        Key key = new Key(message.sessionId(), message.direction());
        long seq = message.sequence();
        synchronized (lock) {
            checkWritable();
            long next = lastWritten.getOrDefault(key, 0L) + 1;
            TreeMap<Long, Held> waiting = heldBack.get(key);
            if (seq < next || (waiting != null && waiting.containsKey(seq))) {
                throw new IllegalArgumentException(TranscriptFormat.directionName(key.direction()) + " message #" + seq
                        + " of this session was already appended");
            }
            if (seq > next || !ready(key, seen)) {
                if (seq - next > MAX_HELD_BACK
                        || heldBackCount == MAX_HELD_BACK
                        || heldBackBytes + message.length() > MAX_HELD_BACK_BYTES) {
                    throw new IllegalStateException("message #" + seq + " cannot be held back any longer"
                            + " waiting for #" + next + " of its direction or #" + seen + " of the other:"
                            + " append every message of a session, in both directions, from its first");
                }
                heldBack.computeIfAbsent(key, k -> new TreeMap<>()).put(seq, new Held(message, seen));
                heldBackCount++;
                heldBackBytes += message.length();
                return;
            }
            write(message);
            lastWritten.put(key, seq);
            drain(message.sessionId());
        }
    }

    /**
     * Whether a message of {@code key}'s direction whose sender had seen {@code seen} messages of
     * the other direction may be written: only after those, so that every line follows the lines
     * its signature acknowledges (the verifier requires it).
     */
    private boolean ready(Key key, long seen) {
        return seen <= lastWritten.getOrDefault(key.other(), 0L);
    }

    /** Writes the held-back messages of {@code session} that became writable, in order. */
    private void drain(Bytes session) throws IOException {
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Direction d : Direction.values()) {
                Key key = new Key(session, d);
                TreeMap<Long, Held> waiting = heldBack.get(key);
                while (waiting != null && !waiting.isEmpty()) {
                    Map.Entry<Long, Held> first = waiting.firstEntry();
                    long next = lastWritten.getOrDefault(key, 0L) + 1;
                    if (first.getKey() != next || !ready(key, first.getValue().seen())) {
                        break;
                    }
                    waiting.pollFirstEntry();
                    heldBackCount--;
                    heldBackBytes -= first.getValue().message().length();
                    write(first.getValue().message());
                    lastWritten.put(key, next);
                    progress = true;
                }
                if (waiting != null && waiting.isEmpty()) {
                    heldBack.remove(key);
                }
            }
        }
    }

    private void write(VerifiedMessage m) throws IOException {
        byte[] plaintext = m.plaintext();
        String text = utf8OrNull(plaintext);
        byte[] line = messageLine(m, text, null);
        if (text != null && line.length >= TranscriptVerifier.DEFAULT_MAX_LINE_BYTES) {
            // Escaped text can take up to six bytes per payload byte; base64 takes 4/3.
            line = messageLine(m, null, Base64.getEncoder().encodeToString(plaintext));
        }
        writeLine(line);
        messages++;
    }

    private byte[] messageLine(VerifiedMessage m, String text, String base64) {
        if (text == null && base64 == null) {
            base64 = Base64.getEncoder().encodeToString(m.plaintext());
        }
        TranscriptFormat.MessageLine fields = new TranscriptFormat.MessageLine(
                m.sessionId().hex(),
                m.direction(),
                m.sequence(),
                seen(m),
                timestamp(),
                m.signer().fingerprint().toString(),
                m.sha256().hex(),
                text,
                base64,
                m.signer().subjectPublicKeyInfo().base64(),
                m.signedData().base64(),
                m.signature().base64(),
                prev,
                writerFingerprint,
                writerKey);
        return sign(TranscriptFormat.unsigned(fields));
    }

    private static long seen(VerifiedMessage m) {
        try {
            return MessageSignatures.parseMessage(m.signedData().toByteArray()).seen();
        } catch (MalformedInputException e) {
            throw new IllegalStateException("append() verified the signed data", e);
        }
    }

    private byte[] sign(FlatJson.ObjectWriter unsigned) {
        String json = unsigned.toJson();
        byte[] signature = SignatureSchemes.of(writer.algorithm())
                .sign(writer.privateKey(), TranscriptFormat.lineSignedData(json));
        String line = unsigned.string("writerSignature", Base64.getEncoder().encodeToString(signature))
                .toJson();
        return line.getBytes(StandardCharsets.UTF_8);
    }

    private String timestamp() {
        return DateTimeFormatter.ISO_INSTANT.format(clock.instant());
    }

    private void writeLine(byte[] line) throws IOException {
        ByteBuffer buf =
                ByteBuffer.allocate(line.length + 1).put(line).put((byte) '\n').flip();
        try {
            while (buf.hasRemaining()) {
                file.write(buf);
            }
            if (syncEachLine) {
                file.force(false);
            }
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        prev = HexFormat.of().formatHex(Sha256.hash(line));
    }

    private void checkWritable() throws IOException {
        if (closed) {
            throw new IllegalStateException("transcript writer is closed");
        }
        if (failure != null) {
            throw new IOException("transcript writer failed earlier: " + failure.getMessage(), failure);
        }
    }

    /** The plaintext as a string if it is well-formed UTF-8 (so it round-trips exactly), or null. */
    static String utf8OrNull(byte[] bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            String s = chars.toString();
            return Arrays.equals(s.getBytes(StandardCharsets.UTF_8), bytes) ? s : null;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Writes the signed end line, forces the file to the storage device and closes it. Idempotent.
     * Without the end line (a crash, or close never called) the verifier cannot tell whether lines
     * are missing at the end and rejects the file unless told to accept an unclosed one.
     *
     * @throws IllegalStateException after closing, if messages were still held back waiting for
     *     a message they must follow that was never appended (they are not in the transcript)
     * @throws IOException if writing or closing fails
     */
    @Override
    public void close() throws IOException {
        int lost;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            lost = heldBackCount;
            try {
                if (failure == null) {
                    writeLine(sign(TranscriptFormat.unsigned(
                            new TranscriptFormat.EndLine(messages, timestamp(), prev, writerFingerprint, writerKey))));
                    file.force(true);
                }
            } finally {
                heldBack.clear();
                file.close();
            }
        }
        if (lost > 0) {
            throw new IllegalStateException(lost + " message(s) were never written: they waited for"
                    + " an earlier message of their direction, or a message of the other direction their"
                    + " sender had seen, that was never appended");
        }
    }
}
