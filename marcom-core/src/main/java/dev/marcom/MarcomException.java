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

  protected MarcomException(String message) {
    super(message);
  }

  protected MarcomException(String message, Throwable cause) {
    super(message, cause);
  }
}
