package dev.marcom;

/**
 * The session or handshake is no longer usable: it was closed locally, the peer closed it, or an
 * earlier failure made it terminal. The cause, when present, is that earlier failure.
 */
public class SessionClosedException extends MarcomException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message why the session is unusable
     */
    public SessionClosedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the earlier failure that made the session terminal.
     *
     * @param message why the session is unusable
     * @param cause the earlier failure, or {@code null}
     */
    public SessionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
