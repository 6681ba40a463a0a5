package dev.marcom.transcript;

import dev.marcom.Direction;
import dev.marcom.internal.json.FlatJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The transcript line format shared by {@link TranscriptWriter} and {@link TranscriptVerifier}:
 * member names and their order, and the bytes the writer signs. Both sides build lines with the
 * same code, so the verifier can demand that every line is exactly in canonical form.
 */
final class TranscriptFormat {
    /**
     * The format version. 2 since message signatures name their signer and chain the conversation
     * (issue 10): lines gained {@code seen}, and {@code signedData} has the new layout. Version 1
     * lines are refused, since their signatures prove neither.
     */
    static final int VERSION = 2;

    static final String KIND_MESSAGE = "message";
    static final String KIND_END = "end";
    /** {@code prev} of the first line: there is no previous line. */
    static final String GENESIS = "0".repeat(64);
    /**
     * Prefix of what the writer signs for each line. Distinct from every other MARCOM signature
     * input (handshake contexts start with 64 spaces; the message and stream labels, "chained
     * message" and "anchored stream", and those of the earlier layout differ from it at byte 11),
     * so a line signature can never be taken for another MARCOM signature, nor the reverse.
     */
    static final byte[] LINE_LABEL = "MARCOM v1, transcript line\0".getBytes(StandardCharsets.US_ASCII);

    static final List<String> MESSAGE_MEMBERS_TEXT = List.of(
            "v",
            "kind",
            "session",
            "direction",
            "seq",
            "seen",
            "timestamp",
            "sender",
            "sha256",
            "text",
            "signer",
            "signedData",
            "signature",
            "prev",
            "writer",
            "writerKey",
            "writerSignature");
    static final List<String> MESSAGE_MEMBERS_BASE64 = MESSAGE_MEMBERS_TEXT.stream()
            .map(n -> n.equals("text") ? "base64" : n)
            .toList();
    static final List<String> END_MEMBERS =
            List.of("v", "kind", "messages", "timestamp", "prev", "writer", "writerKey", "writerSignature");

    private TranscriptFormat() {}

    static String directionName(Direction d) {
        return d == Direction.CLIENT_TO_SERVER ? "client-to-server" : "server-to-client";
    }

    /** The direction named {@code name}, or null. */
    static Direction direction(String name) {
        return switch (name) {
            case "client-to-server" -> Direction.CLIENT_TO_SERVER;
            case "server-to-client" -> Direction.SERVER_TO_CLIENT;
            default -> null;
        };
    }

    /**
     * The fields of a message line other than {@code writerSignature}, all as written. Exactly one
     * of {@code text} and {@code base64} is non-null.
     */
    record MessageLine(
            String session,
            Direction direction,
            long seq,
            long seen,
            String timestamp,
            String sender,
            String sha256,
            String text,
            String base64,
            String signer,
            String signedData,
            String signature,
            String prev,
            String writer,
            String writerKey) {}

    /** The fields of the end line other than {@code writerSignature}. */
    record EndLine(long messages, String timestamp, String prev, String writer, String writerKey) {}

    /** A writer holding the line up to, not including, {@code writerSignature}. */
    static FlatJson.ObjectWriter unsigned(MessageLine m) {
        FlatJson.ObjectWriter w = FlatJson.writer()
                .number("v", VERSION)
                .string("kind", KIND_MESSAGE)
                .string("session", m.session())
                .string("direction", directionName(m.direction()))
                .number("seq", m.seq())
                .number("seen", m.seen())
                .string("timestamp", m.timestamp())
                .string("sender", m.sender())
                .string("sha256", m.sha256());
        if (m.text() != null) {
            w.string("text", m.text());
        } else {
            w.string("base64", m.base64());
        }
        return w.string("signer", m.signer())
                .string("signedData", m.signedData())
                .string("signature", m.signature())
                .string("prev", m.prev())
                .string("writer", m.writer())
                .string("writerKey", m.writerKey());
    }

    /** A writer holding the end line up to, not including, {@code writerSignature}. */
    static FlatJson.ObjectWriter unsigned(EndLine e) {
        return FlatJson.writer()
                .number("v", VERSION)
                .string("kind", KIND_END)
                .number("messages", e.messages())
                .string("timestamp", e.timestamp())
                .string("prev", e.prev())
                .string("writer", e.writer())
                .string("writerKey", e.writerKey());
    }

    /** What the writer signs for a line: the label, then the line without its signature. */
    static byte[] lineSignedData(String unsignedJson) {
        byte[] json = unsignedJson.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(LINE_LABEL, LINE_LABEL.length + json.length);
        System.arraycopy(json, 0, out, LINE_LABEL.length, json.length);
        return out;
    }
}
