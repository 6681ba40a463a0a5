package dev.marcom.handshake;

import dev.marcom.session.Direction;

/** The side of a session: the client starts the handshake, the server answers it. */
public enum Role {
  CLIENT,
  SERVER;

  /** The direction of messages this side sends. */
  public Direction sendDirection() {
    return this == CLIENT ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
  }

  public Role peer() {
    return this == CLIENT ? SERVER : CLIENT;
  }
}
