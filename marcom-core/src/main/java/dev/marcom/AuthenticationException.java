package dev.marcom;

/**
 * Authentication failed: a record or handshake message was tampered with, a signature or Finished
 * MAC did not verify, a record was replayed, reordered or dropped, or the peer proved a key other
 * than the one it presented.
 *
 * <p>The message names what failed to verify (a record, the server's handshake signature, a
 * message signature, a Finished MAC, a claim about what the peer had seen) and nothing finer: not
 * which byte differed, nor why a signature is invalid. That gives an attacker no oracle beyond the
 * failure itself, which every peer sees anyway: the first failure ends the session, and nothing is
 * delivered from input that fails authentication.
 */
public class AuthenticationException extends MarcomException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed to verify, without the detail of why
     */
    public AuthenticationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the lower-level failure that caused it.
     *
     * @param message what failed to verify, without the detail of why
     * @param cause the underlying failure, or {@code null}
     */
    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
