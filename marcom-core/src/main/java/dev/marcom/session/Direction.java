package dev.marcom.session;

/** Which way a message travels; part of every signed message and of every nonce's key. */
public enum Direction {
  CLIENT_TO_SERVER(1),
  SERVER_TO_CLIENT(2);

  private final int code;

  Direction(int code) {
    this.code = code;
  }

  /** The byte that stands for this direction in signed data. */
  public int code() {
    return code;
  }

  public static Direction of(int code) {
    return switch (code) {
      case 1 -> CLIENT_TO_SERVER;
      case 2 -> SERVER_TO_CLIENT;
      default -> throw new IllegalArgumentException("unknown direction " + code);
    };
  }
}
