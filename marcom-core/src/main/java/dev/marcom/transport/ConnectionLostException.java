package dev.marcom.transport;

import java.io.IOException;

/**
 * The transport ended without the peer's authenticated close_notify: the connection was cut, or
 * an attacker truncated it. Messages delivered before it are authentic; nothing after them is
 * known.
 */
public class ConnectionLostException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message how the connection ended
     */
    public ConnectionLostException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the transport failure that ended the connection.
     *
     * @param message how the connection ended
     * @param cause the transport failure, or {@code null}
     */
    public ConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
