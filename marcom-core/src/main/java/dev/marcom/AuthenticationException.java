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

  public AuthenticationException(String message) {
    super(message);
  }

  public AuthenticationException(String message, Throwable cause) {
    super(message, cause);
  }
}
