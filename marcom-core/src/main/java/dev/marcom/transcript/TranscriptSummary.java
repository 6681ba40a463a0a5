package dev.marcom.transcript;

import dev.marcom.Bytes;
import dev.marcom.Direction;
import dev.marcom.Fingerprint;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a verified transcript contains. The fingerprints say who signed: compare them with the
 * identities you expect, since anyone can write a valid transcript of their own sessions.
 *
 * @param writer the identity that wrote and signed every line
 * @param messages the number of message lines
 * @param sessions the sessions in order of first appearance
 * @param closed whether the file ended with the writer's end line (always true unless the
 *     verifier was built with {@link TranscriptVerifier.Builder#allowUnclosed})
 */
public record TranscriptSummary(Fingerprint writer, long messages, List<SessionSummary> sessions, boolean closed) {
    /**
     * Creates a summary; the list of sessions is copied.
     *
     * @param writer the identity that wrote and signed every line
     * @param messages the number of message lines
     * @param sessions the sessions in order of first appearance
     * @param closed whether the file ended with the writer's end line
     * @throws NullPointerException if {@code writer}, {@code sessions} or one of its elements is
     *     null
     */
    public TranscriptSummary {
        Objects.requireNonNull(writer, "writer");
        sessions = List.copyOf(sessions);
    }

    /**
     * One session of the transcript.
     *
     * @param sessionId the session id
     * @param directions the directions that have messages, in order of first appearance
     */
    public record SessionSummary(Bytes sessionId, List<DirectionSummary> directions) {
        /**
         * Creates a session summary; the list of directions is copied.
         *
         * @param sessionId the session id
         * @param directions the directions that have messages, in order of first appearance
         * @throws NullPointerException if an argument or an element of {@code directions} is null
         */
        public SessionSummary {
            Objects.requireNonNull(sessionId, "sessionId");
            directions = List.copyOf(directions);
        }

        /**
         * Counts the messages in one direction.
         *
         * @param direction the direction
         * @return the number of messages in {@code direction}, 0 if none
         */
        public long messages(Direction direction) {
            return find(direction).map(DirectionSummary::messages).orElse(0L);
        }

        /**
         * Tells who signed the messages in one direction.
         *
         * @param direction the direction
         * @return the signer's fingerprint, or empty if {@code direction} has no messages
         */
        public Optional<Fingerprint> signer(Direction direction) {
            return find(direction).map(DirectionSummary::signer);
        }

        private Optional<DirectionSummary> find(Direction direction) {
            return directions.stream().filter(d -> d.direction() == direction).findFirst();
        }
    }

    /**
     * One direction of a session.
     *
     * @param direction the direction
     * @param messages how many messages, numbered 1 to {@code messages} without gaps
     * @param signer the identity that signed all of them
     */
    public record DirectionSummary(Direction direction, long messages, Fingerprint signer) {
        /**
         * Creates a direction summary.
         *
         * @param direction the direction
         * @param messages how many messages, numbered 1 to {@code messages} without gaps
         * @param signer the identity that signed all of them
         * @throws NullPointerException if {@code direction} or {@code signer} is null
         */
        public DirectionSummary {
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(signer, "signer");
        }
    }
}
