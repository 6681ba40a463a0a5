package dev.marcom.transcript;

import dev.marcom.AuthenticationException;
import dev.marcom.Bytes;
import dev.marcom.Direction;
import dev.marcom.MalformedInputException;
import dev.marcom.identity.PeerIdentity;
import dev.marcom.internal.crypto.Sha256;
import dev.marcom.internal.json.FlatJson;
import dev.marcom.internal.json.JsonSyntaxException;
import dev.marcom.internal.json.JsonValue;
import dev.marcom.internal.session.ChainHeads;
import dev.marcom.internal.session.MessageSignatures;
import dev.marcom.session.OfflineVerifier;
import dev.marcom.transcript.TranscriptException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies a transcript written by {@link TranscriptWriter}, offline and with nothing but the
 * file: every line must be well-formed and canonical, every signature must verify and every line
 * must follow from the ones before. It returns a {@link TranscriptSummary} only if all of that
 * holds, and otherwise throws a {@link TranscriptException} naming the first failing line.
 *
 * <p>For each message line it checks that
 * <ul>
 *   <li>the line is strict UTF-8, a flat JSON object with exactly the expected members, each of
 *       the right type and format, and byte for byte in the writer's canonical form;
 *   <li>{@code sender} is the fingerprint of {@code signer} and {@code writer} that of
 *       {@code writerKey}; {@code sha256} is the SHA-256 of the payload ({@code text} as UTF-8,
 *       or {@code base64} decoded);
 *   <li>{@code signedData} is MARCOM message signed data (docs/PROTOCOL.md §6.1) that names the
 *       key in {@code signer} and the line's {@code session}, {@code direction}, {@code seq},
 *       {@code seen} and {@code sha256};
 *   <li>in each session: sequence numbers of a direction start at 1 and increase by 1, one
 *       identity signs them all, and each message's signed data chains to the previous message of
 *       its direction in the file; {@code seen} never decreases within a direction, never exceeds
 *       the number of lines of the other direction before this one, and the signed data's hash of
 *       what was seen matches those lines; the writer is the same on every line and, once a
 *       session has messages in both directions, is one of its two signers;
 *   <li>{@code signature} is a valid DSA-SHA256 signature over {@code signedData} by
 *       {@code signer}, {@code writerSignature} one over the line by {@code writerKey}, and
 *       {@code prev} is the SHA-256 of the previous line (zeros for the first).
 * </ul>
 * The last line must be the writer's end line, counting the message lines. Lines of format
 * version 1, whose signatures bind neither their signer nor the conversation, are refused.
 *
 * <h2>Security guarantees</h2>
 * Against anyone without the writer's key, a successful verification proves that the file is
 * exactly as the writer signed it: any change to any field, and any deleted, inserted, repeated or
 * reordered line, fails. Against the writer itself, who can re-sign its own lines and messages, it
 * proves what the peer signed: that each message was signed by the key in its line (no other key,
 * not even one constructed for that signature, can be named); that the peer's messages are its
 * first ones in the session, in order, none missing; and that each of them had seen exactly the
 * writer's messages the file shows before it, so the writer cannot pair the peer's messages with
 * other ones, reorder around them, or drop or change any of its own messages the peer
 * acknowledged.
 *
 * <p><b>Warning:</b> it does not prove whose keys those are: compare the fingerprints in the
 * summary with the identities you expect. Nor that the conversation ended where the file ends:
 * the writer can omit the last messages that nothing it keeps acknowledges, and can rewrite its
 * own messages that the peer never acknowledged. Messages that crossed in flight have no order.
 * Streams are not recorded. Timestamps are the writer's claim. (docs/TRANSCRIPTS.md has the
 * details.)
 *
 * <p>Memory is bounded by a small multiple of the maximum line length, which is checked before a
 * line is buffered, plus per session the hashes of at most 65,536 unacknowledged messages per
 * direction (2 MiB); a line that acknowledges an older message fails, as its session would have.
 *
 * <h2>Size</h2>
 * About 520 code lines, above the house guideline of ~350: one streaming pass that checks every
 * member of every line, the line chain, each session's two message chains and what each message
 * says it had seen of the other direction. Each check is a few lines; what makes them a proof is
 * that they run in one order over one state, which this class keeps in one place.
 */
public final class TranscriptVerifier {
    /** The default, and the writer's target, maximum line length: 64 MiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

    private static final int MIN_LINE_BYTES = 1024;
    private static final int MAX_LINE_BYTES = 1 << 30;
    private static final int MAX_MEMBERS = 32;
    private static final int MAX_NAME_CHARS = 64;
    private static final int MAX_NUMBER_CHARS = 20;
    private static final int IDENTITY_CACHE = 64;

    private final int maxLineBytes;
    private final boolean allowUnclosed;
    private final FlatJson.Limits limits;

    private TranscriptVerifier(Builder b) {
        this.maxLineBytes = b.maxLineBytes;
        this.allowUnclosed = b.allowUnclosed;
        this.limits = new FlatJson.Limits(maxLineBytes, MAX_MEMBERS, MAX_NAME_CHARS, maxLineBytes, MAX_NUMBER_CHARS);
    }

    /**
     * Creates a verifier with the defaults: lines up to 64 MiB, the end line required.
     *
     * @return the verifier
     */
    public static TranscriptVerifier create() {
        return new Builder().build();
    }

    /**
     * Starts building a verifier with non-default limits.
     *
     * @return a builder holding the defaults of {@link #create()}
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Options for a {@link TranscriptVerifier}. */
    public static final class Builder {
        private int maxLineBytes = DEFAULT_MAX_LINE_BYTES;
        private boolean allowUnclosed;

        private Builder() {}

        /**
         * Sets the longest line accepted, in bytes without the newline. The writer keeps lines under
         * 64 MiB by writing large payloads as base64; only payloads over about 48 MiB make longer
         * lines.
         *
         * @param max the limit, from 1 KiB to 1 GiB; default 64 MiB
         * @return this builder
         * @throws IllegalArgumentException if {@code max} is outside that range
         */
        public Builder maxLineBytes(int max) {
            if (max < MIN_LINE_BYTES || max > MAX_LINE_BYTES) {
                throw new IllegalArgumentException("maxLineBytes must be in [1 KiB, 1 GiB]");
            }
            this.maxLineBytes = max;
            return this;
        }

        /**
         * Whether to accept a file without its end line, as a crash or a missing
         * {@link TranscriptWriter#close()} leaves it; then an incomplete last line without a newline
         * is ignored and {@link TranscriptSummary#closed()} is false.
         *
         * <p><b>Warning:</b> such a file may have lost any number of lines at its end, and nothing
         * can tell how many.
         *
         * @param allow true to accept a file without its end line; default false
         * @return this builder
         */
        public Builder allowUnclosed(boolean allow) {
            this.allowUnclosed = allow;
            return this;
        }

        /**
         * Creates the verifier.
         *
         * @return a verifier with this builder's settings
         */
        public TranscriptVerifier build() {
            return new TranscriptVerifier(this);
        }
    }

    /**
     * Verifies the transcript in {@code file}.
     *
     * @param file the transcript, a file of JSON lines
     * @return what the verified transcript contains
     * @throws TranscriptException naming the first line that fails
     * @throws IOException if the file cannot be read
     */
    public TranscriptSummary verify(Path file) throws IOException, TranscriptException {
        try (InputStream in = Files.newInputStream(file)) {
            return verify(in);
        }
    }

    /**
     * Verifies the transcript read from {@code in} to its end (the stream is not closed).
     *
     * @param in the transcript's bytes
     * @return what the verified transcript contains
     * @throws TranscriptException naming the first line that fails
     * @throws IOException if reading fails
     */
    public TranscriptSummary verify(InputStream in) throws IOException, TranscriptException {
        BoundedLineReader reader = new BoundedLineReader(in, maxLineBytes);
        Run run = new Run();
        byte[] line;
        while ((line = reader.next()) != null) {
            long n = reader.lineNumber();
            if (!reader.terminated()) {
                if (allowUnclosed && !run.ended) {
                    break;
                }
                throw new TranscriptException(
                        n, Reason.MALFORMED, "line does not end with a newline (the file is truncated)");
            }
            if (run.ended) {
                throw new TranscriptException(n, Reason.CONTINUITY, "line after the end line");
            }
            run.line(n, line);
        }
        if (run.writerKey == null) {
            throw new TranscriptException(1, Reason.CONTINUITY, "empty transcript");
        }
        if (!run.ended && !allowUnclosed) {
            throw new TranscriptException(
                    reader.lineNumber() + 1,
                    Reason.CONTINUITY,
                    "no end line: the file is truncated or its writer was not closed");
        }
        List<TranscriptSummary.SessionSummary> sessions = new ArrayList<>();
        for (Map.Entry<Bytes, Map<Direction, DirectionState>> s : run.sessions.entrySet()) {
            List<TranscriptSummary.DirectionSummary> dirs = new ArrayList<>();
            for (Map.Entry<Direction, DirectionState> d : s.getValue().entrySet()) {
                dirs.add(new TranscriptSummary.DirectionSummary(
                        d.getKey(),
                        d.getValue().heads.count(),
                        d.getValue().signer.fingerprint()));
            }
            sessions.add(new TranscriptSummary.SessionSummary(s.getKey(), dirs));
        }
        return new TranscriptSummary(run.writer.fingerprint(), run.messages, sessions, run.ended);
    }

    private static final class DirectionState {
        final PeerIdentity signer;
        /** The heads of this direction's chain that the other direction may still acknowledge. */
        final ChainHeads heads = new ChainHeads();
        /** The most messages of the other direction that a message of this one had seen. */
        long seen;

        DirectionState(PeerIdentity signer) {
            this.signer = signer;
        }
    }

    /** The state of one verification: what the lines so far established. */
    private final class Run {
        final Map<Bytes, Map<Direction, DirectionState>> sessions = new LinkedHashMap<>();
        final Map<String, PeerIdentity> identities = new HashMap<>();
        String prev = TranscriptFormat.GENESIS;
        String writerKey;
        PeerIdentity writer;
        long messages;
        boolean ended;
        long n;

        void line(long lineNumber, byte[] raw) throws TranscriptException {
            n = lineNumber;
            String text;
            try {
                text = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(raw))
                        .toString();
            } catch (CharacterCodingException e) {
                throw fail(Reason.MALFORMED, "not UTF-8", e);
            }
            Map<String, JsonValue> m;
            try {
                m = FlatJson.parse(text, limits);
            } catch (JsonSyntaxException e) {
                throw fail(Reason.MALFORMED, "not a flat JSON object: " + e.getMessage(), e);
            }
            long version = m.get("v") instanceof JsonValue.Num v ? v.asLong().orElse(-1) : -1;
            if (version == 1) {
                throw fail(
                        Reason.MALFORMED,
                        "format version 1, whose message signatures bind neither"
                                + " their signer nor the conversation, is not accepted; this verifier reads version "
                                + TranscriptFormat.VERSION,
                        null);
            }
            if (version != TranscriptFormat.VERSION) {
                throw fail(
                        Reason.MALFORMED,
                        "\"v\" is missing or not the supported version " + TranscriptFormat.VERSION,
                        null);
            }
            String kind = string(m, "kind");
            if (kind.equals(TranscriptFormat.KIND_MESSAGE)) {
                message(m, text);
            } else if (kind.equals(TranscriptFormat.KIND_END)) {
                end(m, text);
            } else {
                throw fail(Reason.MALFORMED, "unknown kind", null);
            }
            prev = HexFormat.of().formatHex(Sha256.hash(raw));
        }

        private void message(Map<String, JsonValue> m, String line) throws TranscriptException {
            boolean hasText = m.containsKey("text");
            members(m, hasText ? TranscriptFormat.MESSAGE_MEMBERS_TEXT : TranscriptFormat.MESSAGE_MEMBERS_BASE64);
            String session = hex32(m, "session");
            Direction direction = TranscriptFormat.direction(string(m, "direction"));
            if (direction == null) {
                throw fail(
                        Reason.MALFORMED, "\"direction\" is neither client-to-server nor" + " server-to-client", null);
            }
            long seq = number(m, "seq", 1);
            long seen = number(m, "seen", 0);
            String timestamp = timestamp(m);
            String sender = string(m, "sender");
            String sha256 = hex32(m, "sha256");
            String payloadText = hasText ? string(m, "text") : null;
            String payloadBase64 = hasText ? null : string(m, "base64");
            byte[] payload = hasText ? payloadText.getBytes(StandardCharsets.UTF_8) : base64(m, "base64");
            String signerKey = string(m, "signer");
            byte[] spki = base64(m, "signer");
            String signedDataText = string(m, "signedData");
            byte[] signedData = base64(m, "signedData");
            String signatureText = string(m, "signature");
            byte[] signature = base64(m, "signature");
            String linePrev = hex32(m, "prev");
            String writerFp = string(m, "writer");
            String lineWriterKey = string(m, "writerKey");
            byte[] writerSpki = base64(m, "writerKey");
            byte[] writerSignature = base64(m, "writerSignature");

            FlatJson.ObjectWriter unsigned = TranscriptFormat.unsigned(new TranscriptFormat.MessageLine(
                    session,
                    direction,
                    seq,
                    seen,
                    timestamp,
                    sender,
                    sha256,
                    payloadText,
                    payloadBase64,
                    signerKey,
                    signedDataText,
                    signatureText,
                    linePrev,
                    writerFp,
                    lineWriterKey));
            String unsignedJson = canonical(unsigned, m, line);

            chain(linePrev);
            PeerIdentity lineWriter = writer(writerFp, lineWriterKey, writerSpki);
            PeerIdentity signer = identity(signerKey, spki, "signer");
            if (!signer.fingerprint().toString().equals(sender)) {
                throw fail(Reason.INCONSISTENT, "\"sender\" is not the fingerprint of \"signer\"", null);
            }
            byte[] hash = Sha256.hash(payload);
            if (!HexFormat.of().formatHex(hash).equals(sha256)) {
                throw fail(
                        Reason.INCONSISTENT,
                        "\"sha256\" is not the SHA-256 of the " + (hasText ? "text" : "payload"),
                        null);
            }
            byte[] sessionId = HexFormat.of().parseHex(session);
            MessageSignatures.Message signed = signedData(signedData, signer, sessionId, direction, seq, seen, hash);

            Map<Direction, DirectionState> dirs =
                    sessions.computeIfAbsent(Bytes.of(sessionId), k -> new LinkedHashMap<>());
            DirectionState state = dirs.get(direction);
            Direction otherDirection =
                    direction == Direction.CLIENT_TO_SERVER ? Direction.SERVER_TO_CLIENT : Direction.CLIENT_TO_SERVER;
            DirectionState other = dirs.get(otherDirection);
            String name = TranscriptFormat.directionName(direction);
            String otherName = TranscriptFormat.directionName(otherDirection);
            long expectedSeq = state == null ? 1 : state.heads.count() + 1;
            if (seq != expectedSeq) {
                throw fail(
                        Reason.CONTINUITY,
                        "expected " + name + " message #" + expectedSeq + " of this session, found #" + seq,
                        null);
            }
            if (state != null && !state.signer.equals(signer)) {
                throw fail(Reason.CONTINUITY, "the signer of " + name + " messages in this session" + " changed", null);
            }
            byte[] previous = state == null ? MessageSignatures.emptyHead() : state.heads.last();
            if (!signed.previous().equals(Bytes.of(previous))) {
                throw fail(
                        Reason.CONTINUITY,
                        "\"signedData\" does not follow " + name + " message #"
                                + (seq - 1) + " of this session in this file (its sender signed it after another"
                                + " message)",
                        null);
            }
            if (state != null && seen < state.seen) {
                throw fail(
                        Reason.CONTINUITY,
                        "its sender says it had seen " + seen + " " + otherName + " message(s), fewer than an earlier "
                                + name + " message said",
                        null);
            }
            long present = other == null ? 0 : other.heads.count();
            if (seen > present) {
                throw fail(
                        Reason.CONTINUITY,
                        "its sender says it had seen " + seen + " " + otherName
                                + " message(s) of this session, but only " + present + " come before this line",
                        null);
            }
            byte[] seenHead = seen == 0 ? MessageSignatures.emptyHead() : other.heads.at(seen);
            if (seenHead == null) {
                throw fail(
                        Reason.CONTINUITY,
                        "it acknowledges " + otherName + " message #" + seen
                                + ", older than the " + ChainHeads.MAX_RETAINED + " unacknowledged messages the"
                                + " verifier (like a session) keeps",
                        null);
            }
            if (!signed.seenHead().equals(Bytes.of(seenHead))) {
                throw fail(
                        Reason.CONTINUITY,
                        "what its sender had seen is not " + otherName + " messages #1 to #" + seen
                                + " of this session as this file has them",
                        null);
            }
            if (state == null && other != null) {
                if (!lineWriter.equals(signer) && !lineWriter.equals(other.signer)) {
                    throw fail(Reason.INCONSISTENT, "the writer signed neither direction of this session", null);
                }
            }

            try {
                OfflineVerifier.verify(signer, signedData, signature);
            } catch (AuthenticationException e) {
                throw fail(Reason.SIGNATURE, "the message signature does not verify", e);
            }
            writerSignature(lineWriter, unsignedJson, writerSignature);

            if (state == null) {
                state = new DirectionState(signer);
                dirs.put(direction, state);
            }
            state.heads.append(MessageSignatures.head(signedData));
            state.seen = seen;
            if (other != null) {
                other.heads.forgetBefore(seen);
            }
            messages++;
        }

        /**
         * Parses {@code signedData} and checks that it names this line's signer, session, direction,
         * sequence number, {@code seen} and SHA-256; the rest is checked against other lines.
         */
        private MessageSignatures.Message signedData(
                byte[] signedData,
                PeerIdentity signer,
                byte[] sessionId,
                Direction direction,
                long seq,
                long seen,
                byte[] hash)
                throws TranscriptException {
            MessageSignatures.Message s;
            try {
                s = MessageSignatures.parseMessage(signedData);
            } catch (MalformedInputException e) {
                throw fail(Reason.INCONSISTENT, "\"signedData\" is not MARCOM message signed data", e);
            }
            String mismatch = null;
            if (!s.signer().equals(signer.fingerprint().sha256())) {
                mismatch = "names another signer than \"signer\"";
            } else if (!s.sessionId().equals(Bytes.of(sessionId))) {
                mismatch = "names another session than \"session\"";
            } else if (s.direction() != direction.code()) {
                mismatch = "names another direction than \"direction\"";
            } else if (s.sequence() != seq) {
                mismatch = "names another sequence number than \"seq\"";
            } else if (s.seen() != seen) {
                mismatch = "says its sender had seen another number of messages than \"seen\"";
            } else if (!s.sha256().equals(Bytes.of(hash))) {
                mismatch = "holds another SHA-256 than \"sha256\"";
            }
            if (mismatch != null) {
                throw fail(Reason.INCONSISTENT, "\"signedData\" " + mismatch, null);
            }
            return s;
        }

        private void end(Map<String, JsonValue> m, String line) throws TranscriptException {
            members(m, TranscriptFormat.END_MEMBERS);
            long count = number(m, "messages", 0);
            String timestamp = timestamp(m);
            String linePrev = hex32(m, "prev");
            String writerFp = string(m, "writer");
            String lineWriterKey = string(m, "writerKey");
            byte[] writerSpki = base64(m, "writerKey");
            byte[] writerSignature = base64(m, "writerSignature");
            String unsignedJson = canonical(
                    TranscriptFormat.unsigned(
                            new TranscriptFormat.EndLine(count, timestamp, linePrev, writerFp, lineWriterKey)),
                    m,
                    line);
            chain(linePrev);
            PeerIdentity lineWriter = writer(writerFp, lineWriterKey, writerSpki);
            if (count != messages) {
                throw fail(
                        Reason.CONTINUITY,
                        "the end line counts " + count + " messages, the file has " + messages,
                        null);
            }
            writerSignature(lineWriter, unsignedJson, writerSignature);
            ended = true;
        }

        private void members(Map<String, JsonValue> m, List<String> expected) throws TranscriptException {
            for (String name : expected) {
                if (!m.containsKey(name)) {
                    throw fail(Reason.MALFORMED, "member \"" + name + "\" is missing", null);
                }
            }
            Set<String> extra = new LinkedHashSet<>(m.keySet());
            expected.forEach(extra::remove);
            if (!extra.isEmpty()) {
                throw fail(Reason.MALFORMED, "unexpected member(s) " + extra, null);
            }
        }

        /** Completes the canonical line; the raw line must equal it. Returns the unsigned part. */
        private String canonical(FlatJson.ObjectWriter unsigned, Map<String, JsonValue> m, String line)
                throws TranscriptException {
            String unsignedJson = unsigned.toJson();
            String full = unsigned.string("writerSignature", string(m, "writerSignature"))
                    .toJson();
            if (!full.equals(line)) {
                throw fail(
                        Reason.MALFORMED,
                        "not in canonical form (member order, spacing or escapes"
                                + " differ from what the writer produces)",
                        null);
            }
            return unsignedJson;
        }

        private void chain(String linePrev) throws TranscriptException {
            if (!linePrev.equals(prev)) {
                throw fail(
                        Reason.CONTINUITY,
                        n == 1
                                ? "the first line's \"prev\" is not all zeros"
                                : "\"prev\" is not the SHA-256 of the previous line (a line was removed, inserted"
                                        + " or moved)",
                        null);
            }
        }

        private PeerIdentity writer(String fingerprint, String key, byte[] spki) throws TranscriptException {
            if (writerKey != null && !writerKey.equals(key)) {
                throw fail(Reason.CONTINUITY, "the writer differs from line 1's", null);
            }
            PeerIdentity id = identity(key, spki, "writerKey");
            if (!id.fingerprint().toString().equals(fingerprint)) {
                throw fail(Reason.INCONSISTENT, "\"writer\" is not the fingerprint of \"writerKey\"", null);
            }
            if (writerKey == null) {
                writerKey = key;
                writer = id;
            }
            return id;
        }

        private void writerSignature(PeerIdentity lineWriter, String unsignedJson, byte[] signature)
                throws TranscriptException {
            try {
                OfflineVerifier.verify(lineWriter, TranscriptFormat.lineSignedData(unsignedJson), signature);
            } catch (AuthenticationException e) {
                throw fail(Reason.SIGNATURE, "the writer's signature over the line does not verify", e);
            }
        }

        private PeerIdentity identity(String key, byte[] spki, String name) throws TranscriptException {
            PeerIdentity id = identities.get(key);
            if (id != null) {
                return id;
            }
            try {
                id = PeerIdentity.fromSubjectPublicKeyInfo(spki);
            } catch (MalformedInputException e) {
                throw fail(Reason.MALFORMED, "\"" + name + "\" is not a valid MARCOM identity: " + e.getMessage(), e);
            }
            if (identities.size() == IDENTITY_CACHE) {
                identities.clear();
            }
            identities.put(key, id);
            return id;
        }

        private String string(Map<String, JsonValue> m, String name) throws TranscriptException {
            if (m.get(name) instanceof JsonValue.Str s) {
                return s.value();
            }
            throw fail(
                    Reason.MALFORMED,
                    m.containsKey(name) ? "\"" + name + "\" is not a string" : "member \"" + name + "\" is missing",
                    null);
        }

        private long number(Map<String, JsonValue> m, String name, long min) throws TranscriptException {
            if (m.get(name) instanceof JsonValue.Num num) {
                long v = num.asLong().orElse(Long.MIN_VALUE);
                if (v >= min) {
                    return v;
                }
            }
            throw fail(Reason.MALFORMED, "\"" + name + "\" is not an integer of at least " + min, null);
        }

        private String hex32(Map<String, JsonValue> m, String name) throws TranscriptException {
            String s = string(m, name);
            if (s.length() != 64) {
                throw fail(Reason.MALFORMED, "\"" + name + "\" is not 64 hex digits", null);
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                    throw fail(Reason.MALFORMED, "\"" + name + "\" is not 64 lower-case hex digits", null);
                }
            }
            return s;
        }

        private byte[] base64(Map<String, JsonValue> m, String name) throws TranscriptException {
            String s = string(m, name);
            byte[] b;
            try {
                b = Base64.getDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                throw fail(Reason.MALFORMED, "\"" + name + "\" is not base64", e);
            }
            // The decoder tolerates nonzero padding bits; only the canonical encoding is accepted.
            if (!Base64.getEncoder().encodeToString(b).equals(s)) {
                throw fail(Reason.MALFORMED, "\"" + name + "\" is not canonical base64", null);
            }
            return b;
        }

        private String timestamp(Map<String, JsonValue> m) throws TranscriptException {
            String s = string(m, "timestamp");
            try {
                if (s.length() <= 64
                        && DateTimeFormatter.ISO_INSTANT
                                .format(Instant.parse(s))
                                .equals(s)) {
                    return s;
                }
            } catch (DateTimeException e) {
                // reported below
            }
            throw fail(
                    Reason.MALFORMED,
                    "\"timestamp\" is not an ISO-8601 UTC instant as" + " Instant.toString writes it",
                    null);
        }

        private TranscriptException fail(Reason reason, String detail, Throwable cause) {
            return new TranscriptException(n, reason, detail, cause);
        }
    }
}
