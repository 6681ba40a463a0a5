package dev.marcom.server;

import java.io.IOException;

/**
 * A connection was closed or refused because a {@link Limits} value was reached: too many
 * connections, too many handshakes, or too many from one address. On a server, a handshake that
 * was waiting for its peer fails with it when a newer connection took its place.
 */
public class OverloadedException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which limit was reached
     */
    public OverloadedException(String message) {
        super(message);
    }
}
