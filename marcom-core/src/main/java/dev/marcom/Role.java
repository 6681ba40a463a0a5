package dev.marcom;

/** The side of a session: the client starts the handshake, the server answers it. */
public enum Role {
    /** The side that connects and sends the first handshake message. */
    CLIENT,
    /** The side that accepts the connection and answers the client's hello. */
    SERVER;

    /**
     * Returns the direction of the messages this side sends.
     *
     * @return {@link Direction#CLIENT_TO_SERVER} for the client, otherwise
     *     {@link Direction#SERVER_TO_CLIENT}
     */
    public Direction sendDirection() {
        return this == CLIENT ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
    }

    /**
     * Returns the other side.
     *
     * @return {@link #SERVER} for the client and {@link #CLIENT} for the server
     */
    public Role peer() {
        return this == CLIENT ? SERVER : CLIENT;
    }
}
