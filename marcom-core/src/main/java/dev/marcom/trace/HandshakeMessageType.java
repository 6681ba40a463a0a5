package dev.marcom.trace;

/** The kind of a handshake message in a {@link TraceEvent.HandshakeMessage}. */
public enum HandshakeMessageType {
    /** The client's offer: versions, suites and a nonce. */
    CLIENT_HELLO("ClientHello"),
    /** The server's choice, nonce, ElGamal key, identity and signature. */
    SERVER_HELLO("ServerHello"),
    /** The client's ciphertext, identity, signature and Finished MAC. */
    CLIENT_AUTH("ClientAuth"),
    /** The server's Finished MAC. */
    SERVER_FINISHED("ServerFinished"),
    /** The server's authenticated refusal of the client's identity. */
    REFUSAL("Refusal");

    private final String protocolName;

    HandshakeMessageType(String protocolName) {
        this.protocolName = protocolName;
    }

    /**
     * Returns the message's name in docs/PROTOCOL.md, for display.
     *
     * @return such as {@code ClientHello}
     */
    public String protocolName() {
        return protocolName;
    }
}
