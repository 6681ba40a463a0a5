package dev.marcom;

import java.time.Duration;

/** The handshake did not finish within the configured time; the transport has been closed. */
public class HandshakeTimeoutException extends MarcomException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param timeout the limit that was exceeded, shown in the message
     */
    public HandshakeTimeoutException(Duration timeout) {
        super("handshake did not finish within " + timeout.toMillis() + " ms");
    }
}
