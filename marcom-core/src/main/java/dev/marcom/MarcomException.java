package dev.marcom;

/**
 * Root of MARCOM's checked exceptions: every security or protocol failure the library detects is
 * one of its subtypes. Transport faults (a reset socket, an EOF) stay {@link java.io.IOException}.
 *
 * <p>Once a session or handshake has thrown a {@code MarcomException} it is terminal: its secrets
 * are erased and every later call fails with {@link SessionClosedException}.
 */
public abstract class MarcomException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     */
    protected MarcomException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the lower-level failure that caused it.
     *
     * @param message what failed
     * @param cause the underlying failure, or {@code null}
     */
    protected MarcomException(String message, Throwable cause) {
        super(message, cause);
    }
}
