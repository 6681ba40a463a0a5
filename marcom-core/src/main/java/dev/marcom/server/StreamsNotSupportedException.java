package dev.marcom.server;

import dev.marcom.MarcomException;

/**
 * The peer began a stream (STREAM_BEGIN), which this non-blocking adapter does not receive in
 * this version: the session is ended without delivering any of it. Send large payloads to a
 * {@link MarcomServer} as messages (up to {@link dev.marcom.session.SessionConfig#maxMessageBytes()}),
 * or use the blocking {@link dev.marcom.transport.SecureChannel}, which receives streams.
 */
public class StreamsNotSupportedException extends MarcomException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param name the stream's name, as the peer announced it
     */
    public StreamsNotSupportedException(String name) {
        super("the peer began a stream (" + name + "), which this adapter does not receive;"
                + " send messages, or use SecureChannel for streams");
    }
}
