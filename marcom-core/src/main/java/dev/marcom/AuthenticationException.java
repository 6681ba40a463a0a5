package dev.marcom;

/**
 * Authentication failed: a record or handshake message was tampered with, a signature or Finished
 * MAC did not verify, a record was replayed, reordered or dropped, or the peer proved a key other
 * than the one it presented.
 *
 * <p>The message is deliberately coarse; it never says which byte or check failed, so it gives an
 * attacker no oracle. Nothing is delivered from a record that fails authentication.
 */
public class AuthenticationException extends MarcomException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, coarse enough to reveal no detail to an attacker
     */
    public AuthenticationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the lower-level failure that caused it.
     *
     * @param message what failed, coarse enough to reveal no detail to an attacker
     * @param cause the underlying failure, or {@code null}
     */
    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
