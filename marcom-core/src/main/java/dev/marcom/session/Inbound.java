package dev.marcom.session;

import java.nio.ByteBuffer;

/**
 * What one received record produced. Exactly one of: a complete verified message, nothing yet (a
 * message fragment, a key update or a keep-alive answer was absorbed), the start, a chunk or the
 * verified end of a stream, a keep-alive probe to answer, or the peer's authenticated close.
 *
 * <p><b>Stream chunks are not yet verified</b>: each chunk's record authenticated (it came from
 * the peer, in order, unmodified), but the sender's signature over the whole stream is checked
 * only at {@link StreamEnd}. Keep chunks provisional (e.g. in a temporary file) until then.
 */
public sealed interface Inbound {

    /** A complete message that passed every check. */
    record Message(VerifiedMessage message) implements Inbound {}

    /** The record was valid but completes no message (a fragment, a key update or a pong). */
    record Pending() implements Inbound {}

    /** The peer began a stream; {@code announcedLength} is -1 if unknown. */
    record StreamStart(long sequence, String name, long announcedLength) implements Inbound {}

    /** Bytes of the current stream, authenticated as a record but not yet signature-verified. */
    record UnverifiedStreamChunk(ByteBuffer data) implements Inbound {
        /**
         * Wraps a chunk; {@link #data()} is a read-only view of {@code data}, sharing its content.
         *
         * @param data the chunk's bytes, from position to limit
         */
        public UnverifiedStreamChunk {
            data = data.asReadOnlyBuffer();
        }
    }

    /** The stream ended and its signature verified over all of its bytes. */
    record StreamEnd(VerifiedStream stream) implements Inbound {}

    /**
     * The peer sent a keep-alive probe: answer it by sending {@link Session#pong()}. (A pong from
     * the peer yields {@link Pending}.)
     */
    record Ping() implements Inbound {}

    /** The peer sent close_notify: the session ended cleanly and nothing was cut off. */
    record Closed() implements Inbound {}
}
