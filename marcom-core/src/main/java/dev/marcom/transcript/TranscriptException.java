package dev.marcom.transcript;

import dev.marcom.MarcomException;
import java.util.Objects;

/**
 * A transcript failed verification at a given line: it is malformed, its fields disagree, a
 * signature does not verify, or lines are missing, repeated or out of order. Any change to a
 * transcript produced by {@link TranscriptWriter} raises this, naming the first line that shows it.
 */
public final class TranscriptException extends MarcomException {
    private static final long serialVersionUID = 1L;

    /** What kind of check failed. */
    public enum Reason {
        /**
         * The line does not parse: too long, not UTF-8, not a flat JSON object, missing or unknown
         * members, a value of the wrong type or format, or not in the canonical form the writer uses.
         */
        MALFORMED,
        /**
         * The line's fields disagree with each other: {@code signedData} does not name the key in
         * {@code signer}, or does not match {@code session}, {@code direction}, {@code seq},
         * {@code seen} or {@code sha256}; {@code sha256} is not the hash of the payload; a
         * fingerprint does not match its key; the writer signed neither direction of a session.
         */
        INCONSISTENT,
        /**
         * A DSA signature does not verify: the sender's over {@code signedData}, or the writer's over
         * the line. The cause is the {@link dev.marcom.AuthenticationException}.
         */
        SIGNATURE,
        /**
         * The line does not follow from the ones before: its {@code prev} is not the hash of the
         * previous line, a sequence number is skipped or repeated, the signer of a direction or the
         * writer changed, its message does not chain to the previous message of its direction, what
         * its sender had seen of the other direction is not what the lines before it hold (more,
         * other messages, or less than an earlier message said), the end line's count is wrong, the
         * end line is missing, or lines follow it.
         */
        CONTINUITY
    }

    /** The 1-based number of the first line at which verification failed. */
    private final long lineNumber;
    /** What kind of check failed. */
    private final Reason reason;

    /**
     * Creates a failure at a line; its message is {@code "transcript line <n>: <detail>"}.
     *
     * @param lineNumber the number of the line, from 1
     * @param reason what kind of check failed
     * @param detail what is wrong with the line
     * @throws IllegalArgumentException if {@code lineNumber} is below 1
     * @throws NullPointerException if {@code reason} is null
     */
    public TranscriptException(long lineNumber, Reason reason, String detail) {
        this(lineNumber, reason, detail, null);
    }

    /**
     * Creates a failure at a line with the lower-level failure that caused it.
     *
     * @param lineNumber the number of the line, from 1
     * @param reason what kind of check failed
     * @param detail what is wrong with the line
     * @param cause the underlying failure, such as the
     *     {@link dev.marcom.AuthenticationException} of a bad signature, or {@code null}
     * @throws IllegalArgumentException if {@code lineNumber} is below 1
     * @throws NullPointerException if {@code reason} is null
     */
    public TranscriptException(long lineNumber, Reason reason, String detail, Throwable cause) {
        super("transcript line " + lineNumber + ": " + detail, cause);
        if (lineNumber < 1) {
            throw new IllegalArgumentException("line numbers start at 1");
        }
        this.lineNumber = lineNumber;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Returns where verification failed.
     *
     * @return the 1-based number of the first line at which verification failed; for a missing end
     *     line, the number the end line would have had
     */
    public long lineNumber() {
        return lineNumber;
    }

    /**
     * Returns what kind of check failed.
     *
     * @return the reason, never null
     */
    public Reason reason() {
        return reason;
    }
}
