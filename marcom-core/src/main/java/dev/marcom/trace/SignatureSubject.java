package dev.marcom.trace;

/** What a DSA signature in a {@link TraceEvent.Signature} signs (docs/PROTOCOL.md §4 and §6). */
public enum SignatureSubject {
    /**
     * The server's handshake signature: the transcript up to the ServerHello's signature, which
     * covers the server's fresh ElGamal key.
     */
    SERVER_HANDSHAKE,
    /**
     * The client's handshake signature: the transcript up to the ClientAuth's signature, which
     * covers the ciphertext (c1, c2).
     */
    CLIENT_HANDSHAKE,
    /** A message's signed data (§6.1); the event's {@code sequence} is the message number. */
    MESSAGE,
    /** A stream's signed data (§6.2); the event's {@code sequence} is the stream number. */
    STREAM;

    /**
     * Returns whether this is one of the two handshake signatures.
     *
     * @return true for {@link #SERVER_HANDSHAKE} and {@link #CLIENT_HANDSHAKE}
     */
    public boolean handshake() {
        return this == SERVER_HANDSHAKE || this == CLIENT_HANDSHAKE;
    }
}
