package dev.marcom.trace;

/** What the SHA-256 digest in a {@link TraceEvent.Digest} was computed over. */
public enum DigestSubject {
    /** The transcript hash the server's handshake signature covers. */
    SERVER_HANDSHAKE,
    /** The transcript hash the client's handshake signature covers. */
    CLIENT_HANDSHAKE,
    /** The whole handshake transcript; its hash is the session id. */
    SESSION_ID,
    /** A message's plaintext; the event's {@code sequence} is the message number. */
    MESSAGE,
    /** All the bytes of a stream; the event's {@code sequence} is the stream number. */
    STREAM
}
