package dev.marcom.session;

/**
 * What one received record produced: a complete verified message, nothing yet (a fragment or
 * key update was absorbed), or the peer's authenticated close.
 */
public sealed interface Inbound {

  /** A complete message that passed every check. */
  record Message(VerifiedMessage message) implements Inbound {
  }

  /** The record was valid but completes no message (a fragment, or a key update). */
  record Pending() implements Inbound {
  }

  /** The peer sent close_notify: the session ended cleanly and nothing was cut off. */
  record Closed() implements Inbound {
  }
}
