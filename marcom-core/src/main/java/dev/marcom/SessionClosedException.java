package dev.marcom;

/**
 * The session or handshake is no longer usable: it was closed locally, the peer closed it, or an
 * earlier failure made it terminal. The cause, when present, is that earlier failure.
 */
public class SessionClosedException extends MarcomException {
  private static final long serialVersionUID = 1L;

  public SessionClosedException(String message) {
    super(message);
  }

  public SessionClosedException(String message, Throwable cause) {
    super(message, cause);
  }
}
